import {
  CASE_PHASES,
  canTransition,
  type MonitoringInput,
  type PhaseChangeInput,
  type ServiceDecisionInput,
} from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../data/case-store.ts';
import { AppError, ConflictError, ValidationError } from '../kernel/errors.ts';
import {
  applyCaseSettings,
  applyMonitoring,
  applyPhaseChange,
  applyServiceDecision,
  nextMonitoringDueOn,
  phaseMoveRefusal,
} from './case-changes.ts';
import type { Stamp } from '../kernel/stamp.ts';

const STAMP: Stamp = { at: '2026-11-22T03:00:00.000Z', userId: 'user_suzuki02', today: '2026-11-22' };
const DECISION = { validFrom: '2026-04-01', validTo: '2027-03-31', periodMonths: 3, intensiveStart: false };

const caseRecord = (overrides: Partial<CaseRecord> = {}): CaseRecord => ({
  caseId: 'case_0001',
  caseCode: 'K-ABCDEF',
  tenantId: 'kibougaoka',
  officeId: 'office_north1',
  personId: 'person_7f3a9c',
  personName: '佐藤 花子',
  personKana: 'サトウ ハナコ',
  birthDate: '1990-05-10',
  specialistUserId: 'user_tanaka01',
  serviceKind: 'plan_consultation',
  planAuthor: 'specialist',
  phase: 'monitoring',
  monitoringPeriodMonths: 3,
  serviceUseStatus: 'using',
  openedOn: '2026-03-01',
  sharedWithCore: false,
  decision: DECISION,
  nextMonitoringDueOn: '2026-07-31',
  version: 4,
  createdAt: '2026-03-01T01:00:00.000Z',
  createdBy: 'user_tanaka01',
  updatedAt: '2026-10-01T02:30:00.000Z',
  updatedBy: 'user_tanaka01',
  ...overrides,
});

const monitoringInput = (overrides: Partial<MonitoringInput> = {}): MonitoringInput => ({
  conductedOn: '2026-10-15',
  kind: 'regular',
  method: 'home_visit',
  overallSituation: '',
  progress: [],
  personSatisfaction: '',
  planChangeNeeded: false,
  notes: '',
  ...overrides,
});

const decisionInput = (overrides: Partial<ServiceDecisionInput> = {}): ServiceDecisionInput => ({
  decidedOn: '2026-10-20',
  validFrom: '2026-11-01',
  validTo: '2027-10-31',
  monitoringPeriodMonths: 6,
  intensiveStart: true,
  services: ['生活介護'],
  ...overrides,
});

/** The error a function throws, so a test can assert its status, fields and message. */
const thrownBy = (action: () => unknown): AppError => {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
};

describe('next monitoring due date', () => {
  it('is the end of the first scheduled month after the latest monitoring', () => {
    expect(nextMonitoringDueOn(caseRecord({ lastMonitoringOn: '2026-07-10' }), '2026-11-22')).toBe(
      '2026-10-31',
    );
  });

  it('is the first scheduled month when nothing was monitored yet', () => {
    expect(nextMonitoringDueOn(caseRecord(), '2026-11-22')).toBe('2026-07-31');
  });

  it('is none without a service decision, and none once the case is closed', () => {
    expect(nextMonitoringDueOn(caseRecord({ decision: undefined }), '2026-11-22')).toBeNull();
    expect(nextMonitoringDueOn(caseRecord({ phase: 'closed' }), '2026-11-22')).toBeNull();
  });

  it('is the decision’s last month once no scheduled month is left (never 未定 under a decision in force), none once it is covered', () => {
    expect(nextMonitoringDueOn(caseRecord({ lastMonitoringOn: '2027-01-20' }), '2027-02-01')).toBe(
      '2027-03-31',
    );
    expect(nextMonitoringDueOn(caseRecord({ lastMonitoringOn: '2027-03-02' }), '2027-03-03')).toBeNull();
  });
});

