import { RegionalIssue, fiscalYearOf, todayInJapan, type RegionalIssueStatus } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { casesWithoutCouncilConsent } from '../src/consent/council-consent.ts';
import { moveProblems, sessionProblems, sourceProblems } from '../src/council/issue-rules.ts';
import { demoCouncilItems, demoRegionalIssues } from './demo-council.ts';
import { demoCases } from './demo-data.ts';
import { demoSupervisions, withDemoDifficulty } from './demo-difficult.ts';
import { demoLedgerEvents } from './demo-ledger.ts';
import { demoRecords } from './demo-records.ts';

const NOW = new Date('2026-11-22T03:00:00.000Z');
const TODAY = todayInJapan(NOW);
const CURRENT = fiscalYearOf(TODAY);

/** A day late in the fiscal year and one just after it starts, when this year has no session yet. */
const DAYS = [NOW, new Date('2027-04-02T03:00:00.000Z')];

describe.each(['kibougaoka', 'hokushin'].flatMap((tenantId) => DAYS.map((now) => [tenantId, now] as const)))(
  'the demo regional issues of %s on %s',
  (tenantId, NOW) => {
    const TODAY = todayInJapan(NOW);
    const issues = demoRegionalIssues(tenantId, NOW);
    const cases = withDemoDifficulty(demoCases(tenantId, NOW));
    const records = {
      cases: new Map(
        cases.map(({ record }) => [record.caseId, { officeId: record.officeId, personId: record.personId }]),
      ),
      meetings: new Set(
        demoRecords(tenantId, NOW, cases).meetings.map(
          ({ meeting }) => `${meeting.caseId}#${meeting.recordId}`,
        ),
      ),
      difficultCases: new Set(
        cases.filter(({ record }) => record.difficulty).map(({ record }) => record.caseId),
      ),
      supervisions: new Map(
        demoSupervisions(tenantId, NOW, cases).map((supervision) => [
          supervision.supervisionId,
          supervision.cases.map((linked) => linked.caseId),
        ]),
      ),
    };
    const ledger = new Map(demoLedgerEvents(tenantId, NOW).map((event) => [event.eventId, event]));

    it('are raised from meetings, difficult cases and supervisions that exist in the demo data', () => {
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) {
        RegionalIssue.parse(issue);
        expect(sourceProblems(issue.sources, records)).toEqual([]);
        for (const source of issue.sources) {
          expect(source.officeId).toBe(records.cases.get(source.caseId)?.officeId);
        }
      }
    });

    it('are raised only from cases whose person gave the council consent, none revoked (ADR 0022)', () => {
      const personOf = new Map(cases.map(({ record }) => [record.caseId, record.personId]));
      const councilConsents = demoRecords(tenantId, NOW, cases).consents.filter(
        ({ consent }) => consent.purpose === 'council_anonymised' && consent.status === 'granted',
      );
      const consenting = new Set(councilConsents.map(({ personId }) => personId));
      for (const issue of issues) {
        const caseIds = issue.sources.map((source) => source.caseId);
        expect(casesWithoutCouncilConsent(caseIds, personOf, consenting), issue.title).toEqual([]);
      }
    });

    it('went through allowed moves, each dated on or after the previous step and not after today', () => {
      for (const issue of issues) {
        expect(issue.history[0]).toMatchObject({ status: 'raised', on: issue.raisedOn });
        issue.history.slice(1).forEach((step, index) => {
          const before = {
            ...issue,
            status: issue.history[index]?.status ?? 'raised',
            history: issue.history.slice(0, index + 1),
          };
          expect(
            moveProblems(before, { to: step.status, on: step.on }, TODAY),
            `${issue.title} → ${step.status}`,
          ).toEqual([]);
        });
        expect(issue.status).toBe(issue.history.at(-1)?.status);
      }
    });

    it("went to the demo ledger's council and sub-committee sessions, held after it was raised", () => {
      for (const issue of issues) {
        issue.sessions.forEach((session, index) => {
          const event = ledger.get(session.eventId);
          expect(event?.heldOn).toBe(session.heldOn);
          expect(
            sessionProblems({ ...issue, sessions: issue.sessions.slice(0, index) }, event ?? null),
          ).toEqual([]);
        });
      }
    });

    it('writes one item per issue', () => {
      expect(demoCouncilItems(tenantId, NOW)).toHaveLength(issues.length);
    });
  },
);

describe('the demo regional issues of kibougaoka', () => {
  const issues = demoRegionalIssues('kibougaoka', NOW);

  it('are six for kibougaoka and two for hokushin (さくら and the core center): none lost for want of a source', () => {
    expect(issues).toHaveLength(6);
    const hokushin = demoRegionalIssues('hokushin', NOW);
    expect(hokushin.map((issue) => issue.raisedByOfficeId)).toEqual(['hokushin-sakura', 'hokushin-core']);
  });

  it('are at various statuses over the previous fiscal year and this one', () => {
    const statuses = new Set<RegionalIssueStatus>(issues.map((issue) => issue.status));
    expect(statuses.size).toBeGreaterThanOrEqual(4);
    expect(new Set(issues.map((issue) => fiscalYearOf(issue.raisedOn)))).toEqual(
      new Set([CURRENT - 1, CURRENT]),
    );
  });

  it('include one that reached action with the plan revision it led to', () => {
    const action = issues.find((issue) => issue.status === 'action');
    expect(action?.outcome?.planRevisionNote).toBe('第8期計画で短期入所の見込量を上方修正');
  });

  it('include one raised by ひまわり and one by あおぞら, each from its own cases', () => {
    for (const officeId of ['himawari', 'aozora']) {
      const raised = issues.filter((issue) => issue.raisedByOfficeId === officeId);
      expect(raised).toHaveLength(1);
      expect(raised[0]?.sources.every((source) => source.officeId === officeId)).toBe(true);
    }
  });
});
