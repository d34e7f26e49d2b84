import * as z from 'zod';
import { MONITORING_PERIODS, MonitoringPeriodMonths, ServiceKind } from './case.ts';
import { CaseId, EntityId, IsoDate, UserId } from './ids.ts';
import { normaliseDigits } from './input-normalisation.ts';
import { PlanServiceLine, UserChargeCap, WeeklySchedule, emptyWeeklySchedule } from './plan-forms.ts';
import { requiredText, text } from './text.ts';

/** Records of the care-management cycle that hang off one case (DOMAIN.md "What is recorded"). */

const recordMeta = {
  recordId: EntityId,
  caseId: CaseId,
  createdAt: z.iso.datetime(),
  createdBy: UserId,
};

// ── Service decision (支給決定) ────────────────────────────────────────────────
export const ServiceDecisionInput = z
  .strictObject({
    decidedOn: IsoDate,
    validFrom: IsoDate,
    validTo: IsoDate,
    monitoringPeriodMonths: MonitoringPeriodMonths,
    /** New use or a big change: monthly monitoring for the first three months. */
    intensiveStart: z.boolean(),
    services: z.array(requiredText(100)).max(20).default([]),
  })
  .refine((value) => value.validTo > value.validFrom, {
    path: ['validTo'],
    error: '支給決定期間の終了日は開始日より後にしてください',
  });
export type ServiceDecisionInput = z.infer<typeof ServiceDecisionInput>;
export const ServiceDecision = z.strictObject({
  ...recordMeta,
  decidedOn: IsoDate,
  validFrom: IsoDate,
  validTo: IsoDate,
  monitoringPeriodMonths: MonitoringPeriodMonths,
  intensiveStart: z.boolean(),
  services: z.array(z.string()),
});
export type ServiceDecision = z.infer<typeof ServiceDecision>;

// ── Plan (サービス等利用計画 / 障害児支援利用計画) ────────────────────────────────
/** A whole number in a range, refused with one message that says the range (ADR 0032). */
const wholeNumberIn = (min: number, max: number, message: string) =>
  z
    .number({ error: message })
    .int({ error: message })
    .min(min, { error: message })
    .max(max, { error: message });

export const NeedRow = z.strictObject({
  priority: wholeNumberIn(1, 99, '優先順位は1から99までの整数で入力してください'),
  need: requiredText(500),
  goal: requiredText(500),
  period: text(100).default(''),
  services: z.array(PlanServiceLine).max(10).default([]),
  personRole: text(500).default(''),
  /** 評価時期: a month or free text (「3か月後」). */
  evaluationTiming: text(100).default(''),
  supporters: text(500).default(''),
  /** その他留意事項 */
  notes: text(500).default(''),
});
export type NeedRow = z.infer<typeof NeedRow>;

export const PlanContent = z.strictObject({
  /** The person's own words: 「来年の今頃、どこで・どうしてみたい？」 */
  personWishes: text(2000).default(''),
  familyWishes: text(2000).default(''),
  overallPolicy: text(2000).default(''),
  longTermGoal: text(1000).default(''),
  shortTermGoal: text(1000).default(''),
  needs: z.array(NeedRow).max(30).default([]),
  /** 利用者負担上限額 (yen a month); absent when not recorded. */
  userChargeCap: UserChargeCap.optional(),
  /** 週間計画表 (様式2-2), versioned with the plan (ADR 0040). */
  weeklySchedule: WeeklySchedule.default(emptyWeeklySchedule),
});
export type PlanContent = z.infer<typeof PlanContent>;

/**
 * A plan as written or rewritten: its content and its 計画作成日 (today when a new draft leaves it
 * out; kept when a rewrite does). The day may not be later than the plan's consent date.
 */
export const PlanInput = PlanContent.extend({ createdOn: IsoDate.optional() });
export type PlanInput = z.infer<typeof PlanInput>;

export const PLAN_STATUSES = ['draft', 'final'] as const;
export const PlanStatus = z.enum(PLAN_STATUSES);
export const PLAN_STATUS_LABELS: Record<(typeof PLAN_STATUSES)[number], string> = {
  draft: '計画案',
  final: '本計画',
};

export const Plan = z.strictObject({
  ...recordMeta,
  planVersion: z.number().int().positive(),
  status: PlanStatus,
  content: PlanContent,
  /** 計画作成日. Absent on plans written before it was kept: their day is the day they were created. */
  createdOn: IsoDate.optional(),
  consentOn: IsoDate.optional(),
  finalizedAt: z.iso.datetime().optional(),
  version: z.number().int().positive(),
  updatedAt: z.iso.datetime(),
});
export type Plan = z.infer<typeof Plan>;

