import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { keys } from '@kikan/shared';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { CaseRecord } from './case-store.ts';
import { caseWriteItems } from './case-store.ts';
import { officeFigureItems, officeFigureWrites } from './office-stats-store.ts';

beforeAll(() => {
  vi.stubEnv('AUTH_MODE', 'local');
  vi.stubEnv('LOCAL_ISSUER', 'http://127.0.0.1:1/local-auth');
  vi.stubEnv('LOCAL_CLIENT_ID', 'x');
  vi.stubEnv('DYNAMODB_ENDPOINT', 'http://127.0.0.1:1');
  vi.stubEnv('TABLE_NAME', 'test-table');
});

const record: CaseRecord = {
  caseId: 'case_0001',
  caseCode: 'K-ABCDEF',
  tenantId: 'kibougaoka',
  officeId: 'himawari',
  personId: 'person_7f3a9c',
  personName: '佐藤 花子',
  personKana: 'サトウ ハナコ',
  birthDate: '2008-11-23',
  specialistUserId: 'user_sato01',
  serviceKind: 'child_plan_consultation',
  planAuthor: 'specialist',
  phase: 'monitoring',
  monitoringPeriodMonths: 3,
  serviceUseStatus: 'using',
  openedOn: '2025-04-01',
  sharedWithCore: false,
  nextMonitoringDueOn: null,
  version: 5,
  createdAt: '2025-04-01T01:00:00.000Z',
  createdBy: 'user_sato01',
  updatedAt: '2025-04-01T01:00:00.000Z',
  updatedBy: 'user_sato01',
};
const next = (changes: Partial<CaseRecord>): CaseRecord => ({ ...record, ...changes, version: 6 });

