import { keys } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import {
  lastRecordDayOf,
  recordDaysOf,
  recordsWithoutTheirCase,
  retentionStartOf,
  withRecordDays,
} from './record-days.ts';

const T = 'kibougaoka';
const CASE = 'case-000001';
const record = (kind: Parameters<typeof keys.caseRecord>[2], fields: Record<string, unknown>) => ({
  ...keys.caseRecord(T, CASE, kind, 'r1'),
  ...fields,
});
const caseItem = (fields: Record<string, unknown> = {}) => ({
  ...keys.caseItem(T, CASE),
  entity: 'case',
  ...fields,
});

describe('the day a record of a case is about', () => {
  it.each([
    [
      'a consultation: the day consulted',
      record('CONSULTATION', { consultedOn: '2026-05-01' }),
      ['2026-05-01'],
    ],
    ['a monitoring: the day conducted', record('MONITORING', { conductedOn: '2026-05-02' }), ['2026-05-02']],
    [
      'a service decision: the day decided, never its period',
      record('DECISION', { decidedOn: '2026-04-01', validFrom: '2026-04-10', validTo: '2027-03-31' }),
      ['2026-04-01'],
    ],
    [
      'a phase change: the day changed (a closure: its closing day)',
      record('PHASE', { changedOn: '2026-05-03' }),
      ['2026-05-03'],
    ],
    [
      'a final plan: the day of the consent it rests on',
      record('PLAN', { status: 'final', consentOn: '2026-04-05', createdAt: '2026-11-30T01:00:00.000Z' }),
      ['2026-04-05'],
    ],
    [
      'a draft plan with its 計画作成日: that day, not the day it was typed in',
      record('PLAN', {
        status: 'draft',
        createdOn: '2026-02-10',
        createdAt: '2026-03-31T15:30:00.000Z',
        updatedAt: '2026-04-02T01:00:00.000Z',
      }),
      ['2026-02-10'],
    ],
    [
      'a draft plan written before plans kept their day: the days it was written and changed, in Japan',
      record('PLAN', {
        status: 'draft',
        createdAt: '2026-03-31T15:30:00.000Z',
        updatedAt: '2026-04-02T01:00:00.000Z',
      }),
      ['2026-04-01', '2026-04-02'],
    ],
    [
      'a meeting: the day held and each assignment done, never a due date',
      record('MEETING', {
        heldOn: '2026-05-04',
        assignments: [{ dueOn: '2026-12-31' }, { dueOn: '2026-06-01', doneOn: '2026-05-20' }],
      }),
      ['2026-05-04', '2026-05-20'],
    ],
    [
      "the core center's difficulty file: every move, never the next review",
      record('DIFFICULTY', {
        flaggedOn: '2026-05-05',
        escalation: { on: '2026-05-06' },
        acceptedOn: '2026-05-07',
        nextReviewOn: '2026-12-01',
        closure: { proposedOn: '2026-05-08', approvedOn: '2026-05-09' },
        history: [{ on: '2026-05-05' }, { on: '2026-05-10' }],
      }),
      ['2026-05-05', '2026-05-06', '2026-05-07', '2026-05-08', '2026-05-09', '2026-05-05', '2026-05-10'],
    ],
    [
      'a support meeting: the day held',
      record('DIFFICULTY', { heldOn: '2026-05-11', nextReviewOn: '2026-12-01' }),
      ['2026-05-11'],
    ],
    ['a sharing event: its day', record('SHARING', { on: '2026-05-12' }), ['2026-05-12']],
    ['the case item: none', caseItem({ openedOn: '2026-01-01', closedOn: '2026-05-01' }), []],
  ])('%s', (_label, item, days) => {
    expect(recordDaysOf(item)).toEqual(days);
  });

  it('is the latest of all the records of a partition', () => {
    const partition = [
      caseItem({ closedOn: '2020-01-01' }),
      record('CONSULTATION', { consultedOn: '2026-05-01' }),
      record('MONITORING', { conductedOn: '2026-06-01' }),
      record('PHASE', { changedOn: '2026-02-01' }),
    ];
    expect(lastRecordDayOf(partition)).toBe('2026-06-01');
    expect(lastRecordDayOf([caseItem()])).toBeUndefined();
  });
});

describe("the case's last record day as records are written beside it", () => {
  it('moves forward with a later record and never back for one entered late', () => {
    const later = [record('CONSULTATION', { consultedOn: '2026-06-01' })];
    const earlier = [record('CONSULTATION', { consultedOn: '2026-01-01' })];

    expect(withRecordDays({ lastRecordOn: '2026-05-01' }, later)).toEqual({ lastRecordOn: '2026-06-01' });
    expect(withRecordDays({ lastRecordOn: '2026-05-01' }, earlier)).toEqual({ lastRecordOn: '2026-05-01' });
  });

  it('stays unknown on a case item written before it existed: these records alone would understate it', () => {
    expect(withRecordDays({}, [record('CONSULTATION', { consultedOn: '2026-06-01' })])).toEqual({});
  });
});

describe('the day a closed case is kept from (the later of its closing day and its last record)', () => {
  it('is the closing day when every record is older', () => {
    const partition = [record('CONSULTATION', { consultedOn: '2019-12-01' })];
    expect(
      retentionStartOf(caseItem({ closedOn: '2020-01-01', lastRecordOn: '2019-12-01' }), partition),
    ).toBe('2020-01-01');
  });

  it('is the last record when it is newer than the closing day, even when the case item does not say so', () => {
    const partition = [record('CONSULTATION', { consultedOn: '2026-11-30' })];
    expect(retentionStartOf(caseItem({ closedOn: '2015-04-02' }), partition)).toBe('2026-11-30');
    expect(
      retentionStartOf(caseItem({ closedOn: '2015-04-02', lastRecordOn: '2015-04-02' }), partition),
    ).toBe('2026-11-30');
  });

  it('is the stored last record day when it is the latest (a record since deleted still counted)', () => {
    expect(retentionStartOf(caseItem({ closedOn: '2020-01-01', lastRecordOn: '2021-01-01' }), [])).toBe(
      '2021-01-01',
    );
  });
});

describe('a transaction writing records of a case (writeTransaction refuses what this finds)', () => {
  const consultation = record('CONSULTATION', { consultedOn: '2026-06-01' });

  it('finds a record written without its case item', () => {
    expect(recordsWithoutTheirCase(T, [consultation])).toEqual([consultation]);
  });

  it('finds a record later than the last record day its case item is written with', () => {
    expect(recordsWithoutTheirCase(T, [consultation, caseItem({ lastRecordOn: '2026-05-31' })])).toEqual([
      consultation,
    ]);
  });

  it('accepts a record beside its case item at a day no earlier, or at none (an item written before it existed)', () => {
    expect(recordsWithoutTheirCase(T, [consultation, caseItem({ lastRecordOn: '2026-06-01' })])).toEqual([]);
    expect(recordsWithoutTheirCase(T, [consultation, caseItem()])).toEqual([]);
  });

  it("ignores items outside case partitions and another tenant's keys", () => {
    const elsewhere = [
      { ...keys.person(T, 'person-1'), name: 'x' },
      { ...keys.caseRecord('hokushin', CASE, 'CONSULTATION', 'r1'), consultedOn: '2026-06-01' },
    ];
    expect(recordsWithoutTheirCase(T, elsewhere)).toEqual([]);
  });
});
