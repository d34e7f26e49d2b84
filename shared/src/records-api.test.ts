import { describe, expect, it } from 'vitest';
import { CONSULTATION_CHANNELS, CONSULTATION_COUNTERPARTS, SUPPORT_CATEGORIES } from './caseload-records.ts';
import {
  AnonymousConsultationCounts,
  CaseSearchQuery,
  ConsultationCounts,
  PersonPatchInput,
  PlanParams,
  TransferToAdultRequest,
} from './records-api.ts';

describe('a person patch', () => {
  it('changes only the fields sent: no default fills in what was left out', () => {
    expect(PersonPatchInput.parse({ name: '佐藤 花子' })).toEqual({ name: '佐藤 花子' });
  });

  it('needs at least one field', () => {
    const result = PersonPatchInput.safeParse({});
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('変更する項目を1つ以上指定してください');
  });

  it('refuses server-owned and unknown fields', () => {
    for (const body of [{ version: 3 }, { personId: 'person_01' }, { updatedAt: '2026-01-01T00:00:00Z' }]) {
      expect(PersonPatchInput.safeParse({ name: '佐藤 花子', ...body }).success).toBe(false);
    }
  });

  it('keeps the rules of a new person: kana stored in katakana, 10-digit recipient number', () => {
    expect(PersonPatchInput.parse({ kana: 'さとう' })).toEqual({ kana: 'サトウ' });
    expect(PersonPatchInput.safeParse({ kana: 'Sato' }).success).toBe(false);
    expect(PersonPatchInput.safeParse({ recipientNumber: '123456789' }).success).toBe(false);
    expect(PersonPatchInput.safeParse({ recipientNumber: '1234567890' }).success).toBe(true);
  });
});

describe('plan path parameters', () => {
  it('reads the version from the path as a whole positive number', () => {
    expect(PlanParams.parse({ caseId: 'case_0001', planVersion: '12' }).planVersion).toBe(12);
    for (const planVersion of ['0', '-1', '1.5', 'abc', '1000000']) {
      expect(PlanParams.safeParse({ caseId: 'case_0001', planVersion }).success).toBe(false);
    }
  });
});

describe('the transfer to an adult plan', () => {
  it('defaults to 計画相談支援 with six-monthly monitoring and refuses unknown fields', () => {
    const parsed = TransferToAdultRequest.parse({ transferOn: '2026-11-01', targetOfficeId: 'aozora' });
    expect(parsed).toMatchObject({ serviceKind: 'plan_consultation', monitoringPeriodMonths: 6, note: '' });
    expect(
      TransferToAdultRequest.safeParse({ transferOn: '2026-11-01', targetOfficeId: 'aozora', tenantId: 'x' })
        .success,
    ).toBe(false);
  });
});

describe('anonymous consultation counts', () => {
  it('must name every channel, counterpart and topic', () => {
    const counts = {
      month: '2026-11',
      officeId: 'aozora',
      total: 0,
      totalMinutes: 0,
      byChannel: {
        visit: 0,
        phone: 0,
        home_visit: 0,
        online: 0,
        outreach: 0,
        accompany: 0,
        email: 0,
        agency_liaison: 0,
      },
      byCounterpart: { person: 0, family: 0, agency: 0, other: 0 },
      byTopic: { service_info: 0, daily_life: 0, employment: 0, housing: 0, family: 0, other: 0 },
    };
    expect(AnonymousConsultationCounts.safeParse(counts).success).toBe(true);
    const { outreach: _outreach, ...fewerChannels } = counts.byChannel;
    expect(AnonymousConsultationCounts.safeParse({ ...counts, byChannel: fewerChannels }).success).toBe(
      false,
    );
  });
});

describe('consultation counts for the national survey', () => {
  it('must name every 支援内容, and take no record, name or text', () => {
    const counts = ConsultationCounts.parse({
      month: '2026-11',
      officeId: 'himawari',
      total: 1,
      totalMinutes: 30,
      bySupportCategory: Object.fromEntries(SUPPORT_CATEGORIES.map((category) => [category, 0])),
      byChannel: Object.fromEntries(CONSULTATION_CHANNELS.map((channel) => [channel, 0])),
      byCounterpart: Object.fromEntries(CONSULTATION_COUNTERPARTS.map((counterpart) => [counterpart, 0])),
    });
    const { advocacy: _advocacy, ...fewer } = counts.bySupportCategory;
    expect(ConsultationCounts.safeParse({ ...counts, bySupportCategory: fewer }).success).toBe(false);
    expect(ConsultationCounts.safeParse({ ...counts, recordIds: ['x'] }).success).toBe(false);
  });
});

describe('the search query', () => {
  it('takes 1 to 50 characters after trimming', () => {
    expect(CaseSearchQuery.safeParse({ q: '   ' }).success).toBe(false);
    expect(CaseSearchQuery.safeParse({ q: 'ア'.repeat(51) }).success).toBe(false);
    expect(CaseSearchQuery.parse({ q: ' さとう ' })).toMatchObject({ q: 'さとう', limit: 25 });
  });
});