describe('case settings', () => {
  it('changes only the fields given, and stamps version, time and author', () => {
    const record = applyCaseSettings(caseRecord(), { serviceUseStatus: 'paused' }, STAMP);
    expect(record).toEqual({
      ...caseRecord(),
      serviceUseStatus: 'paused',
      version: 5,
      updatedAt: STAMP.at,
      updatedBy: STAMP.userId,
    });
  });

  it('keeps the monitoring schedule of paused service use', () => {
    const paused = applyCaseSettings(
      caseRecord({ lastMonitoringOn: '2026-07-10' }),
      { serviceUseStatus: 'paused' },
      STAMP,
    );
    expect(paused.nextMonitoringDueOn).toBe('2026-10-31');
  });

  it('moves the schedule to a new monitoring period', () => {
    const record = applyCaseSettings(caseRecord(), { monitoringPeriodMonths: 1 }, STAMP);
    expect(record.decision?.periodMonths).toBe(1);
    expect(record.nextMonitoringDueOn).toBe('2026-05-31');
  });

  it('records a switch to a self-plan with its reason, and drops the reason on the way back', () => {
    const selfPlan = applyCaseSettings(
      caseRecord(),
      { planAuthor: 'self_plan', selfPlanReason: 'no_office_available' },
      STAMP,
    );
    expect(selfPlan).toMatchObject({ planAuthor: 'self_plan', selfPlanReason: 'no_office_available' });
    const back = applyCaseSettings(selfPlan, { planAuthor: 'specialist' }, STAMP);
    expect(back.planAuthor).toBe('specialist');
    expect(back).not.toHaveProperty('selfPlanReason');
  });

  it("changes a self-plan's reason alone", () => {
    const record = applyCaseSettings(
      caseRecord({ planAuthor: 'self_plan', selfPlanReason: 'person_wish' }),
      { selfPlanReason: 'family_wish' },
      STAMP,
    );
    expect(record).toMatchObject({ planAuthor: 'self_plan', selfPlanReason: 'family_wish' });
  });

  it("refuses a self-plan reason on a specialist's plan (400 on the field)", () => {
    const error = thrownBy(() => applyCaseSettings(caseRecord(), { selfPlanReason: 'other' }, STAMP));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fields?.map((field) => field.field)).toEqual(['body.selfPlanReason']);
  });

  it('refuses to change a closed case (409)', () => {
    const error = thrownBy(() =>
      applyCaseSettings(caseRecord({ phase: 'closed' }), { serviceUseStatus: 'ended' }, STAMP),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe('終結したケースは変更できません');
  });
});

