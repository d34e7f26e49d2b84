import type { CaseView } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { countByPhase } from './home-summary.ts';

const caseIn = (phase: CaseView['phase']): CaseView => ({
  visibility: 'pseudonymised',
  caseId: `case-${phase}`,
  caseCode: 'K-1',
  officeId: 'office-01',
  serviceKind: 'plan_consultation',
  planAuthor: 'specialist',
  phase,
  monitoringPeriodMonths: 6,
  serviceUseStatus: 'using',
  openedOn: '2026-04-01',
  sharedWithCore: false,
  nextMonitoringDueOn: null,
  monitoringOverdue: false,
  version: 1,
  updatedAt: '2026-04-01T00:00:00.000Z',
  initials: 'ヤ・タ',
  ageBand: '30-39',
});

describe('countByPhase', () => {
  it('counts cases per phase and lists every phase of the cycle, zeros included', () => {
    const counts = countByPhase([caseIn('monitoring'), caseIn('monitoring'), caseIn('intake')]);

    expect(counts).toEqual({
      intake: 1,
      assessment: 0,
      planning: 0,
      implementation: 0,
      monitoring: 2,
      closed: 0,
    });
    expect(Object.keys(counts)).toEqual([
      'intake',
      'assessment',
      'planning',
      'implementation',
      'monitoring',
      'closed',
    ]);
  });
});