/** The counter values an Update adds, by attribute name. */
const addedBy = (update: { ExpressionAttributeNames?: object; ExpressionAttributeValues?: object }) => {
  const names = (update.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (update.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(names)
      .filter(([placeholder]) => /^#c\d+$/.test(placeholder))
      .map(([placeholder, name]) => [name, values[`:${placeholder.slice(1)}`]]),
  );
};

describe('the items a case write carries for the dashboard', () => {
  it('adds the difference to the office stats item with ADD, naming every counter by placeholder', () => {
    const [update] = officeFigureWrites([
      { before: record, after: next({ specialistUserId: 'user_suzuki1' }) },
    ]);
    expect(update?.Update?.Key).toEqual({ pk: 'T#kibougaoka#OFFICE_STATS', sk: 'OFFICE#himawari' });
    expect(update?.Update?.UpdateExpression).toMatch(/ ADD #c0 :c0, #c1 :c1$/);
    expect(update?.Update?.ConditionExpression).toBeUndefined();
    expect(addedBy(update?.Update ?? {})).toEqual({
      'specialist#user_sato01': -1,
      'specialist#user_suzuki1': 1,
    });
  });

  it('writes nothing beside a case write that changes no figure', () => {
    expect(officeFigureWrites([{ before: record, after: next({ lastMonitoringOn: '2026-06-01' }) }])).toEqual(
      [],
    );
  });

  it('writes the new case with its case-code lookup, one counter update, its two milestones and the statistics of the years it touches', () => {
    const [casePut, codePut, ...items] = caseWriteItems([{ record, previous: null }]);
    expect(codePut?.Put?.Item).toMatchObject({
      ...keys.caseCode(record.tenantId, record.caseCode),
      caseId: record.caseId,
      personId: record.personId,
    });
    expect(codePut?.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    items.unshift(casePut ?? {});
    expect(items.map((item) => Object.keys(item)[0])).toEqual([
      'Put',
      'Update',
      'Put',
      'Put',
      'Update',
      'Update',
    ]);
    // The person reaches 18 in November 2026 (FY2026) and 65 in November 2073 (FY2073).
    expect(items.slice(4).map((item) => item.Update?.Key)).toEqual([
      { pk: 'T#kibougaoka#STATISTICS#FY2026', sk: 'OFFICE#himawari' },
      { pk: 'T#kibougaoka#STATISTICS#FY2073', sk: 'OFFICE#himawari' },
    ]);
    expect(items[0]?.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    // Keyed by the day the age is reached: 22 November, the day before the birthday (年齢計算ニ関スル法律).
    expect(items.slice(2, 4).map((item) => item.Put?.Item?.sk)).toEqual([
      '2026-11-22#himawari#18#case_0001',
      '2073-11-22#himawari#65#case_0001',
    ]);
  });

  it('deletes the milestones of a closed case in the closing transaction', () => {
    const items = caseWriteItems([{ record: next({ phase: 'closed' }), previous: record }]);
    // The two trailing updates take the closed case out of the "reaching 18 / 65" statistics.
    expect(items.map((item) => Object.keys(item)[0])).toEqual([
      'Put',
      'Update',
      'Delete',
      'Delete',
      'Update',
      'Update',
    ]);
    expect(items[0]?.Put?.ExpressionAttributeValues).toEqual({ ':expected': 5 });
  });

  it('merges two cases of one office into one update, as DynamoDB allows one action per item', () => {
    const items = caseWriteItems([
      { record: next({ phase: 'closed' }), previous: record },
      { record: { ...record, caseId: 'case_0002', version: 1 }, previous: null },
    ]);
    expect(items.filter((item) => item.Update)).toEqual([]);
  });

  it('leaves the statistics alone when a write changes none of their facts', () => {
    const items = caseWriteItems([{ record: next({ serviceUseStatus: 'paused' }), previous: record }]);
    expect(items.map((item) => Object.keys(item)[0])).toEqual(['Put']);
  });

  it('updates both offices of a transfer', () => {
    const items = caseWriteItems([
      { record: next({ phase: 'closed' }), previous: record },
      { record: { ...record, caseId: 'case_0002', officeId: 'aozora', version: 1 }, previous: null },
    ]);
    expect(
      items.flatMap((item) =>
        item.Update?.Key?.pk === 'T#kibougaoka#OFFICE_STATS' ? [item.Update.Key.sk] : [],
      ),
    ).toEqual(['OFFICE#himawari', 'OFFICE#aozora']);
  });

  it('keeps the 412 of the case the caller sent, and a 409 for a case rewritten as a side effect', () => {
    const [sent] = caseWriteItems([{ record: next({}), previous: record }]);
    const [beside] = caseWriteItems([{ record: next({}), previous: record, onStale: 'conflict' }]);
    expect(sent?.Put?.ReturnValuesOnConditionCheckFailure).toBe('ALL_OLD');
    expect(beside?.Put?.ReturnValuesOnConditionCheckFailure).toBeUndefined();
  });
});

describe('figures computed from scratch (seeding, bulk loads)', () => {
  it('writes one stats item per office with the counters as attributes, and the milestones', () => {
    const items = officeFigureItems([
      record,
      { ...record, caseId: 'case_0002', planAuthor: 'self_plan', selfPlanReason: 'person_wish' },
    ]);
    expect(items[0]).toEqual({
      pk: 'T#kibougaoka#OFFICE_STATS',
      sk: 'OFFICE#himawari',
      entity: 'office_stats',
      tenantId: 'kibougaoka',
      officeId: 'himawari',
      activeCases: 2,
      'specialist#user_sato01': 2,
      planCases: 2,
      withoutFinalPlan: 1,
      selfPlan: 1,
      'selfPlanReason#person_wish': 1,
    });
    expect(items.filter((item) => item.entity === 'life_stage_milestone')).toHaveLength(4);
  });
});

describe('one way to write a case', () => {
  it('builds case items for writes in case-store.ts only, where caseWriteItems adds the figures', () => {
    const sourceRoot = join(import.meta.dirname, '..');
    const builders = readdirSync(sourceRoot, { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts'))
      .filter((path) => /(?<![.\w])caseItem\(/.test(readFileSync(join(sourceRoot, path), 'utf8')));
    expect(builders).toEqual([join('data', 'case-store.ts')]);
  });
});
