import {
  CONSENT_PURPOSE_LABELS,
  ISSUE_SESSION_KINDS,
  type LedgerEventKind,
  type RegionalIssue,
} from '@kikan/shared';

/**
 * The council (自立支援協議会) sees cases only as counts, but a case counted in its material is a use
 * of the person's record that the person agrees to or not: consent purpose `council_anonymised`
 * (ADR 0022). Its flows are a regional issue's source cases and the cases linked to a council or
 * sub-committee session of the ledger. Each needs the consent in force on the day the case reached
 * that material (the issue's raising, the session), and a revocation unlinks the case again.
 */

/** Ledger kinds that are the council's own sessions; a case review of the core center is not one. */
export const isCouncilSession = (kind: LedgerEventKind): boolean =>
  (ISSUE_SESSION_KINDS as readonly string[]).includes(kind);

/**
 * The positions (1-based, as the portal counts) of the cases whose person's council consent was not
 * in force, among those `checked` (all by default). Fails closed: a case whose person is unknown is
 * one of them.
 */
export const casesWithoutCouncilConsent = (
  caseIds: readonly string[],
  personOfCase: ReadonlyMap<string, string>,
  consenting: ReadonlySet<string>,
  checked: readonly string[] = caseIds,
): number[] =>
  caseIds.flatMap((caseId, index) => {
    if (!checked.includes(caseId)) return [];
    const personId = personOfCase.get(caseId);
    return personId !== undefined && consenting.has(personId) ? [] : [index + 1];
  });

const CONSENT_NAME = `本人の同意（${CONSENT_PURPOSE_LABELS.council_anonymised}）`;
const positionsOf = (positions: readonly number[]) => positions.map((n) => `${n}件目`).join('・');

/** The 409 of raising an issue from a case the council may not count. No case id: positions only. */
export const issueWithoutConsentMessage = (positions: readonly number[]): string =>
  `提起のもとにした記録の${positionsOf(positions)}の事例は、${CONSENT_NAME}が提起日の時点で記録されていないため、地域課題のもとにできません。同意を記録してから提起するか、その記録を外してください`;

/** The 409 of linking a case the council may not count to a council or sub-committee session. */
export const sessionWithoutConsentMessage = (positions: readonly number[]): string =>
  `関連事例の${positionsOf(positions)}は、${CONSENT_NAME}が開催日の時点で記録されていないため、協議会・部会の記録に紐づけられません。同意を記録してから登録するか、その事例を外してください`;

type SessionLinks = { kind: LedgerEventKind; heldOn: string; caseIds: readonly string[] };

/**
 * The cases of an event whose consent a write must check: none for a kind that is not the council's;
 * on a new event, or one whose kind or date changed, all of them; otherwise the cases it adds
 * (those already linked were checked, and a revocation would have unlinked them).
 */
export const casesNeedingCouncilConsent = (before: SessionLinks | null, after: SessionLinks): string[] => {
  if (!isCouncilSession(after.kind)) return [];
  if (!before || !isCouncilSession(before.kind) || before.heldOn !== after.heldOn) return [...after.caseIds];
  return after.caseIds.filter((caseId) => !before.caseIds.includes(caseId));
};

/**
 * A session as it stands once the council may no longer count these cases: the cases go, the
 * session stays (it was held, and the plan indicators count it). A new version, so a concurrent
 * correction fails.
 */
export const eventWithoutCases = <T extends { caseIds: string[]; version: number }>(
  event: T,
  caseIds: ReadonlySet<string>,
  stamp: { at: string; userId: string },
): T => ({
  ...event,
  caseIds: event.caseIds.filter((caseId) => !caseIds.has(caseId)),
  version: event.version + 1,
  updatedAt: stamp.at,
  updatedBy: stamp.userId,
});

/**
 * The issue as it stands once the council may no longer count these cases (their person revoked
 * the council consent): every source on them goes, with its note; the issue, its steps, sessions
 * and outcome stay, for the gap is still there. A new version, so a concurrent step fails.
 */
export const issueWithoutCases = (
  issue: RegionalIssue,
  caseIds: ReadonlySet<string>,
  stamp: { at: string; userId: string },
): RegionalIssue => ({
  ...issue,
  sources: issue.sources.filter((source) => !caseIds.has(source.caseId)),
  version: issue.version + 1,
  updatedAt: stamp.at,
  updatedBy: stamp.userId,
});
