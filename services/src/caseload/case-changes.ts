import {
  CASE_PHASE_LABELS,
  canTransition,
  nextDueWithinDecision,
  planChangeNeededOf,
  type CasePhase,
  type CaseSettingsInput,
  type Monitoring,
  type MonitoringInput,
  type PhaseChange,
  type PhaseChangeInput,
  type ServiceDecision,
  type ServiceDecisionInput,
} from '@kikan/shared';
import type { CaseRecord } from '../data/case-store.ts';
import { withDecisionHistory, withMonitoringActivity } from '../data/statistics-counters.ts';
import { ConflictError, ValidationError } from '../kernel/errors.ts';
import type { Stamp } from '../kernel/stamp.ts';
import { checkHistoryDay } from './history-days.ts';

/**
 * The rules of the care-management cycle as pure functions: each takes the case as read and the
 * validated input, and returns the case as it must be stored (version + 1) with the record to add.
 */

const touched = (current: CaseRecord, stamp: Stamp) => ({
  version: current.version + 1,
  updatedAt: stamp.at,
  updatedBy: stamp.userId,
});

const CLOSED_MESSAGE = '終結したケースは変更できません';

/**
 * Computed from the decision in force and the latest monitoring, never typed by hand: the
 * schedule's next month, else the decision's last month (nextDueWithinDecision). Paused
 * service use keeps the schedule (seed 000); a closed case or one without a decision has none.
 */
export const nextMonitoringDueOn = (
  record: Pick<CaseRecord, 'decision' | 'lastMonitoringOn' | 'phase'>,
  today: string,
): string | null => {
  if (!record.decision || record.phase === 'closed') return null;
  const dates = record.lastMonitoringOn ? [record.lastMonitoringOn] : [];
  return nextDueWithinDecision(record.decision, dates, today);
};

const withNextDue = (record: CaseRecord, stamp: Stamp): CaseRecord => ({
  ...record,
  nextMonitoringDueOn: nextMonitoringDueOn(record, stamp.today),
});

export const applyCaseSettings = (
  current: CaseRecord,
  input: CaseSettingsInput,
  stamp: Stamp,
): CaseRecord => {
  if (current.phase === 'closed') throw new ConflictError(CLOSED_MESSAGE);
  const planAuthor = input.planAuthor ?? current.planAuthor;
  if (planAuthor === 'specialist' && input.selfPlanReason !== undefined) {
    throw new ValidationError([
      { field: 'body.selfPlanReason', message: '相談支援専門員が作成する計画には理由を指定できません' },
    ]);
  }
  const selfPlanReason =
    planAuthor === 'self_plan' ? (input.selfPlanReason ?? current.selfPlanReason) : undefined;
  const { selfPlanReason: _previousReason, ...rest } = current;
  const monitoringPeriodMonths = input.monitoringPeriodMonths ?? current.monitoringPeriodMonths;
  return withNextDue(
    {
      ...rest,
      specialistUserId: input.specialistUserId ?? current.specialistUserId,
      serviceUseStatus: input.serviceUseStatus ?? current.serviceUseStatus,
      planAuthor,
      ...(selfPlanReason ? { selfPlanReason } : {}),
      monitoringPeriodMonths,
      // A period the municipality changed after its decision applies to the schedule from now on.
      ...(current.decision
        ? { decision: { ...current.decision, periodMonths: monitoringPeriodMonths } }
        : {}),
      ...touched(current, stamp),
    },
    stamp,
  );
};

/**
 * A day that ends a case (its closing day, a transfer at 18) starts its retention clock, so it may
 * not be earlier than the last record of the case: a backdated end would get the file deleted
 * years early (ADR 0018). A case item without its last record day is filled in before this check
 * (case-store.ts withLastRecordDay).
 */
export const endsBeforeLastRecord = (record: Pick<CaseRecord, 'lastRecordOn'>, day: string): boolean =>
  record.lastRecordOn !== undefined && day < record.lastRecordOn;

export const phaseMoveRefusal = (from: CasePhase, to: CasePhase): string =>
  `${CASE_PHASE_LABELS[from]}から${CASE_PHASE_LABELS[to]}へは移行できません`;

/**
 * A phase change is dated by the day it happened (変更日, today by default; a closure by its 終結日),
 * within history-days.ts's bounds: `lastPhaseChangeOn` is the day of the case's latest phase change.
 * Nothing counted depends on that day but a closure's: the statistics close the case in the month of
 * its 終結日, never of the day it was entered, and a phase change produces no ledger event.
 */