export const PlanFinalizeInput = z.strictObject({ consentOn: IsoDate });

// ── Assessment (アセスメント) ─────────────────────────────────────────────────
/**
 * 日常生活の状況 by domain, the headings of the アセスメント票 most municipalities hand out (the seeds
 * name none of their own): one free text each, in this order on screen and on paper.
 */
export const DAILY_LIFE_DOMAINS = [
  'health',
  'dailyActivities',
  'housework',
  'socialParticipation',
  'communication',
  'money',
  'housing',
] as const;
export type DailyLifeDomain = (typeof DAILY_LIFE_DOMAINS)[number];
export const DAILY_LIFE_DOMAIN_LABELS: Record<DailyLifeDomain, string> = {
  health: '健康・身体',
  dailyActivities: '日常生活動作（食事・入浴・排せつ・移動等）',
  housework: '家事（調理・掃除・洗濯・買い物）',
  socialParticipation: '社会参加・就労／就学',
  communication: 'コミュニケーション・対人関係',
  money: '金銭管理',
  housing: '住環境',
};

export const DailyLife = z.strictObject({
  health: text(1000).default(''),
  dailyActivities: text(1000).default(''),
  housework: text(1000).default(''),
  socialParticipation: text(1000).default(''),
  communication: text(1000).default(''),
  money: text(1000).default(''),
  housing: text(1000).default(''),
} satisfies Record<DailyLifeDomain, unknown>);
export type DailyLife = z.infer<typeof DailyLife>;

export const AssessmentContent = z.strictObject({
  lifeHistory: text(2000).default(''),
  /** 病歴・服薬・通院 */
  medical: text(2000).default(''),
  /** 本人の希望: how the person wants to live, in their words. */
  personWishes: text(2000).default(''),
  /** 家族の状況・家族の希望 */
  family: text(2000).default(''),
  dailyLife: DailyLife.default(() => DailyLife.parse({})),
  strengths: text(2000).default(''),
  /** 支援の必要性・課題のまとめ: what the plan's needs start from. */
  summary: text(2000).default(''),
});
export type AssessmentContent = z.infer<typeof AssessmentContent>;

/**
 * An assessment as written or rewritten: its content and its 実施日 (today when a new draft leaves
 * it out; kept when a rewrite does), bounded like a plan's 計画作成日 (ADR 0036).
 */
export const AssessmentInput = AssessmentContent.extend({ conductedOn: IsoDate.optional() });
export type AssessmentInput = z.infer<typeof AssessmentInput>;

export const ASSESSMENT_STATUSES = ['draft', 'final'] as const;
export const AssessmentStatus = z.enum(ASSESSMENT_STATUSES);
export const ASSESSMENT_STATUS_LABELS: Record<(typeof ASSESSMENT_STATUSES)[number], string> = {
  draft: '作成中',
  final: '確定',
};

export const Assessment = z.strictObject({
  ...recordMeta,
  assessmentVersion: z.number().int().positive(),
  status: AssessmentStatus,
  content: AssessmentContent,
  conductedOn: IsoDate,
  finalizedAt: z.iso.datetime().optional(),
  version: z.number().int().positive(),
  updatedAt: z.iso.datetime(),
});
export type Assessment = z.infer<typeof Assessment>;

/** Finalising takes nothing but the If-Match: the 実施日 is the one written in the draft. */
export const AssessmentFinalizeInput = z.strictObject({});

// ── Monitoring (モニタリング) ─────────────────────────────────────────────────
export const MONITORING_KINDS = ['regular', 'extra'] as const;
export const MONITORING_KIND_LABELS = { regular: '定期', extra: '臨時' } as const;
export const MONITORING_METHODS = ['home_visit', 'office', 'online'] as const;
export const MONITORING_METHOD_LABELS = {
  home_visit: '居宅訪問',
  office: '事業所等',
  online: 'オンライン',
} as const;

export const GOAL_ACHIEVEMENTS = ['achieved', 'partly', 'not_yet'] as const;
export type GoalAchievement = (typeof GOAL_ACHIEVEMENTS)[number];

/** 計画変更の必要性, asked per goal as the national モニタリング報告書 does (ADR 0041). */
export const PLAN_CHANGE_KINDS = [
  'changeServiceKind',
  'changeServiceAmount',
  'changeWeeklySchedule',
] as const;
export type PlanChangeKind = (typeof PLAN_CHANGE_KINDS)[number];
export const PLAN_CHANGE_KIND_LABELS: Record<PlanChangeKind, string> = {
  changeServiceKind: 'サービス種類の変更',
  changeServiceAmount: 'サービス量の変更',
  changeWeeklySchedule: '週間計画の変更',
};
const planChangeAnswer = (kind: PlanChangeKind) =>
  z.boolean({ error: `${PLAN_CHANGE_KIND_LABELS[kind]}の有無を選んでください` });