describe('phase changes', () => {
  // Nothing can ask to go back to intake: the input schema has no such target.
  const targets = CASE_PHASES.filter((phase): phase is PhaseChangeInput['to'] => phase !== 'intake');
  const moves = CASE_PHASES.flatMap((from) => targets.map((to) => [from, to] as const));
  const inputFor = (to: PhaseChangeInput['to']): PhaseChangeInput =>
    to === 'closed'
      ? { to, closedOn: '2026-11-01', reason: 'moved_away', postEvaluation: '転居先の事業所に引き継いだ' }
      : { to };

  it.each(moves.filter(([from, to]) => canTransition(from, to)))('moves %s → %s', (from, to) => {
    const { record, change } = applyPhaseChange(
      caseRecord({ phase: from }),
      inputFor(to),
      STAMP,
      'rec_000001',
    );
    expect(record.phase).toBe(to);
    expect(record.version).toBe(5);
    expect(change).toMatchObject({ recordId: 'rec_000001', caseId: 'case_0001', from, to });
  });

  it.each(moves.filter(([from, to]) => !canTransition(from, to)))('refuses %s → %s with 409', (from, to) => {
    const error = thrownBy(() =>
      applyPhaseChange(caseRecord({ phase: from }), inputFor(to), STAMP, 'rec_000001'),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe(phaseMoveRefusal(from, to));
  });

  it('names both phases in Japanese when refusing', () => {
    expect(phaseMoveRefusal('intake', 'monitoring')).toBe('インテークからモニタリングへは移行できません');
  });

  it('dates an ordinary move today and keeps the schedule', () => {
    const { record, change } = applyPhaseChange(
      caseRecord({ phase: 'monitoring' }),
      { to: 'planning' },
      STAMP,
      'rec_000001',
    );
    expect(change.changedOn).toBe('2026-11-22');
    expect(change).not.toHaveProperty('closure');
    expect(record.nextMonitoringDueOn).toBe('2026-07-31');
  });

  it('dates a move by the day given (変更日), not today', () => {
    const { change } = applyPhaseChange(
      caseRecord({ phase: 'monitoring' }),
      { to: 'planning', changedOn: '2026-09-30' },
      STAMP,
      'rec_000001',
      '2026-06-01',
    );
    expect(change.changedOn).toBe('2026-09-30');
  });

  it.each([
    ['before the case opened', '2026-02-28', undefined, '変更日はケースの開始日以降にしてください'],
    ['in the future', '2026-11-23', undefined, '変更日に未来の日付は指定できません'],
    [
      'before the previous phase change',
      '2026-05-31',
      '2026-06-01',
      '変更日は前回のフェーズ変更日（2026-06-01）以降にしてください',
    ],
  ])('refuses a change day %s (400 on body.changedOn)', (_label, changedOn, previous, message) => {
    const error = thrownBy(() =>
      applyPhaseChange(
        caseRecord({ phase: 'monitoring' }),
        { to: 'planning', changedOn },
        STAMP,
        'rec_000001',
        previous,
      ),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fields).toEqual([{ field: 'body.changedOn', message }]);
  });

  it('refuses a closing date before the previous phase change (400 on body.closedOn)', () => {
    const error = thrownBy(() =>
      applyPhaseChange(
        caseRecord(),
        { to: 'closed', closedOn: '2026-05-31', reason: 'other', postEvaluation: '終結' },
        STAMP,
        'rec_000001',
        '2026-06-01',
      ),
    );
    expect(error.fields).toEqual([
      { field: 'body.closedOn', message: '終結日は前回のフェーズ変更日（2026-06-01）以降にしてください' },
    ]);
  });

  it('closes with the date, the reason and the post-evaluation, and ends the schedule', () => {
    const { record, change } = applyPhaseChange(caseRecord(), inputFor('closed'), STAMP, 'rec_000001');
    expect(record).toMatchObject({
      phase: 'closed',
      closedOn: '2026-11-01',
      closureReason: 'moved_away',
      nextMonitoringDueOn: null,
    });
    expect(change).toMatchObject({
      changedOn: '2026-11-01',
      closure: { closedOn: '2026-11-01', reason: 'moved_away', postEvaluation: '転居先の事業所に引き継いだ' },
    });
  });

  it.each([
    ['before the case opened', '2026-02-28', '終結日はケースの開始日以降にしてください'],
    ['in the future', '2026-11-23', '終結日に未来の日付は指定できません'],
  ])('refuses a closing date %s (400 on body.closedOn)', (_label, closedOn, message) => {
    const error = thrownBy(() =>
      applyPhaseChange(
        caseRecord(),
        { to: 'closed', closedOn, reason: 'other', postEvaluation: '終結' },
        STAMP,
        'rec_000001',
      ),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fields).toEqual([{ field: 'body.closedOn', message }]);
  });

  it('refuses a closing date before the last record of the case (400 on body.closedOn, naming the day)', () => {
    const error = thrownBy(() =>
      applyPhaseChange(
        caseRecord({ lastRecordOn: '2026-11-20' }),
        { to: 'closed', closedOn: '2026-11-19', reason: 'other', postEvaluation: '終結' },
        STAMP,
        'rec_000001',
      ),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fields).toEqual([
      { field: 'body.closedOn', message: '終結日は最後の記録日（2026-11-20）以降にしてください' },
    ]);
  });

  it('accepts closing on the day of the last record', () => {
    const { record } = applyPhaseChange(
      caseRecord({ lastRecordOn: '2026-11-20' }),
      { to: 'closed', closedOn: '2026-11-20', reason: 'other', postEvaluation: '終結' },
      STAMP,
      'rec_000001',
    );
    expect(record).toMatchObject({ closedOn: '2026-11-20', lastRecordOn: '2026-11-20' });
  });

  it('accepts closing on the opening day', () => {
    const { record } = applyPhaseChange(
      caseRecord(),
      { to: 'closed', closedOn: '2026-03-01', reason: 'other', postEvaluation: '終結' },
      STAMP,
      'rec_000001',
    );
    expect(record.closedOn).toBe('2026-03-01');
  });
});

describe('service decisions', () => {
  it('sets the decision in force, the period and the schedule it gives', () => {
    const { record, decision } = applyServiceDecision(caseRecord(), decisionInput(), STAMP, 'rec_000002');
    expect(record.decision).toEqual({
      validFrom: '2026-11-01',
      validTo: '2027-10-31',
      periodMonths: 6,
      intensiveStart: true,
    });
    expect(record.monitoringPeriodMonths).toBe(6);
    // Intensive start: the three months after the decision month come first.
    expect(record.nextMonitoringDueOn).toBe('2026-12-31');
    expect(record.version).toBe(5);
    expect(decision).toMatchObject({ recordId: 'rec_000002', caseId: 'case_0001', createdBy: STAMP.userId });
  });

  it("schedules from the new decision's months, a monitoring before them covering none", () => {
    const { record } = applyServiceDecision(
      caseRecord({ lastMonitoringOn: '2026-11-10' }),
      decisionInput({ intensiveStart: false, monitoringPeriodMonths: 3 }),
      STAMP,
      'rec_000002',
    );
    expect(record.nextMonitoringDueOn).toBe('2027-02-28');
  });

  it('refuses a decision dated in the future (400 on body.decidedOn)', () => {
    const error = thrownBy(() =>
      applyServiceDecision(caseRecord(), decisionInput({ decidedOn: '2026-11-23' }), STAMP, 'rec_000002'),
    );
    expect(error.fields?.map((field) => field.field)).toEqual(['body.decidedOn']);
  });

  it('refuses a decision that ended before the case opened (400 on body.validTo)', () => {
    const error = thrownBy(() =>
      applyServiceDecision(
        caseRecord(),
        decisionInput({ validFrom: '2025-01-01', validTo: '2026-02-28' }),
        STAMP,
        'rec_000002',
      ),
    );
    expect(error.fields?.map((field) => field.field)).toEqual(['body.validTo']);
  });

  it('refuses a closed case (409)', () => {
    const error = thrownBy(() =>
      applyServiceDecision(caseRecord({ phase: 'closed' }), decisionInput(), STAMP, 'rec_000002'),
    );
    expect(error.status).toBe(409);
  });
});

describe('monitorings', () => {
  it('moves the latest monitoring and the next due date, and leaves the phase alone', () => {
    const { record, monitoring } = applyMonitoring(
      caseRecord({ phase: 'implementation', lastMonitoringOn: '2026-07-10' }),
      monitoringInput({ conductedOn: '2026-10-15' }),
      STAMP,
      'rec_000003',
    );
    expect(record).toMatchObject({
      phase: 'implementation',
      lastMonitoringOn: '2026-10-15',
      nextMonitoringDueOn: '2027-01-31',
      version: 5,
    });
    expect(monitoring).toMatchObject({ recordId: 'rec_000003', conductedOn: '2026-10-15' });
  });

  it('never moves the latest monitoring back for one entered late', () => {
    const { record } = applyMonitoring(
      caseRecord({ lastMonitoringOn: '2026-10-15' }),
      monitoringInput({ conductedOn: '2026-07-10' }),
      STAMP,
      'rec_000003',
    );
    expect(record.lastMonitoringOn).toBe('2026-10-15');
    expect(record.nextMonitoringDueOn).toBe('2027-01-31');
  });

  it('keeps the schedule while service use is paused', () => {
    const paused = applyMonitoring(
      caseRecord({ serviceUseStatus: 'paused' }),
      monitoringInput(),
      STAMP,
      'rec_000003',
    );
    const using = applyMonitoring(caseRecord(), monitoringInput(), STAMP, 'rec_000003');
    expect(paused.record.nextMonitoringDueOn).toBe('2027-01-31');
    expect(paused.record.nextMonitoringDueOn).toBe(using.record.nextMonitoringDueOn);
  });

  it('leaves the phase in monitoring when the plan must change', () => {
    const { record, monitoring } = applyMonitoring(
      caseRecord(),
      monitoringInput({ planChangeNeeded: true }),
      STAMP,
      'rec_000003',
    );
    expect(record.phase).toBe('monitoring');
    expect(monitoring.planChangeNeeded).toBe(true);
  });

  it.each([
    ['before the case opened', '2026-02-28', 'モニタリング実施日はケースの開始日以降にしてください'],
    ['in the future', '2026-11-23', 'モニタリング実施日に未来の日付は指定できません'],
  ])('refuses a monitoring date %s (400 on body.conductedOn)', (_label, conductedOn, message) => {
    const error = thrownBy(() =>
      applyMonitoring(caseRecord(), monitoringInput({ conductedOn }), STAMP, 'rec_000003'),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fields).toEqual([{ field: 'body.conductedOn', message }]);
  });

  it('accepts a monitoring on the opening day and on today', () => {
    for (const conductedOn of ['2026-03-01', '2026-11-22']) {
      const { record } = applyMonitoring(caseRecord(), monitoringInput({ conductedOn }), STAMP, 'rec_000003');
      expect(record.lastMonitoringOn).toBe(conductedOn);
    }
  });

  it('refuses a closed case (409)', () => {
    const error = thrownBy(() =>
      applyMonitoring(caseRecord({ phase: 'closed' }), monitoringInput(), STAMP, 'rec_000003'),
    );
    expect(error).toBeInstanceOf(ConflictError);
  });
});
