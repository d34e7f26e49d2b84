import * as z from 'zod';
import { CaseId, IsoDate, OfficeId, PersonId, UserId } from './ids.ts';
import { PageQuery, page } from './pagination.ts';
import { PersonInput } from './person.ts';

export const SERVICE_KINDS = [
  'plan_consultation',
  'child_plan_consultation',
  'community_transition',
  'community_settlement',
  'basic_consultation',
] as const;
export const ServiceKind = z.enum(SERVICE_KINDS);
export type ServiceKind = z.infer<typeof ServiceKind>;

export const SERVICE_KIND_LABELS: Record<ServiceKind, string> = {
  plan_consultation: '計画相談支援',
  child_plan_consultation: '障害児相談支援',
  community_transition: '地域移行支援',
  community_settlement: '地域定着支援',
  basic_consultation: '基本相談のみ',
};

/** Who writes the plan: a specialist, or the person / family themselves (セルフプラン). */
export const PLAN_AUTHORS = ['specialist', 'self_plan'] as const;
export const PlanAuthor = z.enum(PLAN_AUTHORS);
export type PlanAuthor = z.infer<typeof PlanAuthor>;

export const PLAN_AUTHOR_LABELS: Record<PlanAuthor, string> = {
  specialist: '相談支援専門員',
  self_plan: 'セルフプラン',
};

/**
 * Every self-plan records why. `no_office_available` is the 第8期 target
 * (のぞまないセルフプラン), so it must stay a distinct, countable code.
 */
export const SELF_PLAN_REASONS = [
  'person_wish',
  'family_wish',
  'no_office_available',
  'office_suggested',
  'other',
] as const;
export const SelfPlanReason = z.enum(SELF_PLAN_REASONS);
export type SelfPlanReason = z.infer<typeof SelfPlanReason>;

export const SELF_PLAN_REASON_LABELS: Record<SelfPlanReason, string> = {
  person_wish: '本人の希望',
  family_wish: '家族の希望',
  no_office_available: '受け入れ可能な事業所がない（のぞまないセルフプラン）',
  office_suggested: 'サービス提供事業所の勧め',
  other: 'その他',
};

/** The care-management cycle (seed 001). */
export const CASE_PHASES = [
  'intake',
  'assessment',
  'planning',
  'implementation',
  'monitoring',
  'closed',
] as const;
export const CasePhase = z.enum(CASE_PHASES);
export type CasePhase = z.infer<typeof CasePhase>;

export const CASE_PHASE_LABELS: Record<CasePhase, string> = {
  intake: 'インテーク',
  assessment: 'アセスメント',
  planning: 'プランニング',
  implementation: '支援の実施',
  monitoring: 'モニタリング',
  closed: '終結',
};

/**
 * The only moves along the cycle. Monitoring can send the case back to planning when the plan must
 * change (plan review); every open phase can close (moving away, death, office change…).
 */
export const PHASE_TRANSITIONS: Record<CasePhase, readonly CasePhase[]> = {
  intake: ['assessment', 'closed'],
  assessment: ['planning', 'closed'],
  planning: ['implementation', 'closed'],
  implementation: ['monitoring', 'closed'],
  monitoring: ['planning', 'closed'],
  closed: [],
};

export const canTransition = (from: CasePhase, to: CasePhase): boolean =>
  PHASE_TRANSITIONS[from].includes(to);

/** Monitoring period set by the municipality in the service decision (支給決定). */
export const MONITORING_PERIODS = [1, 2, 3, 6, 12] as const;
export const MonitoringPeriodMonths = z.union(
  MONITORING_PERIODS.map((months) => z.literal(months)),
  {
    error: 'モニタリング期間は1・2・3・6・12か月から選んでください',
  },
);
export type MonitoringPeriodMonths = (typeof MONITORING_PERIODS)[number];

export const SERVICE_USE_STATUSES = ['not_started', 'using', 'paused', 'ended'] as const;
export const ServiceUseStatus = z.enum(SERVICE_USE_STATUSES);
export type ServiceUseStatus = z.infer<typeof ServiceUseStatus>;

export const SERVICE_USE_STATUS_LABELS: Record<ServiceUseStatus, string> = {
  not_started: '利用前',
  using: '利用中',
  paused: '利用休止中',
  ended: '利用終了',
};

const selfPlanNeedsReason = (value: {
  planAuthor: PlanAuthor;
  selfPlanReason?: SelfPlanReason | undefined;
}) => value.planAuthor !== 'self_plan' || value.selfPlanReason !== undefined;

export const CaseCreateInput = z
  .strictObject({
    person: PersonInput,
    specialistUserId: UserId.optional(),
    serviceKind: ServiceKind,
    planAuthor: PlanAuthor,
    selfPlanReason: SelfPlanReason.optional(),
    monitoringPeriodMonths: MonitoringPeriodMonths,
    serviceUseStatus: ServiceUseStatus.default('not_started'),
    openedOn: IsoDate,
    /**
     * The user has checked that the likely duplicates shown (same kana and birth date at this
     * office) are other people: without it such a registration is refused with a 409 (ADR 0025).
     */
    confirmNotDuplicate: z.boolean().default(false),
  })
  .refine(selfPlanNeedsReason, { path: ['selfPlanReason'], error: 'セルフプランの理由を選んでください' });
export type CaseCreateInput = z.infer<typeof CaseCreateInput>;