/** `YYYY-MM`: 次回モニタリング予定月. */
export const YearMonthText = z
  .string({ error: '年月を入力してください' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '年月は「2026-05」の形で入力してください' });

/**
 * One goal row of the モニタリング報告書. `progress` is its サービス提供状況 (the text monitorings
 * always had); 優先順位 and 達成時期 come from the plan's row the goal was taken from.
 */
export const GoalProgress = z.strictObject({
  priority: wholeNumberIn(1, 99, '優先順位は1から99までの整数で入力してください').optional(),
  goal: requiredText(500),
  period: text(100).default(''),
  progress: requiredText(1000),
  satisfaction: text(1000).default(''),
  achieved: z.enum(GOAL_ACHIEVEMENTS),
  achievementNote: text(1000).default(''),
  issues: text(1000).default(''),
  changeServiceKind: planChangeAnswer('changeServiceKind'),
  changeServiceAmount: planChangeAnswer('changeServiceAmount'),
  changeWeeklySchedule: planChangeAnswer('changeWeeklySchedule'),
  remarks: text(1000).default(''),
});
export type GoalProgress = z.infer<typeof GoalProgress>;

/** A stored row: rows recorded before the report had its columns carry only goal, progress, achieved. */
export const GoalProgressRecord = z.strictObject({
  priority: z.number().int().optional(),
  goal: z.string(),
  period: z.string().optional(),
  progress: z.string(),
  satisfaction: z.string().optional(),
  achieved: z.enum(GOAL_ACHIEVEMENTS),
  achievementNote: z.string().optional(),
  issues: z.string().optional(),
  changeServiceKind: z.boolean().optional(),
  changeServiceAmount: z.boolean().optional(),
  changeWeeklySchedule: z.boolean().optional(),
  remarks: z.string().optional(),
});
export type GoalProgressRecord = z.infer<typeof GoalProgressRecord>;

/** 計画変更の必要性 of a whole monitoring: any goal with any change, or the caller's own yes. */
export const planChangeNeededOf = (
  progress: readonly Partial<Record<PlanChangeKind, boolean>>[],
  stated: boolean | undefined,
): boolean => stated === true || progress.some((row) => PLAN_CHANGE_KINDS.some((kind) => row[kind] === true));

export const MonitoringInput = z
  .strictObject({
    conductedOn: IsoDate,
    kind: z.enum(MONITORING_KINDS),
    method: z.enum(MONITORING_METHODS),
    /** 全体の状況 */
    overallSituation: text(2000).default(''),
    progress: z.array(GoalProgress).max(30).default([]),
    /** The person's view of the whole (monitorings before the report's per-goal 本人の感想). */
    personSatisfaction: text(1000).default(''),
    /**
     * Derived from the goals' three answers; a monitoring without goals may still say yes. A no
     * that a goal's answer contradicts is refused.
     */
    planChangeNeeded: z.boolean().optional(),
    notes: text(2000).default(''),
    /** 次回モニタリング予定月: computed from the schedule when left out. */
    nextMonitoringMonth: YearMonthText.optional(),
  })
  .superRefine((value, ctx) => {
    if (
      value.nextMonitoringMonth !== undefined &&
      value.nextMonitoringMonth < value.conductedOn.slice(0, 7)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['nextMonitoringMonth'],
        message: '次回モニタリング予定月は実施日の月以降にしてください',
      });
    }
    if (value.planChangeNeeded === false && planChangeNeededOf(value.progress, undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['planChangeNeeded'],
        message: '目標ごとの計画変更の必要性に「有」があるため、「変更の必要なし」にはできません',
      });
    }
  });
export type MonitoringInput = z.infer<typeof MonitoringInput>;
export const Monitoring = z.strictObject({
  ...recordMeta,
  conductedOn: IsoDate,
  kind: z.enum(MONITORING_KINDS),
  method: z.enum(MONITORING_METHODS),
  overallSituation: z.string().optional(),
  progress: z.array(GoalProgressRecord),
  personSatisfaction: z.string(),
  planChangeNeeded: z.boolean(),
  notes: z.string(),
  nextMonitoringMonth: YearMonthText.optional(),
});
export type Monitoring = z.infer<typeof Monitoring>;

