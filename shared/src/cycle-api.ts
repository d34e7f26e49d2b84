import * as z from 'zod';
import {
  CasePhase,
  CaseView,
  MonitoringPeriodMonths,
  PlanAuthor,
  SelfPlanReason,
  ServiceUseStatus,
} from './case.ts';
import { CLOSURE_REASONS, Monitoring, ServiceDecision } from './caseload-records.ts';
import { CaseId, EntityId, IsoDate, UserId } from './ids.ts';

/** API shapes of the care-management cycle: case settings, phases, decisions, monitoring, timeline, due lists. */

// ── Case settings ─────────────────────────────────────────────────────────────
export const CaseSettingsInput = z
  .strictObject({
    specialistUserId: UserId.optional(),
    monitoringPeriodMonths: MonitoringPeriodMonths.optional(),
    serviceUseStatus: ServiceUseStatus.optional(),
    planAuthor: PlanAuthor.optional(),
    selfPlanReason: SelfPlanReason.optional(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), {
    error: '変更する項目を1つ以上指定してください',
  })
  .refine((value) => value.planAuthor !== 'self_plan' || value.selfPlanReason !== undefined, {
    path: ['selfPlanReason'],
    error: 'セルフプランの理由を選んでください',
  })
  .refine((value) => value.planAuthor !== 'specialist' || value.selfPlanReason === undefined, {
    path: ['selfPlanReason'],
    error: '相談支援専門員が作成する計画には理由を指定できません',
  });
export type CaseSettingsInput = z.infer<typeof CaseSettingsInput>;

// ── Phase changes ─────────────────────────────────────────────────────────────
export const PhaseChange = z.strictObject({
  recordId: EntityId,
  caseId: CaseId,
  from: CasePhase,
  to: CasePhase,
  /** The day the phase changed: the closing date for a closure. */
  changedOn: IsoDate,
  closure: z
    .strictObject({
      closedOn: IsoDate,
      reason: z.enum(CLOSURE_REASONS),
      postEvaluation: z.string(),
    })
    .optional(),
  createdAt: z.iso.datetime(),
  createdBy: UserId,
});
export type PhaseChange = z.infer<typeof PhaseChange>;

// ── Results of cycle writes ───────────────────────────────────────────────────
export const ServiceDecisionResult = z.strictObject({ decision: ServiceDecision, case: CaseView });
export type ServiceDecisionResult = z.infer<typeof ServiceDecisionResult>;

export const MonitoringResult = z.strictObject({
  monitoring: Monitoring,
  case: CaseView,
  /**
   * The monitoring found the plan must change. The case stays in its phase: moving it to planning
   * (plan review) is a phase change the specialist makes.
   */
  planReviewNeeded: z.boolean(),
});
export type MonitoringResult = z.infer<typeof MonitoringResult>;

// ── Timeline ──────────────────────────────────────────────────────────────────
const entryMeta = {
  recordId: EntityId,
  /** The day the entry is about (decision, monitoring, meeting, consultation, phase change). */
  date: IsoDate,
  createdAt: z.iso.datetime(),
};

/** Records kept by other parts of the caseload appear as references; their own routes serve them. */
const referenceEntry = <K extends string>(kind: K) => z.strictObject({ kind: z.literal(kind), ...entryMeta });

export const TimelineEntry = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('decision'), ...entryMeta, record: ServiceDecision }),
  z.strictObject({ kind: z.literal('monitoring'), ...entryMeta, record: Monitoring }),
  z.strictObject({ kind: z.literal('phase'), ...entryMeta, record: PhaseChange }),
  referenceEntry('plan'),
  referenceEntry('meeting'),
  referenceEntry('consultation'),
]);
export type TimelineEntry = z.infer<typeof TimelineEntry>;
export type TimelineEntryKind = TimelineEntry['kind'];

export const CaseTimeline = z.strictObject({
  caseId: CaseId,
  /** Oldest first, by date then by creation time. */
  entries: z.array(TimelineEntry),
});
export type CaseTimeline = z.infer<typeof CaseTimeline>;

// ── Monitoring due lists ──────────────────────────────────────────────────────
/** The due list reads at most this many cases; `truncated` says when an office has more. */
export const MONITORING_DUE_LIMIT = 500;

export const DueMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月はYYYY-MMの形式で指定してください' });

export const MONITORING_DUE_SCOPES = ['mine', 'office'] as const;
export const MonitoringDueScope = z.enum(MONITORING_DUE_SCOPES);
export type MonitoringDueScope = z.infer<typeof MonitoringDueScope>;

export const MonitoringDueQuery = z.strictObject({
  scope: MonitoringDueScope.default('mine'),
  /** Defaults to the current month in Japan. */
  month: DueMonth.optional(),
});
export type MonitoringDueQuery = z.infer<typeof MonitoringDueQuery>;

export const MonitoringDueList = z.strictObject({
  scope: MonitoringDueScope,
  month: DueMonth,
  today: IsoDate,
  /** Due before today: the month's last day has passed without a monitoring. */
  overdue: z.array(CaseView),
  /** Due from today to the end of `month`. */
  dueThisMonth: z.array(CaseView),
  truncated: z.boolean(),
});
export type MonitoringDueList = z.infer<typeof MonitoringDueList>;

// ── Renewals (支給決定の更新) ─────────────────────────────────────────────────
export const RenewalQuery = z.strictObject({ scope: MonitoringDueScope.default('mine') });
export type RenewalQuery = z.infer<typeof RenewalQuery>;

export const RenewalList = z.strictObject({
  scope: MonitoringDueScope,
  today: IsoDate,
  /** Decisions ending up to this day are listed as ending (RENEWAL_NOTICE_MONTHS ahead). */
  until: IsoDate,
  /** Open cases whose decision ends from today to `until`, the soonest first. */
  ending: z.array(CaseView),
  /** Open cases whose decision ended before today with no new decision recorded, the oldest first. */
  expired: z.array(CaseView),
  truncated: z.boolean(),
});
export type RenewalList = z.infer<typeof RenewalList>;
