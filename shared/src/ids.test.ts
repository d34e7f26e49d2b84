import { describe, expect, it } from 'vitest';
import { CaseCreateInput } from './case.ts';
import {
  IsoDate,
  MunicipalityCode,
  OfficeNumber,
  RecipientNumber,
  TENANT_ID_PATTERN,
  TenantId,
} from './ids.ts';

describe('tenant id', () => {
  it.each([
    ['the key delimiter #', 'a#b'],
    ['the IAM wildcard *', 'ab*'],
    ['the IAM wildcard ?', 'ab?'],
    ['upper case', 'AB'],
    ['fewer than three characters', 'ab'],
    ['a leading hyphen', '-kibougaoka'],
    ['more than forty characters', 'a'.repeat(41)],
  ])('rejects %s', (_description, tenantId) => {
    expect(TENANT_ID_PATTERN.test(tenantId)).toBe(false);
    expect(TenantId.safeParse(tenantId).success).toBe(false);
  });

  it.each(['kibougaoka', 'sapporo-north', 'abc', 'a'.repeat(40)])('accepts %s', (tenantId) => {
    expect(TENANT_ID_PATTERN.test(tenantId)).toBe(true);
  });
});

describe.each([
  ['RecipientNumber (受給者証番号)', RecipientNumber],
  ['OfficeNumber (事業所番号)', OfficeNumber],
])('%s', (_name, schema) => {
  it('accepts exactly ten digits', () => {
    expect(schema.safeParse('0123456789').success).toBe(true);
  });

  it('reads full-width digits and spaces around as the ten digits', () => {
    expect(schema.parse('\u3000０１２３４５６７８９ ')).toBe('0123456789');
  });

  it.each([
    ['nine digits', '012345678'],
    ['eleven digits', '01234567890'],
    ['nine full-width digits', '０１２３４５６７８'],
    ['a hyphen', '01234-6789'],
    ['a letter', '012345678O'],
  ])('rejects %s', (_description, value) => {
    expect(schema.safeParse(value).success).toBe(false);
  });
});

describe('MunicipalityCode (市町村コード)', () => {
  it('reads full-width digits as the six digits', () => {
    expect(MunicipalityCode.parse('０１１００２')).toBe('011002');
  });

  it('refuses five digits, saying how many are needed', () => {
    expect(MunicipalityCode.safeParse('01100').error?.issues[0]?.message).toBe(
      '市町村コードは6桁の数字で入力してください',
    );
  });
});

describe('IsoDate', () => {
  it('answers a 令和 date as YYYY-MM-DD', () => {
    expect(IsoDate.parse('令和８年４月１日')).toBe('2026-04-01');
  });

  it('keeps an ISO date as it is', () => {
    expect(IsoDate.parse('2026-04-01')).toBe('2026-04-01');
  });

  it('refuses an impossible date with one message saying what the month allows', () => {
    const issues = IsoDate.safeParse('R8.2.30').error?.issues;
    expect(issues?.map(({ message }) => message)).toEqual(['令和8年2月は1日から28日までです']);
  });

  it('refuses what is not a string in Japanese', () => {
    expect(IsoDate.safeParse(20260401).error?.issues[0]?.message).toBe('日付を入力してください');
  });
});

const validCase = () => ({
  person: {
    name: '佐藤 花子',
    kana: 'サトウ ハナコ',
    birthDate: '2008-06-15',
    municipalityCode: '011002',
  },
  serviceKind: 'child_plan_consultation',
  planAuthor: 'specialist',
  monitoringPeriodMonths: 3,
  openedOn: '2026-04-01',
});

const issuesOf = (input: unknown) => {
  const result = CaseCreateInput.safeParse(input);
  return result.success ? [] : result.error.issues;
};

describe('CaseCreateInput', () => {
  it.each([
    ['tenantId', 'other-tenant'],
    ['version', 7],
    ['createdBy', 'someone_else'],
  ])('rejects the server-owned key %s', (key, value) => {
    const issues = issuesOf({ ...validCase(), [key]: value });

    expect(issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: [key], path: [] })]);
  });

  it('rejects a __proto__ key coming from JSON', () => {
    const input: unknown = JSON.parse(`{"__proto__":{"x":1},${JSON.stringify(validCase()).slice(1)}`);

    const issues = issuesOf(input);

    expect(issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['__proto__'] })]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('rejects an unknown key inside the person', () => {
    const input = { ...validCase(), person: { ...validCase().person, tenantId: 'other-tenant' } };

    expect(issuesOf(input)).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', path: ['person'] }),
    ]);
  });

  it('requires a self-plan reason when the plan is a self-plan', () => {
    const issues = issuesOf({ ...validCase(), planAuthor: 'self_plan' });

    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toEqual(['selfPlanReason']);
  });

  it('accepts a self-plan with its reason', () => {
    const input = { ...validCase(), planAuthor: 'self_plan', selfPlanReason: 'no_office_available' };

    expect(CaseCreateInput.safeParse(input).success).toBe(true);
  });

  it('does not require a self-plan reason for a plan written by a specialist', () => {
    expect(CaseCreateInput.safeParse(validCase()).success).toBe(true);
  });

  it('rejects a monitoring period the municipality cannot set', () => {
    const issues = issuesOf({ ...validCase(), monitoringPeriodMonths: 4 });

    expect(issues.map(({ path }) => path)).toEqual([['monitoringPeriodMonths']]);
  });

  it('stores what staff type in its one form: full-width digits, hiragana kana, 令和 dates', () => {
    const parsed = CaseCreateInput.parse({
      ...validCase(),
      person: {
        ...validCase().person,
        kana: 'さとう　はなこ',
        birthDate: '平成20年6月15日',
        municipalityCode: '０１１００２',
        recipientNumber: '１２３４５６７８９０',
      },
      openedOn: 'R8.4.1',
    });

    expect(parsed.person).toMatchObject({
      name: '佐藤 花子',
      kana: 'サトウ ハナコ',
      birthDate: '2008-06-15',
      municipalityCode: '011002',
      recipientNumber: '1234567890',
    });
    expect(parsed.openedOn).toBe('2026-04-01');
  });

  it('keeps the name as typed: full-width letters in a name are not normalised', () => {
    const parsed = CaseCreateInput.parse({
      ...validCase(),
      person: { ...validCase().person, name: 'ＡＢＣ 花子' },
    });

    expect(parsed.person.name).toBe('ＡＢＣ 花子');
  });

  it('fills in the defaults for service use and the person', () => {
    const parsed = CaseCreateInput.parse(validCase());

    expect(parsed.serviceUseStatus).toBe('not_started');
    expect(parsed.person.disabilityCategories).toEqual([]);
    expect(parsed.person.supportLevel).toBe('not_assessed');
    expect(parsed.person.familySituation).toBe('');
  });
});