const caseFields = {
  caseId: CaseId,
  caseCode: z.string(),
  officeId: OfficeId,
  serviceKind: ServiceKind,
  planAuthor: PlanAuthor,
  selfPlanReason: SelfPlanReason.optional(),
  phase: CasePhase,
  monitoringPeriodMonths: MonitoringPeriodMonths,
  serviceUseStatus: ServiceUseStatus,
  openedOn: IsoDate,
  sharedWithCore: z.boolean(),
  /** Last day of the month the next monitoring is due (null: no service decision yet, or closed). */
  nextMonitoringDueOn: IsoDate.nullable(),
  monitoringOverdue: z.boolean(),
  /** Last day of the service decision in force (支給決定期間の終期): renewals are judged by it. */
  decisionValidTo: IsoDate.optional(),
  lastMonitoringOn: IsoDate.optional(),
  closedOn: IsoDate.optional(),
  version: z.number().int().positive(),
  updatedAt: z.iso.datetime(),
};

/** A case as its own office sees it (and the core center, once the case is shared with it). */
export const CaseFull = z.strictObject({
  visibility: z.literal('full'),
  ...caseFields,
  personId: PersonId,
  personName: z.string(),
  personKana: z.string(),
  birthDate: IsoDate,
  specialistUserId: UserId,
  createdAt: z.iso.datetime(),
});
export type CaseFull = z.infer<typeof CaseFull>;

export const AGE_BANDS = ['0-5', '6-11', '12-17', '18-29', '30-39', '40-49', '50-64', '65+'] as const;
export const AgeBand = z.enum(AGE_BANDS);
export type AgeBand = z.infer<typeof AgeBand>;

/**
 * What the core center sees of a case not shared with it: enough to supervise figures,
 * nothing that names the person (no name, kana, birth date, recipient number).
 */
export const CasePseudonymised = z.strictObject({
  visibility: z.literal('pseudonymised'),
  ...caseFields,
  initials: z.string(),
  ageBand: AgeBand,
});
export type CasePseudonymised = z.infer<typeof CasePseudonymised>;

export const CaseView = z.discriminatedUnion('visibility', [CaseFull, CasePseudonymised]);
export type CaseView = z.infer<typeof CaseView>;

export const CasePage = page(CaseView);
export type CasePage = z.infer<typeof CasePage>;

// ── The caseload list (issue 15 point 5) ──────────────────────────────────────
/**
 * Orders of the caseload list. `kana` is for lists where every case is shown in full (an office's
 * own): the core center's view of another office is pseudonymised and refuses it (ADR 0021).
 */
export const CASE_LIST_SORTS = ['kana', 'next_due', 'opened_on', 'case_code'] as const;
export const CaseListSort = z.enum(CASE_LIST_SORTS, { error: '並べ替えの指定が正しくありません' });
export type CaseListSort = z.infer<typeof CaseListSort>;
export const CASE_LIST_SORT_LABELS: Record<CaseListSort, string> = {
  kana: 'フリガナ順',
  next_due: '次回モニタリング期限の近い順',
  opened_on: '開始日の新しい順',
  case_code: 'ケース番号順',
};

/** Monitoring due status as the dashboard counts it (ADR 0026): before today, or to the month's end. */
export const DUE_STATUSES = ['overdue', 'due_this_month', 'none'] as const;
export const DueStatus = z.enum(DUE_STATUSES, { error: '期限の状況の指定が正しくありません' });
export type DueStatus = z.infer<typeof DueStatus>;
export const DUE_STATUS_LABELS: Record<DueStatus, string> = {
  overdue: '期限超過',
  due_this_month: '今月が期限',
  none: '期限なし',
};

const caseListFilters = {
  /** Core center only: narrow the tenant-wide list to one office. */
  officeId: OfficeId.optional(),
  /** Only the caller's own caseload. */
  assigned: z.literal('me').optional(),
  sort: CaseListSort.optional(),
  specialistUserId: UserId.optional(),
  phase: CasePhase.optional(),
  serviceKind: ServiceKind.optional(),
  due: DueStatus.optional(),
};

export const CaseListQuery = PageQuery.extend(caseListFilters);
export type CaseListQuery = z.infer<typeof CaseListQuery>;

/** The office's own caseload as a file: the list's filters and order, every row. */
export const CaseloadExportQuery = z.strictObject({
  sort: caseListFilters.sort,
  specialistUserId: caseListFilters.specialistUserId,
  phase: caseListFilters.phase,
  serviceKind: caseListFilters.serviceKind,
  due: caseListFilters.due,
});
export type CaseloadExportQuery = z.infer<typeof CaseloadExportQuery>;

/** A row of the list: a case in full also names its specialist (担当者) and the 受給者証番号. */
export const CaseListEntry = z.discriminatedUnion('visibility', [
  CaseFull.extend({ specialistName: z.string(), recipientNumber: z.string().optional() }),
  CasePseudonymised,
]);
export type CaseListEntry = z.infer<typeof CaseListEntry>;

export const CaseListPage = z.strictObject({
  items: z.array(CaseListEntry),
  nextCursor: z.string().nullable(),
  /**
   * Cases matching the filters, on every page; null for the core center's list of every office,
   * which is paged through its index and never counted (tens of thousands of cases).
   */
  total: z.number().int().nonnegative().nullable(),
  /** The office has more cases than one list reads (CASELOAD_READ_LIMIT): the list is incomplete. */
  truncated: z.boolean(),
});
export type CaseListPage = z.infer<typeof CaseListPage>;

/** Cases of one office one list reads at most; an office holds a few hundred (ADR 0006's bounded reads). */
export const CASELOAD_READ_LIMIT = 2_000;
