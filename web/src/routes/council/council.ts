import {
  ISSUE_SESSION_KINDS,
  ISSUE_SOURCE_KIND_LABELS,
  REGIONAL_ISSUE_MOVES,
  REGIONAL_ISSUE_STATUS_LABELS,
  RegionalIssueCategory,
  RegionalIssueInput,
  RegionalIssueMoveInput,
  RegionalIssueOutcomeInput,
  RegionalIssueSessionInput,
  RegionalIssueStatus,
  type IssueActionKind,
  type IssueSourceInput,
  type RegionalIssueCouncilView,
  type RegionalIssueQuery,
} from '@kikan/shared/regional-issue-api';
import type { LedgerEvent } from '@kikan/shared/ledger-api';
import { checkInput, optionalText, type FormCheck } from '#lib/forms.ts';

/** The list's filters as they stand in the address (`?status=…&category=…&fy=…`). */
export const issueFiltersOf = (
  params: Pick<URLSearchParams, 'get'>,
): Pick<RegionalIssueQuery, 'status' | 'category'> => {
  const status = RegionalIssueStatus.safeParse(params.get('status'));
  const category = RegionalIssueCategory.safeParse(params.get('category'));
  return {
    ...(status.success ? { status: status.data } : {}),
    ...(category.success ? { category: category.data } : {}),
  };
};

/** 事例3件・会議2回: what fed an issue, counted, never named. */
export const fedBySummary = (issue: Pick<RegionalIssueCouncilView, 'caseCount' | 'meetingCount'>): string =>
  `事例${issue.caseCount}件・会議${issue.meetingCount}回`;

/** サービス担当者会議の未解決事項 2件、困難事例 1件 (kinds with none left out). */
export const sourceCountsSummary = (counts: RegionalIssueCouncilView['sourceCounts']): string =>
  (Object.keys(ISSUE_SOURCE_KIND_LABELS) as (keyof typeof counts)[])
    .filter((kind) => counts[kind] > 0)
    .map((kind) => `${ISSUE_SOURCE_KIND_LABELS[kind]} ${counts[kind]}件`)
    .join('、') || 'なし';

/** The statuses an issue can move to next, as options. */
export const nextStatusOptions = (status: RegionalIssueStatus) =>
  REGIONAL_ISSUE_MOVES[status].map((value) => ({ value, label: REGIONAL_ISSUE_STATUS_LABELS[value] }));

/** Council and sub-committee sessions of the ledger the issue can still be linked to, newest first. */
export const linkableSessions = <T extends Pick<LedgerEvent, 'eventId' | 'kind' | 'heldOn'>>(
  events: readonly T[],
  issue: Pick<RegionalIssueCouncilView, 'raisedOn' | 'sessions'>,
): T[] =>
  events
    .filter((event) => (ISSUE_SESSION_KINDS as readonly string[]).includes(event.kind))
    .filter((event) => event.heldOn >= issue.raisedOn)
    .filter((event) => !issue.sessions.some((session) => session.eventId === event.eventId))
    .sort((a, b) => b.heldOn.localeCompare(a.heldOn));

// ── New issue ─────────────────────────────────────────────────────────────────
export interface IssueFormValues {
  title: string;
  category: RegionalIssueCategory | '';
  description: string;
  raisedOn: string;
  /** Sources fixed by where the form was opened from (a meeting's unsolved item). */
  sources: IssueSourceInput[];
  /** Difficult cases picked on the form (core center). */
  difficultCaseIds: string[];
}

export const emptyIssueForm = (today: string, sources: IssueSourceInput[] = []): IssueFormValues => ({
  title: '',
  category: '',
  description: '',
  raisedOn: today,
  sources,
  difficultCaseIds: [],
});

/**
 * The source a link from a case's meeting names in the address: ids only, never the item's text
 * (an address ends up in the browser history).
 */
export const sourceFromQuery = (params: Pick<URLSearchParams, 'get'>): IssueSourceInput | null => {
  const caseId = params.get('caseId');
  const recordId = params.get('recordId');
  if (params.get('kind') !== 'service_meeting' || !caseId || !recordId) return null;
  return { kind: 'service_meeting', caseId, recordId, note: '' };
};

export const toIssueBody = (values: IssueFormValues) => ({
  title: values.title,
  category: values.category || undefined,
  description: values.description,
  raisedOn: values.raisedOn,
  sources: [
    ...values.sources,
    ...values.difficultCaseIds
      .filter(
        (caseId) =>
          !values.sources.some((source) => source.kind === 'difficult_case' && source.caseId === caseId),
      )
      .map((caseId) => ({ kind: 'difficult_case' as const, caseId, note: '' })),
  ],
});

export const checkIssueForm = (values: IssueFormValues): FormCheck<RegionalIssueInput> =>
  checkInput(RegionalIssueInput, toIssueBody(values));

export const ISSUE_FIELD_LABELS: Record<string, string> = {
  title: '課題の名称',
  category: '分野',
  description: '課題の内容',
  raisedOn: '提起日',
  sources: '提起のもとになった記録',
  to: '次の段階',
  on: '日付',
  note: 'メモ',
  eventId: '協議会・部会',
  actionKind: '取組の種類',
  planRevisionNote: '計画への反映',
  recordedOn: '記録日',
};

/** A source's error (`sources.0.recordId`) is shown on the sources as a whole. */
export const issueLabelOf = (name: string): string =>
  ISSUE_FIELD_LABELS[name] ?? (name.startsWith('sources') ? ISSUE_FIELD_LABELS.sources : undefined) ?? name;

// ── Steps ─────────────────────────────────────────────────────────────────────
export interface MoveFormValues {
  to: RegionalIssueStatus | '';
  on: string;
  note: string;
}

export const checkMoveForm = (values: MoveFormValues): FormCheck<RegionalIssueMoveInput> =>
  checkInput(RegionalIssueMoveInput, { to: values.to || undefined, on: values.on, note: values.note });

export const checkSessionForm = (eventId: string): FormCheck<RegionalIssueSessionInput> =>
  checkInput(RegionalIssueSessionInput, { eventId: optionalText(eventId) });

export interface OutcomeFormValues {
  actionKind: IssueActionKind | '';
  note: string;
  planRevisionNote: string;
  recordedOn: string;
}

export const outcomeFormOf = (
  issue: Pick<RegionalIssueCouncilView, 'outcome' | 'planRevisionNote'>,
  today: string,
): OutcomeFormValues => ({
  actionKind: issue.outcome?.actionKind ?? '',
  note: issue.outcome?.note ?? '',
  planRevisionNote: issue.planRevisionNote ?? '',
  recordedOn: issue.outcome?.recordedOn ?? today,
});

export const checkOutcomeForm = (values: OutcomeFormValues): FormCheck<RegionalIssueOutcomeInput> =>
  checkInput(RegionalIssueOutcomeInput, { ...values, actionKind: values.actionKind || undefined });
