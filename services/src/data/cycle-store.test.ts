import type { Monitoring, PhaseChange, ServiceDecision, TimelineEntry } from '@kikan/shared';
import { describe, expect, it, vi } from 'vitest';
import { logger } from '../logger.ts';
import { byTimelineOrder, cycleRecordItem, toTimelineEntry } from './cycle-store.ts';

const META = { caseId: 'case_0001', createdAt: '2026-11-22T03:00:00.000Z', createdBy: 'user_sato01' };
const decision: ServiceDecision = {
  ...META,
  recordId: 'rec_decision1',
  decidedOn: '2026-10-20',
  validFrom: '2026-11-01',
  validTo: '2027-10-31',
  monitoringPeriodMonths: 3,
  intensiveStart: false,
  services: ['放課後等デイサービス'],
};
const monitoring: Monitoring = {
  ...META,
  recordId: 'rec_monitor1',
  conductedOn: '2026-11-10',
  kind: 'regular',
  method: 'home_visit',
  progress: [],
  personSatisfaction: '',
  planChangeNeeded: false,
  notes: '',
};
const phase: PhaseChange = {
  ...META,
  recordId: 'rec_phase001',
  from: 'intake',
  to: 'assessment',
  changedOn: '2026-11-22',
};

describe('cycle record items', () => {
  it('keys each record in its case partition, in date order within its kind', () => {
    expect(cycleRecordItem('kibougaoka', 'himawari', { kind: 'DECISION', record: decision })).toMatchObject({
      pk: 'T#kibougaoka#CASE#case_0001',
      sk: 'DECISION#2026-10-20#rec_decision1',
      entity: 'service_decision',
    });
    expect(cycleRecordItem('kibougaoka', 'himawari', { kind: 'MONITORING', record: monitoring }).sk).toBe(
      'MONITORING#2026-11-10#rec_monitor1',
    );
    expect(cycleRecordItem('kibougaoka', 'himawari', { kind: 'PHASE', record: phase }).sk).toBe(
      'PHASE#2026-11-22T03:00:00.000Z#rec_phase001',
    );
  });
});

describe('timeline entries', () => {
  const stored = (added: Parameters<typeof cycleRecordItem>[2]) =>
    cycleRecordItem('kibougaoka', 'himawari', added);

  it('reads back each cycle record as it was written, dated by the day it is about', () => {
    expect(toTimelineEntry(stored({ kind: 'DECISION', record: decision }))).toEqual({
      kind: 'decision',
      recordId: 'rec_decision1',
      date: '2026-10-20',
      createdAt: META.createdAt,
      record: decision,
    });
    expect(toTimelineEntry(stored({ kind: 'MONITORING', record: monitoring }))).toMatchObject({
      kind: 'monitoring',
      date: '2026-11-10',
      record: monitoring,
    });
    expect(toTimelineEntry(stored({ kind: 'PHASE', record: phase }))).toMatchObject({
      kind: 'phase',
      date: '2026-11-22',
      record: phase,
    });
  });

  it('leaves out the case item itself and items that are no case record', () => {
    expect(
      toTimelineEntry({ pk: 'T#kibougaoka#CASE#case_0001', sk: 'CASE', caseId: 'case_0001' }),
    ).toBeNull();
    expect(toTimelineEntry({ pk: 'T#kibougaoka#CASE#case_0001', sk: 'NOTE#1' })).toBeNull();
  });

  it('references a meeting and a consultation by their own date, and nothing else of them', () => {
    const meeting = {
      pk: 'T#kibougaoka#CASE#case_0001',
      sk: 'MEETING#2026-09-01#rec_meeting1',
      recordId: 'rec_meeting1',
      heldOn: '2026-09-01',
      opinions: '本人は週3日の通所を希望',
      createdAt: '2026-09-02T00:00:00.000Z',
    };
    expect(toTimelineEntry(meeting)).toEqual({
      kind: 'meeting',
      recordId: 'rec_meeting1',
      date: '2026-09-01',
      createdAt: '2026-09-02T00:00:00.000Z',
    });
    expect(
      toTimelineEntry({
        sk: 'CONSULTATION#2026-08-05#rec_consult1',
        recordId: 'rec_consult1',
        consultedOn: '2026-08-05',
        createdAt: '2026-08-05T05:00:00.000Z',
      }),
    ).toMatchObject({ kind: 'consultation', date: '2026-08-05' });
  });

  it('dates a plan by the day in Japan it was written', () => {
    expect(
      toTimelineEntry({ sk: 'PLAN#000001', recordId: 'rec_plan0001', createdAt: '2026-03-31T16:00:00.000Z' }),
    ).toEqual({
      kind: 'plan',
      recordId: 'rec_plan0001',
      date: '2026-04-01',
      createdAt: '2026-03-31T16:00:00.000Z',
    });
  });

  it('skips a reference it cannot read instead of failing the whole timeline, logging only its kind', () => {
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const unreadable = {
      sk: 'MEETING#x',
      recordId: 'rec_meeting2',
      createdAt: 'yesterday',
      opinions: '本人の希望',
    };
    expect(toTimelineEntry(unreadable)).toBeNull();
    expect(warn).toHaveBeenCalledWith('timeline skipped an unreadable record', { kind: 'MEETING' });
    warn.mockRestore();
  });

  it('orders entries by date, then by when they were written', () => {
    const entry = (recordId: string, date: string, createdAt: string): TimelineEntry => ({
      kind: 'plan',
      recordId,
      date,
      createdAt,
    });
    const entries = [
      entry('rec_third1', '2026-11-01', '2026-11-01T00:00:00.000Z'),
      entry('rec_second', '2026-10-01', '2026-11-02T00:00:00.000Z'),
      entry('rec_first1', '2026-10-01', '2026-10-01T00:00:00.000Z'),
    ];
    expect(entries.sort(byTimelineOrder).map((item) => item.recordId)).toEqual([
      'rec_first1',
      'rec_second',
      'rec_third1',
    ]);
  });
});
