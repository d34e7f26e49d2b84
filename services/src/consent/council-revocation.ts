import { fiscalYearOf, todayInJapan, type ConsentView, type TenantContext } from '@kikan/shared';
import { getLedgerEvent, readLedgerYear, type LedgerEventRecord } from '../data/ledger-store.ts';
import type { PersonCaseLink } from '../data/person-store.ts';
import { readRegionalIssues, type RegionalIssueRecord } from '../data/regional-issue-store.ts';
import { eventWithoutCases, isCouncilSession, issueWithoutCases } from './council-consent.ts';

export interface CouncilUse {
  /** Issues counting one of the person's cases, without them, and as read. */
  issues: { issue: RegionalIssueRecord; previous: RegionalIssueRecord }[];
  /** Council and sub-committee sessions linking one of them, without them, and as read. */
  events: { event: LedgerEventRecord; previous: LedgerEventRecord }[];
}

/**
 * What a revoked council consent unlinks (ADR 0022): the person's cases, at every office (the
 * consent is the person's), from every regional issue and every council or sub-committee session.
 * Read strongly consistent: each is written only at the version read.
 *
 * Sessions are looked for from the fiscal year the consent was first granted: a link needs the
 * consent in force on the session's day, so none can be older. Issues are one partition of tens a
 * year, read whole.
 */
export const councilUseOf = async (
  ctx: TenantContext,
  links: readonly PersonCaseLink[],
  consent: ConsentView,
  now: Date,
): Promise<CouncilUse> => {
  const caseIds = new Set(links.map((link) => link.caseId));
  const stamp = { at: now.toISOString(), userId: ctx.userId };
  const linksCase = (ids: readonly string[]) => ids.some((caseId) => caseIds.has(caseId));

  const firstGranted = consent.history.find((event) => event.event === 'granted')?.on ?? consent.grantedOn;
  const years: number[] = [];
  for (let year = fiscalYearOf(firstGranted); year <= fiscalYearOf(todayInJapan(now)); year += 1) {
    years.push(year);
  }
  const [issues, copies] = await Promise.all([
    readRegionalIssues(ctx.tenantId, undefined, true),
    Promise.all(years.map((year) => readLedgerYear(ctx.tenantId, year, true))),
  ]);
  const sessionIds = copies
    .flat()
    .filter((copy) => isCouncilSession(copy.kind) && copy.linkedCaseCount > 0)
    .map((copy) => copy.eventId);
  const sessions = await Promise.all(
    sessionIds.map((eventId) => getLedgerEvent(ctx.tenantId, eventId, true)),
  );

  return {
    issues: issues
      .filter((issue) => linksCase(issue.sources.map((source) => source.caseId)))
      .map((previous) => ({ issue: issueWithoutCases(previous, caseIds, stamp), previous })),
    events: sessions
      .filter((event): event is LedgerEventRecord => event !== null && linksCase(event.caseIds))
      .map((previous) => ({ event: eventWithoutCases(previous, caseIds, stamp), previous })),
  };
};
