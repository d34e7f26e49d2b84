import * as z from 'zod';
import { fiscalYearOf, fiscalYearRange } from './calendar.ts';
import { CaseId, EntityId, IsoDate, OfficeId, UserId } from './ids.ts';
import { FiscalYear, LedgerEventKind } from './ledger-api.ts';
import { requiredText, text } from './text.ts';

/**
 * Regional issues (地域課題, DOMAIN.md): a gap seen in several cases, raised from the records it came
 * from, taken to the council (自立支援協議会) and its sub-committees (部会) and followed to an
 * outcome. The cases and meetings that fed an issue are counted, never named, outside the core
 * center: `councilViewOf` is the only shape the council, the municipality and the offices get.
 */

export const REGIONAL_ISSUE_CATEGORIES = [
  'short_stay',
  'transport',
  'group_home',
  'medical_care_day_service',
  'developmental_support',
  'employment',
  'housing',
  'other',
] as const;
export const RegionalIssueCategory = z.enum(REGIONAL_ISSUE_CATEGORIES, { error: '分野を選んでください' });
export type RegionalIssueCategory = z.infer<typeof RegionalIssueCategory>;

export const REGIONAL_ISSUE_CATEGORY_LABELS: Record<RegionalIssueCategory, string> = {
  short_stay: '短期入所の不足',
  transport: '移動・送迎',
  group_home: 'グループホーム',
  medical_care_day_service: '医療的ケアに対応した日中活動',
  developmental_support: '発達支援',
  employment: '就労',
  housing: '住まい',
  other: 'その他',
};

export const REGIONAL_ISSUE_STATUSES = [
  'raised',
  'under_discussion',
  'proposal',
  'action',
  'closed',
  'carried_over',
] as const;
export const RegionalIssueStatus = z.enum(REGIONAL_ISSUE_STATUSES, { error: '状況を選んでください' });
export type RegionalIssueStatus = z.infer<typeof RegionalIssueStatus>;

export const REGIONAL_ISSUE_STATUS_LABELS: Record<RegionalIssueStatus, string> = {
  raised: '提起',
  under_discussion: '協議中',
  proposal: '提言',
  action: '施策化',
  closed: '終結',
  carried_over: '次年度へ継続',
};

/**
 * The moves the council's year allows. A proposal may go back to discussion (the council asks for
 * more); an issue carried over to the next year is taken up again or closed there; closed is final.
 */
export const REGIONAL_ISSUE_MOVES: Record<RegionalIssueStatus, readonly RegionalIssueStatus[]> = {
  raised: ['under_discussion', 'closed'],
  under_discussion: ['proposal', 'carried_over', 'closed'],
  proposal: ['action', 'under_discussion', 'carried_over', 'closed'],
  action: ['carried_over', 'closed'],
  carried_over: ['under_discussion', 'proposal', 'closed'],
  closed: [],
};

export const mayMoveRegionalIssue = (from: RegionalIssueStatus, to: RegionalIssueStatus): boolean =>
  REGIONAL_ISSUE_MOVES[from].includes(to);

export const ISSUE_SOURCE_KINDS = ['service_meeting', 'difficult_case', 'supervision'] as const;
export const IssueSourceKind = z.enum(ISSUE_SOURCE_KINDS, {
  error: '提起のもとになった記録の種類を選んでください',
});
export type IssueSourceKind = z.infer<typeof IssueSourceKind>;

export const ISSUE_SOURCE_KIND_LABELS: Record<IssueSourceKind, string> = {
  service_meeting: 'サービス担当者会議の未解決事項',
  difficult_case: '困難事例',
  supervision: 'スーパービジョン',
};

export const ISSUE_ACTION_KINDS = [
  'new_resource',
  'extended_hours',
  'agency_change',
  'municipal_rule',
  'budget',
  'none',
] as const;
export const IssueActionKind = z.enum(ISSUE_ACTION_KINDS, { error: '取組の種類を選んでください' });
export type IssueActionKind = z.infer<typeof IssueActionKind>;

export const ISSUE_ACTION_KIND_LABELS: Record<IssueActionKind, string> = {
  new_resource: '新たな社会資源',
  extended_hours: '時間延長・上乗せ',
  agency_change: '事業所の運用の見直し',
  municipal_rule: '市町村の要綱・規則の見直し',
  budget: '予算措置',
  none: '施策化に至らず',
};

/** Council and sub-committee sessions are ledger events of these kinds (ledger-api.ts). */
export const ISSUE_SESSION_KINDS = ['council_session', 'subcommittee_session'] as const;
export type IssueSessionKind = (typeof ISSUE_SESSION_KINDS)[number];

export const MAX_ISSUE_SOURCES = 50;

// ── Inputs ────────────────────────────────────────────────────────────────────
/**
 * Where an issue came from: a case and, for a meeting or a supervision, the record (the meeting's
 * id, the supervision's id). A difficult case is the case itself.
 */