// ── Service staff meeting (サービス担当者会議) ─────────────────────────────────
export const RoleAssignment = z.strictObject({
  assignmentId: EntityId.optional(),
  who: requiredText(100),
  organisation: text(100).default(''),
  what: requiredText(500),
  dueOn: IsoDate,
  doneOn: IsoDate.optional(),
});
/**
 * A time of day as the 会議録 writes it (開催時間 14:00〜15:00): `H:MM` or `HH:MM`, full-width digits
 * and ： read (ADR 0032), stored as `HH:MM`.
 */
export const TimeOfDay = z
  .string({ error: '時刻は「14:00」のように入力してください' })
  .transform((value) => {
    const match = /^(\d{1,2}):(\d{2})$/.exec(normaliseDigits(value));
    return match ? `${match[1]?.padStart(2, '0')}:${match[2]}` : value;
  })
  .pipe(
    z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, {
      error: '時刻は「14:00」のように0:00から23:59までで入力してください',
    }),
  )
  .meta({ description: 'HH:MM (H:MM and full-width digits accepted)' });

export const MEETING_PLACE_MAX = 100;

export const MeetingInput = z
  .strictObject({
    heldOn: IsoDate,
    /** 開催場所 and 開催時間 of the national 会議録; the times are optional, but an end needs a start. */
    place: text(MEETING_PLACE_MAX).default(''),
    startTime: TimeOfDay.optional(),
    endTime: TimeOfDay.optional(),
    /** The plan version discussed (a 計画案 usually): a plan of the same case, checked when recorded. */
    planVersion: z
      .number({ error: '計画の版は整数で指定してください' })
      .int({ error: '計画の版は整数で指定してください' })
      .min(1, { error: '計画の版は1以上で指定してください' })
      .max(999_999, { error: '計画の版が大きすぎます' })
      .optional(),
    /** 会議の目的・検討した項目 */
    agenda: text(2000).default(''),
    attendees: z
      .array(
        z.strictObject({
          name: requiredText(100),
          organisation: text(100).default(''),
          role: text(100).default(''),
        }),
      )
      .min(1, { error: '出席者を1人以上入力してください' })
      .max(30),
    opinions: text(3000).default(''),
    decisions: text(3000).default(''),
    assignments: z
      .array(RoleAssignment.omit({ assignmentId: true, doneOn: true }))
      .max(30)
      .default([]),
    /** What could not be solved: kept for regional issues (地域課題) later. */
    unsolvedItems: z.array(requiredText(500)).max(20).default([]),
  })
  .refine((value) => value.endTime === undefined || value.startTime !== undefined, {
    path: ['startTime'],
    error: '終了時刻を入れるときは開始時刻も入力してください',
  })
  .refine(
    (value) =>
      value.startTime === undefined || value.endTime === undefined || value.endTime > value.startTime,
    { path: ['endTime'], error: '終了時刻は開始時刻より後にしてください' },
  );
export type MeetingInput = z.infer<typeof MeetingInput>;

// ── Consultation record (相談記録 / 支援経過) ──────────────────────────────────
/**
 * 支援方法 of the national survey (相談支援事業の実施状況等調査). The first five were Kikan's own and
 * stay as they were stored; 同行, 電子メール and 関係機関 (liaison with agencies) complete the survey's list.
 */
export const CONSULTATION_CHANNELS = [
  'visit',
  'phone',
  'home_visit',
  'online',
  'outreach',
  'accompany',
  'email',
  'agency_liaison',
] as const;
export const CONSULTATION_CHANNEL_LABELS = {
  visit: '来所',
  phone: '電話',
  home_visit: '訪問',
  online: 'オンライン',
  outreach: 'アウトリーチ',
  accompany: '同行',
  email: '電子メール',
  agency_liaison: '関係機関',
} as const;
export const CONSULTATION_COUNTERPARTS = ['person', 'family', 'agency', 'other'] as const;
export const CONSULTATION_COUNTERPART_LABELS = {
  person: '本人',
  family: '家族',
  agency: '関係機関',
  other: 'その他',
} as const;
const ConsultationMinutes = wholeNumberIn(
  1,
  24 * 60,
  '所要時間は1分から1440分（24時間）までの整数で入力してください',
);