export const applyPhaseChange = (
  current: CaseRecord,
  input: PhaseChangeInput,
  stamp: Stamp,
  recordId: string,
  lastPhaseChangeOn?: string,
): { record: CaseRecord; change: PhaseChange } => {
  if (!canTransition(current.phase, input.to))
    throw new ConflictError(phaseMoveRefusal(current.phase, input.to));
  const bounds = { openedOn: current.openedOn, today: stamp.today, lastPhaseChangeOn };
  const change: PhaseChange = {
    recordId,
    caseId: current.caseId,
    from: current.phase,
    to: input.to,
    changedOn: stamp.today,
    createdAt: stamp.at,
    createdBy: stamp.userId,
  };
  if (input.to !== 'closed') {
    const changedOn = input.changedOn ?? stamp.today;
    checkHistoryDay('body.changedOn', '変更日', changedOn, bounds);
    return {
      record: withNextDue({ ...current, phase: input.to, ...touched(current, stamp) }, stamp),
      change: { ...change, changedOn },
    };
  }
  checkHistoryDay('body.closedOn', '終結日', input.closedOn, bounds);
  if (endsBeforeLastRecord(current, input.closedOn)) {
    throw new ValidationError([
      {
        field: 'body.closedOn',
        message: `終結日は最後の記録日（${current.lastRecordOn}）以降にしてください`,
      },
    ]);
  }
  const closure = { closedOn: input.closedOn, reason: input.reason, postEvaluation: input.postEvaluation };
  return {
    record: {
      ...current,
      phase: 'closed',
      closedOn: input.closedOn,
      closureReason: input.reason,
      nextMonitoringDueOn: null,
      ...touched(current, stamp),
    },
    change: { ...change, changedOn: input.closedOn, closure },
  };
};

export const applyServiceDecision = (
  current: CaseRecord,
  input: ServiceDecisionInput,
  stamp: Stamp,
  recordId: string,
): { record: CaseRecord; decision: ServiceDecision } => {
  if (current.phase === 'closed') throw new ConflictError(CLOSED_MESSAGE);
  if (input.decidedOn > stamp.today) {
    throw new ValidationError([{ field: 'body.decidedOn', message: '決定日に未来の日付は指定できません' }]);
  }
  if (input.validTo < current.openedOn) {
    throw new ValidationError([
      { field: 'body.validTo', message: '支給決定期間がケースの開始日より前に終わっています' },
    ]);
  }
  const decision: ServiceDecision = {
    ...input,
    recordId,
    caseId: current.caseId,
    createdAt: stamp.at,
    createdBy: stamp.userId,
  };
  const decisionHistory = withDecisionHistory(current.decisionHistory, current.decision);
  const record = withNextDue(
    {
      ...current,
      ...(decisionHistory ? { decisionHistory } : {}),
      decision: {
        validFrom: input.validFrom,
        validTo: input.validTo,
        periodMonths: input.monitoringPeriodMonths,
        intensiveStart: input.intensiveStart,
      },
      monitoringPeriodMonths: input.monitoringPeriodMonths,
      ...touched(current, stamp),
    },
    stamp,
  );
  return { record, decision };
};

/**
 * 次回モニタリング予定月 when the specialist leaves it out: the month the schedule of the decision
 * in force asks for next, as seen on the day of the monitoring; none without a decision.
 */
const scheduledNextMonth = (current: CaseRecord, conductedOn: string): string | undefined => {
  if (!current.decision) return undefined;
  return nextDueWithinDecision(current.decision, [conductedOn], conductedOn)?.slice(0, 7);
};
const optionalMonth = (month: string | undefined) => (month ? { nextMonitoringMonth: month } : {});

export const applyMonitoring = (
  current: CaseRecord,
  input: MonitoringInput,
  stamp: Stamp,
  recordId: string,
): { record: CaseRecord; monitoring: Monitoring } => {
  if (current.phase === 'closed') throw new ConflictError(CLOSED_MESSAGE);
  if (input.conductedOn < current.openedOn || input.conductedOn > stamp.today) {
    const message =
      input.conductedOn > stamp.today
        ? 'モニタリング実施日に未来の日付は指定できません'
        : 'モニタリング実施日はケースの開始日以降にしてください';
    throw new ValidationError([{ field: 'body.conductedOn', message }]);
  }
  const { nextMonitoringMonth, planChangeNeeded, ...report } = input;
  const monitoring: Monitoring = {
    ...report,
    planChangeNeeded: planChangeNeededOf(input.progress, planChangeNeeded),
    ...optionalMonth(nextMonitoringMonth ?? scheduledNextMonth(current, input.conductedOn)),
    recordId,
    caseId: current.caseId,
    createdAt: stamp.at,
    createdBy: stamp.userId,
  };
  // A monitoring entered late (an earlier date) never moves the latest one back.
  const lastMonitoringOn =
    current.lastMonitoringOn && current.lastMonitoringOn > input.conductedOn
      ? current.lastMonitoringOn
      : input.conductedOn;
  return {
    record: withNextDue(
      {
        ...current,
        lastMonitoringOn,
        activity: withMonitoringActivity(current.activity, input.conductedOn, current.nextMonitoringDueOn),
        ...touched(current, stamp),
      },
      stamp,
    ),
    monitoring,
  };
};