export const IssueSourceInput = z
  .strictObject({
    kind: IssueSourceKind,
    caseId: CaseId,
    recordId: EntityId.optional(),
    /** For the core center only: which unsolved item, what was seen. Never shown to the council. */
    note: text(500).default(''),
  })
  .superRefine((source, context) => {
    if (source.kind !== 'difficult_case' && source.recordId === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['recordId'],
        message:
          source.kind === 'service_meeting'
            ? '会議の記録を指定してください'
            : 'スーパービジョンの記録を指定してください',
      });
    }
  });
export type IssueSourceInput = z.infer<typeof IssueSourceInput>;

export const issueSourceKey = (source: Pick<IssueSourceInput, 'kind' | 'caseId' | 'recordId'>): string =>
  `${source.kind}#${source.caseId}#${source.recordId ?? ''}`;

const IssueSources = z
  .array(IssueSourceInput)
  .min(1, { error: '提起のもとになった記録を1件以上指定してください' })
  .max(MAX_ISSUE_SOURCES, { error: `提起のもとになった記録は${MAX_ISSUE_SOURCES}件までです` })
  .refine((sources) => new Set(sources.map(issueSourceKey)).size === sources.length, {
    error: '同じ記録が重複しています',
  });

export const RegionalIssueInput = z.strictObject({
  /** Read by the council: no names, no details that single a person out. */
  title: requiredText(100),
  category: RegionalIssueCategory,
  /** Read by the council: the gap in general terms, no personal data. */
  description: text(2000).default(''),
  sources: IssueSources,
  raisedOn: IsoDate,
});
export type RegionalIssueInput = z.infer<typeof RegionalIssueInput>;

export const RegionalIssueMoveInput = z.strictObject({
  to: RegionalIssueStatus,
  on: IsoDate,
  /** Read by the council with the step. */
  note: text(1000).default(''),
});
export type RegionalIssueMoveInput = z.infer<typeof RegionalIssueMoveInput>;

export const RegionalIssueSessionInput = z.strictObject({
  /** A ledger event of kind council_session or subcommittee_session of the same tenant. */
  eventId: EntityId,
});
export type RegionalIssueSessionInput = z.infer<typeof RegionalIssueSessionInput>;

export const RegionalIssueOutcomeInput = z.strictObject({
  actionKind: IssueActionKind,
  note: text(1000).default(''),
  /** The municipal plan revision the issue led to, e.g. 第8期計画で短期入所の見込量を上方修正. */
  planRevisionNote: text(500).default(''),
  recordedOn: IsoDate,
});
export type RegionalIssueOutcomeInput = z.infer<typeof RegionalIssueOutcomeInput>;

export const RegionalIssueParams = z.strictObject({ issueId: EntityId });

export const RegionalIssueQuery = z.strictObject({
  status: RegionalIssueStatus.optional(),
  category: RegionalIssueCategory.optional(),
  /** Issues worked on in that fiscal year (see isActiveInFiscalYear); all years without it. */
  fiscalYear: FiscalYear.optional(),
});
export type RegionalIssueQuery = z.infer<typeof RegionalIssueQuery>;

// ── The stored issue ──────────────────────────────────────────────────────────
export const IssueSource = z.strictObject({
  kind: IssueSourceKind,
  caseId: CaseId,
  recordId: EntityId.optional(),
  note: z.string(),
  /** The office holding the case when the source was added. */
  officeId: OfficeId,
});
export type IssueSource = z.infer<typeof IssueSource>;

export const IssueStep = z.strictObject({
  status: RegionalIssueStatus,
  on: IsoDate,
  note: z.string(),
  at: z.iso.datetime(),
  by: UserId,
});
export type IssueStep = z.infer<typeof IssueStep>;

export const IssueSession = z.strictObject({
  eventId: EntityId,
  kind: LedgerEventKind,
  heldOn: IsoDate,
  title: z.string(),
  at: z.iso.datetime(),
  by: UserId,
});
export type IssueSession = z.infer<typeof IssueSession>;

export const IssueOutcome = z.strictObject({
  actionKind: IssueActionKind,
  note: z.string(),
  planRevisionNote: z.string(),
  recordedOn: IsoDate,
  at: z.iso.datetime(),
  by: UserId,
});
export type IssueOutcome = z.infer<typeof IssueOutcome>;

export const RegionalIssue = z.strictObject({
  issueId: EntityId,
  title: z.string(),
  category: RegionalIssueCategory,
  description: z.string(),
  status: RegionalIssueStatus,
  raisedOn: IsoDate,
  sources: z.array(IssueSource),
  /** Every step, the first being `raised` on raisedOn; dates never go back. */
  history: z.array(IssueStep).min(1),
  sessions: z.array(IssueSession),
  outcome: IssueOutcome.optional(),
  raisedByOfficeId: OfficeId,
  version: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  createdBy: UserId,
  updatedAt: z.iso.datetime(),
  updatedBy: UserId,
});
export type RegionalIssue = z.infer<typeof RegionalIssue>;

// ── Views ─────────────────────────────────────────────────────────────────────
const SourceCounts = z.strictObject({
  service_meeting: z.number().int().nonnegative(),
  difficult_case: z.number().int().nonnegative(),
  supervision: z.number().int().nonnegative(),
});