/** 支援内容 of the national survey, in the survey's order; a consultation has one or more. */
export const SUPPORT_CATEGORIES = [
  'welfare_services',
  'disability_understanding',
  'health_medical',
  'anxiety_emotional',
  'childcare_education',
  'family_relationships',
  'household_finance',
  'daily_living_skills',
  'employment',
  'social_participation',
  'advocacy',
  'other',
] as const;
export type SupportCategory = (typeof SUPPORT_CATEGORIES)[number];
export const SUPPORT_CATEGORY_LABELS: Record<SupportCategory, string> = {
  welfare_services: '福祉サービスの利用等に関する支援',
  disability_understanding: '障害や病状の理解に関する支援',
  health_medical: '健康・医療に関する支援',
  anxiety_emotional: '不安の解消・情緒安定に関する支援',
  childcare_education: '保育・教育に関する支援',
  family_relationships: '家族関係・人間関係に関する支援',
  household_finance: '家計・経済に関する支援',
  daily_living_skills: '生活技術に関する支援',
  employment: '就労に関する支援',
  social_participation: '社会参加・余暇活動に関する支援',
  advocacy: '権利擁護に関する支援',
  other: 'その他',
};
export const SupportCategory = z.enum(SUPPORT_CATEGORIES, {
  error: '支援内容の分類を一覧から選んでください',
});

/** Stored once each, in the survey's order: the form's order of ticking means nothing. */
const SupportCategories = z
  .array(SupportCategory, { error: '支援内容を1つ以上選んでください' })
  .min(1, { error: '支援内容を1つ以上選んでください' })
  .max(SUPPORT_CATEGORIES.length, { error: '支援内容が多すぎます' })
  .transform((chosen) => SUPPORT_CATEGORIES.filter((category) => chosen.includes(category)));

export const ConsultationInput = z.strictObject({
  consultedOn: IsoDate,
  channel: z.enum(CONSULTATION_CHANNELS),
  counterpart: z.enum(CONSULTATION_COUNTERPARTS),
  supportCategories: SupportCategories,
  summary: requiredText(3000),
  minutes: ConsultationMinutes,
});
export type ConsultationInput = z.infer<typeof ConsultationInput>;

/** Basic consultation with nobody enrolled: counted for statistics, no personal data at all. */
export const AnonymousConsultationInput = z.strictObject({
  consultedOn: IsoDate,
  channel: z.enum(CONSULTATION_CHANNELS),
  counterpart: z.enum(CONSULTATION_COUNTERPARTS),
  topic: z.enum(['service_info', 'daily_life', 'employment', 'housing', 'family', 'other']),
  minutes: ConsultationMinutes,
});

// ── Consent (同意), per purpose, dated, revocable ─────────────────────────────
/**
 * The purposes a consent is asked for, each enforced where its data flows (ADR 0022): sharing a
 * case with the core center, and counting a case in the council's material. Statistics is not
 * one: the plan's figures are counts that identify no one, owed by law whatever one person says.
 */
export const CONSENT_PURPOSES = ['core_supervision', 'council_anonymised'] as const;
export const ConsentPurpose = z.enum(CONSENT_PURPOSES, { error: '同意の目的を選んでください' });
export const CONSENT_PURPOSE_LABELS = {
  core_supervision: '基幹相談支援センターとの共有（スーパービジョン）',
  council_anonymised: '協議会での匿名化した事例利用',
} as const;
export const ConsentInput = z.strictObject({ purpose: ConsentPurpose, grantedOn: IsoDate });
export const ConsentRevokeInput = z.strictObject({ purpose: ConsentPurpose, revokedOn: IsoDate });

// ── Closure (終結) ─────────────────────────────────────────────────────────────
export const CLOSURE_REASONS = [
  'life_stage_move',
  'moved_away',
  'office_change',
  'self_plan',
  'death',
  'other',
] as const;
export const CLOSURE_REASON_LABELS = {
  life_stage_move: 'ライフステージの移行',
  moved_away: '転出',
  office_change: '事業所の変更',
  self_plan: 'セルフプランへの移行',
  death: '死亡',
  other: 'その他',
} as const;

/** The day the phase changed (変更日): today when left out; histories entered later give theirs. */
const changedOn = IsoDate.optional();

export const PhaseChangeInput = z.discriminatedUnion('to', [
  z.strictObject({ to: z.literal('assessment'), changedOn }),
  z.strictObject({ to: z.literal('planning'), changedOn }),
  z.strictObject({ to: z.literal('implementation'), changedOn }),
  z.strictObject({ to: z.literal('monitoring'), changedOn }),
  z.strictObject({
    to: z.literal('closed'),
    closedOn: IsoDate,
    reason: z.enum(CLOSURE_REASONS),
    postEvaluation: requiredText(3000),
  }),
]);
export type PhaseChangeInput = z.infer<typeof PhaseChangeInput>;

export const TransferToAdultInput = z.strictObject({
  transferOn: IsoDate,
  targetOfficeId: EntityId,
  serviceKind: ServiceKind.default('plan_consultation'),
  monitoringPeriodMonths: z.union(MONITORING_PERIODS.map((months) => z.literal(months))).default(6),
  note: text(1000).default(''),
});
