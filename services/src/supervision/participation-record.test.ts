import { LEDGER_EVENT_KINDS } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import type { LedgerEventCopy } from '../data/ledger-store.ts';
import {
  PARTICIPATION_CSV_HEADER,
  groupParticipation,
  participationCsvRows,
  participationFilename,
  participationRecord,
} from './participation-record.ts';

const copy = (overrides: Partial<LedgerEventCopy>): LedgerEventCopy => ({
  eventId: 'event_0001',
  kind: 'training',
  heldOn: '2026-05-20',
  fiscalYear: 2026,
  title: '相談支援専門員 現任研修',
  officeIds: ['aozora', 'himawari', 'midori'],
  organisations: ['希望が丘市社会福祉協議会'],
  unnamedOrganisationCount: 2,
  participantCount: 18,
  municipalityCode: '990001',
  linkedCaseCount: 0,
  notes: '',
  version: 1,
  createdAt: '2026-05-20T01:00:00.000Z',
  createdBy: 'user-takahashi',
  updatedAt: '2026-05-20T01:00:00.000Z',
  updatedBy: 'user-takahashi',
  ...overrides,
});

const COPIES = [
  copy({ eventId: 'event_0003', kind: 'advice_visit', heldOn: '2026-09-01', officeIds: ['aozora'] }),
  copy({ eventId: 'event_0001', kind: 'training', heldOn: '2026-05-20' }),
  copy({ eventId: 'event_0002', kind: 'advice_visit', heldOn: '2026-04-10', officeIds: ['aozora'] }),
  copy({ eventId: 'event_0004', kind: 'case_review', heldOn: '2027-03-31', linkedCaseCount: 3 }),
];

describe('participation grouping', () => {
  it('groups the events by kind in the ledger order, each group by date, with zero counts kept', () => {
    const groups = groupParticipation(COPIES);

    expect(groups.map((group) => group.kind)).toEqual([...LEDGER_EVENT_KINDS]);
    expect(groups.map((group) => group.count)).toEqual([2, 1, 0, 1, 0, 0]);
    expect(groups[0]?.events.map((event) => event.eventId)).toEqual(['event_0002', 'event_0003']);
    expect(groups[0]?.label).toBe('訪問等による専門的な指導・助言');
  });

  it('counts named and unnamed organisations and the offices taking part', () => {
    const [training] = groupParticipation(COPIES).filter((group) => group.kind === 'training');

    expect(training?.events[0]).toMatchObject({ organisationCount: 3, officeCount: 3, participantCount: 18 });
  });

  it('totals the groups and names the fiscal year in 令和', () => {
    const record = participationRecord({ officeId: 'aozora', name: '相談支援事業所あおぞら' }, 2026, COPIES);

    expect(record).toMatchObject({ total: 4, fiscalYear: 2026, fiscalYearLabel: '令和8年度' });
  });
});

describe('participation CSV rows', () => {
  const record = participationRecord({ officeId: 'aozora', name: '相談支援事業所あおぞら' }, 2026, COPIES);

  it('starts with the Japanese header and has one row per event, in the order of the JSON record', () => {
    const rows = participationCsvRows(record);

    expect(rows[0]).toEqual([...PARTICIPATION_CSV_HEADER]);
    expect(rows.slice(1).map((row) => row[0])).toEqual([
      '2026-04-10',
      '2026-09-01',
      '2026-05-20',
      '2027-03-31',
    ]);
  });

  it('writes each date in the Gregorian calendar and in 令和', () => {
    const last = participationCsvRows(record).at(-1);

    expect(last).toEqual([
      '2027-03-31',
      '令和9年3月31日',
      '個別事例の支援内容の検証',
      '相談支援専門員 現任研修',
      3,
      3,
      '希望が丘市社会福祉協議会',
      18,
      3,
    ]);
  });

  it('names the file after the office and the fiscal year', () => {
    expect(participationFilename(record)).toBe('参加記録_相談支援事業所あおぞら_令和8年度.csv');
  });
});