const councilFields = {
  issueId: EntityId,
  title: z.string(),
  category: RegionalIssueCategory,
  description: z.string(),
  status: RegionalIssueStatus,
  raisedOn: IsoDate,
  fiscalYear: z.number().int(),
  /** The date of the latest step. */
  lastStepOn: IsoDate,
  /** Distinct cases that fed the issue. */
  caseCount: z.number().int().nonnegative(),
  /** Distinct service staff meetings and supervisions that fed the issue. */
  meetingCount: z.number().int().nonnegative(),
  sourceCounts: SourceCounts,
  /** The council and sub-committee sessions it was taken to, by date. */
  sessions: z.array(IssueSession.pick({ eventId: true, kind: true, heldOn: true, title: true })),
  history: z.array(IssueStep.pick({ status: true, on: true, note: true })),
  outcome: IssueOutcome.pick({ actionKind: true, note: true, recordedOn: true }).nullable(),
  planRevisionNote: z.string().nullable(),
  version: z.number().int().positive(),
};

/**
 * What the council, the municipality and the offices read: counts, dates and the core center's own
 * words. No case id, no meeting or supervision id, no office, no source note (CONTRACT).
 */
export const RegionalIssueCouncilView = z.strictObject({ view: z.literal('council'), ...councilFields });
export type RegionalIssueCouncilView = z.infer<typeof RegionalIssueCouncilView>;

/** The core center's view: the council view plus where each source came from. */
export const RegionalIssueView = z.strictObject({
  view: z.literal('full'),
  ...councilFields,
  sources: z.array(IssueSource),
  raisedByOfficeId: OfficeId,
  createdAt: z.iso.datetime(),
  createdBy: UserId,
  updatedAt: z.iso.datetime(),
  updatedBy: UserId,
});
export type RegionalIssueView = z.infer<typeof RegionalIssueView>;

/** A single issue as answered: the full view to the core center, the council view to anyone else. */
export const RegionalIssueResponse = z.discriminatedUnion('view', [
  RegionalIssueView,
  RegionalIssueCouncilView,
]);
export type RegionalIssueResponse = z.infer<typeof RegionalIssueResponse>;

/** Newest first; every caller gets council views in the list (the core center opens one for its sources). */
export const RegionalIssueList = z.strictObject({ items: z.array(RegionalIssueCouncilView) });
export type RegionalIssueList = z.infer<typeof RegionalIssueList>;

const countsOf = (sources: readonly IssueSource[]) => ({
  caseCount: new Set(sources.map((source) => source.caseId)).size,
  meetingCount: new Set(
    sources
      .filter((source) => source.kind !== 'difficult_case')
      .map((source) => `${source.kind}#${source.recordId}`),
  ).size,
  sourceCounts: {
    service_meeting: sources.filter((source) => source.kind === 'service_meeting').length,
    difficult_case: sources.filter((source) => source.kind === 'difficult_case').length,
    supervision: sources.filter((source) => source.kind === 'supervision').length,
  },
});

/** Built field by field, so nothing added to the stored issue later leaks into the council view. */
export const councilViewOf = (issue: RegionalIssue): RegionalIssueCouncilView => ({
  view: 'council',
  issueId: issue.issueId,
  title: issue.title,
  category: issue.category,
  description: issue.description,
  status: issue.status,
  raisedOn: issue.raisedOn,
  fiscalYear: fiscalYearOf(issue.raisedOn),
  lastStepOn: issue.history.at(-1)?.on ?? issue.raisedOn,
  ...countsOf(issue.sources),
  sessions: [...issue.sessions]
    .sort((a, b) => a.heldOn.localeCompare(b.heldOn))
    .map(({ eventId, kind, heldOn, title }) => ({ eventId, kind, heldOn, title })),
  history: issue.history.map(({ status, on, note }) => ({ status, on, note })),
  outcome: issue.outcome
    ? { actionKind: issue.outcome.actionKind, note: issue.outcome.note, recordedOn: issue.outcome.recordedOn }
    : null,
  planRevisionNote: issue.outcome?.planRevisionNote ? issue.outcome.planRevisionNote : null,
  version: issue.version,
});

export const regionalIssueViewOf = (issue: RegionalIssue): RegionalIssueView => ({
  ...councilViewOf(issue),
  view: 'full',
  sources: issue.sources.map((source) => ({ ...source })),
  raisedByOfficeId: issue.raisedByOfficeId,
  createdAt: issue.createdAt,
  createdBy: issue.createdBy,
  updatedAt: issue.updatedAt,
  updatedBy: issue.updatedBy,
});

/**
 * Worked on in a fiscal year: raised by its end and not closed before its start. An issue carried
 * over belongs to the next year too, which is what 次年度へ継続 means.
 */
export const isActiveInFiscalYear = (
  issue: Pick<RegionalIssue, 'raisedOn' | 'status' | 'history'>,
  fiscalYear: number,
): boolean => {
  const { start, end } = fiscalYearRange(fiscalYear);
  if (issue.raisedOn > end) return false;
  if (issue.status !== 'closed') return true;
  const closedOn = issue.history.at(-1)?.on ?? issue.raisedOn;
  return closedOn >= start;
};
