import {
  ISSUE_SESSION_KINDS,
  REGIONAL_ISSUE_STATUS_LABELS,
  mayMoveRegionalIssue,
  type FieldError,
  type IssueSourceInput,
  type LedgerEventKind,
  type RegionalIssue,
  type RegionalIssueMoveInput,
  type RegionalIssueOutcomeInput,
} from '@kikan/shared';

/** The checks a regional issue and each of its steps must pass, as pure functions. */

/** What the sources were checked against: only what the caller may see is in here. */
export interface SourceRecords {
  /** The cases named, by id, with the office holding each and the person whose case it is. */
  cases: ReadonlyMap<string, { officeId: string; personId: string }>;
  /** `<caseId>#<meetingId>` of the service staff meetings found. */
  meetings: ReadonlySet<string>;
  /** Cases with a difficulty file (困難事例). */
  difficultCases: ReadonlySet<string>;
  /** Supervisions found, with the cases linked to each. */
  supervisions: ReadonlyMap<string, readonly string[]>;
}

export const sourceProblems = (sources: readonly IssueSourceInput[], records: SourceRecords): FieldError[] =>
  sources.flatMap((source, index): FieldError[] => {
    const at = (name: string) => `body.sources.${index}.${name}`;
    if (!records.cases.has(source.caseId)) {
      return [{ field: at('caseId'), message: '指定された事例が見つかりません' }];
    }
    switch (source.kind) {
      case 'service_meeting':
        return records.meetings.has(`${source.caseId}#${source.recordId ?? ''}`)
          ? []
          : [{ field: at('recordId'), message: 'この事例のサービス担当者会議の記録が見つかりません' }];
      case 'difficult_case':
        return records.difficultCases.has(source.caseId)
          ? []
          : [{ field: at('caseId'), message: 'この事例は困難事例として登録されていません' }];
      case 'supervision':
        return records.supervisions.get(source.recordId ?? '')?.includes(source.caseId)
          ? []
          : [{ field: at('recordId'), message: 'この事例を扱ったスーパービジョンの記録が見つかりません' }];
    }
  });

export const raisedOnProblems = (raisedOn: string, today: string): FieldError[] =>
  raisedOn > today ? [{ field: 'body.raisedOn', message: '提起日に未来の日付は指定できません' }] : [];

const lastStepOn = (issue: Pick<RegionalIssue, 'history' | 'raisedOn'>): string =>
  issue.history.at(-1)?.on ?? issue.raisedOn;

/**
 * A move goes along the allowed transitions, dated on or after the previous step and not in the
 * future; taking an issue to 施策化 needs the action recorded first, so the council view of an
 * issue in action always says what the action is.
 */
export const moveProblems = (
  issue: Pick<RegionalIssue, 'status' | 'history' | 'raisedOn' | 'outcome'>,
  move: Pick<RegionalIssueMoveInput, 'to' | 'on'>,
  today: string,
): FieldError[] => {
  const errors: FieldError[] = [];
  if (!mayMoveRegionalIssue(issue.status, move.to)) {
    errors.push({
      field: 'body.to',
      message: `「${REGIONAL_ISSUE_STATUS_LABELS[issue.status]}」から「${REGIONAL_ISSUE_STATUS_LABELS[move.to]}」には進められません`,
    });
  } else if (move.to === 'action' && (!issue.outcome || issue.outcome.actionKind === 'none')) {
    errors.push({ field: 'body.to', message: '施策化にするには、先に取組の内容を記録してください' });
  }
  if (move.on < lastStepOn(issue)) {
    errors.push({ field: 'body.on', message: '日付は前の段階の日付以降にしてください' });
  } else if (move.on > today) {
    errors.push({ field: 'body.on', message: '未来の日付は指定できません' });
  }
  return errors;
};

export interface SessionEvent {
  eventId: string;
  kind: LedgerEventKind;
  heldOn: string;
}

const isSessionKind = (kind: LedgerEventKind) => (ISSUE_SESSION_KINDS as readonly string[]).includes(kind);

/** A session is a council or sub-committee meeting of the ledger, held after the issue was raised. */
export const sessionProblems = (
  issue: Pick<RegionalIssue, 'sessions' | 'raisedOn'>,
  event: SessionEvent | null,
): FieldError[] => {
  const field = 'body.eventId';
  if (!event) return [{ field, message: '協議会・部会の記録が見つかりません' }];
  if (!isSessionKind(event.kind)) return [{ field, message: '協議会または部会の記録を選んでください' }];
  if (issue.sessions.some((session) => session.eventId === event.eventId)) {
    return [{ field, message: 'この会議はすでに紐づいています' }];
  }
  if (event.heldOn < issue.raisedOn) {
    return [{ field, message: '提起日より前に開かれた会議は紐づけられません' }];
  }
  return [];
};

/**
 * The outcome is dated between raising and today. It may be recorded at any status: an issue
 * closed without action records 施策化に至らず, and one taken to 施策化 needs it first (moveProblems).
 */
export const outcomeProblems = (
  issue: Pick<RegionalIssue, 'raisedOn'>,
  outcome: Pick<RegionalIssueOutcomeInput, 'recordedOn'>,
  today: string,
): FieldError[] => {
  if (outcome.recordedOn < issue.raisedOn) {
    return [{ field: 'body.recordedOn', message: '記録日は提起日以降にしてください' }];
  }
  if (outcome.recordedOn > today) {
    return [{ field: 'body.recordedOn', message: '未来の日付は指定できません' }];
  }
  return [];
};
