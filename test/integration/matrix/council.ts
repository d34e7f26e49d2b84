import { keys, todayInJapan, type RegionalIssue } from '@kikan/shared';
import { DEMO_USERS, demoCases } from '../../../services/local/demo-data.ts';
import { demoRegionalIssues } from '../../../services/local/demo-council.ts';
import { demoLedgerEvents } from '../../../services/local/demo-ledger.ts';
import { demoRecords } from '../../../services/local/demo-records.ts';
import type { Expectation, Persona, Target } from '../../support/personas.ts';
import type { TestApi } from '../../support/test-api.ts';

/**
 * Regional issues: the core center raises, moves, links sessions and records outcomes, and reads
 * its tenant's issues in full; office staff raise from their own office's cases and read the issues
 * their office raised (another office's is a 404); the municipality reads every issue of its tenant
 * as the council does and writes nothing (403); the tenant admin gets 403 everywhere. Another
 * tenant's issue is a 404.
 */

const NOW = new Date();
const TODAY = todayInJapan(NOW);
const RAISERS = new Set(['specialist', 'office_manager', 'core_supervisor']);
const READERS = new Set([...RAISERS, 'municipal_officer']);
const isCore = (persona: Persona) => persona.role === 'core_supervisor';
const isOfficeStaff = (persona: Persona) =>
  persona.role === 'specialist' || persona.role === 'office_manager';

const userOf = (persona: Persona) => {
  const user = DEMO_USERS.find((candidate) => candidate.email === persona.email);
  if (!user) throw new Error(`no demo user ${persona.email}`);
  return user;
};
const otherTenantOf = (tenantId: string) => (tenantId === 'kibougaoka' ? 'hokushin' : 'kibougaoka');

const ISSUES: Record<string, RegionalIssue[]> = {
  kibougaoka: demoRegionalIssues('kibougaoka', NOW),
  hokushin: demoRegionalIssues('hokushin', NOW),
};

/** The latest council or sub-committee session of each tenant: what the link calls name. */
const latestSession = (tenantId: string) => {
  const sessions = demoLedgerEvents(tenantId, NOW).filter(
    (event) => event.kind === 'council_session' || event.kind === 'subcommittee_session',
  );
  const latest = sessions.sort((a, b) => a.heldOn.localeCompare(b.heldOn)).at(-1);
  if (!latest) throw new Error(`no demo session in ${tenantId}`);
  return latest;
};
const LATEST = { kibougaoka: latestSession('kibougaoka'), hokushin: latestSession('hokushin') };
const latestOf = (tenantId: string) => (tenantId === 'hokushin' ? LATEST.hokushin : LATEST.kibougaoka);

/**
 * Own office: an issue the persona's office raised (any of its tenant's for the municipality);
 * other office: one raised by another office of its tenant; other tenant: one of the other tenant's.
 * `fits` narrows the choice to issues the call can succeed on.
 */
const issueFor = (persona: Persona, target: Target, fits: (issue: RegionalIssue) => boolean = () => true) => {
  const { tenantId, officeId } = userOf(persona);
  const tenant = target === 'otherTenant' ? otherTenantOf(tenantId) : tenantId;
  const issues = ISSUES[tenant] ?? [];
  const mine = (issue: RegionalIssue) => issue.raisedByOfficeId === officeId;
  const candidates = issues.filter((issue) => {
    if (target === 'otherTenant') return true;
    if (target === 'otherOffice') return !mine(issue);
    return persona.role === 'municipal_officer' || mine(issue);
  });
  const issue = candidates.find(fits) ?? candidates[0] ?? issues[0];
  if (!issue) throw new Error(`no demo regional issue for ${persona.email} on ${target}`);
  return { tenantId: tenant, issueId: issue.issueId };
};

const notClosed = (issue: RegionalIssue) => issue.status !== 'closed';
const linkable = (persona: Persona) => (issue: RegionalIssue) => {
  const session = latestOf(userOf(persona).tenantId);
  return (
    issue.raisedOn <= session.heldOn && !issue.sessions.some((linked) => linked.eventId === session.eventId)
  );
};

/**
 * A service staff meeting of the persona's own office, whose person gave the council consent: what
 * an issue is raised from (ADR 0022).
 */
const ownMeeting = (persona: Persona) => {
  const { tenantId, officeId } = userOf(persona);
  const records = demoRecords(tenantId, NOW);
  const cases = new Map(demoCases(tenantId, NOW).map(({ record }) => [record.caseId, record.personId]));
  const consenting = new Set(
    records.consents
      .filter(({ consent }) => consent.purpose === 'council_anonymised' && consent.status === 'granted')
      .map(({ personId }) => personId),
  );
  const mayCount = (caseId: string) => consenting.has(cases.get(caseId) ?? '');
  const found = records.meetings.find(
    (entry) => entry.officeId === officeId && mayCount(entry.meeting.caseId),
  );
  return found?.meeting ?? records.meetings.find((entry) => mayCount(entry.meeting.caseId))?.meeting;
};

const ifMatchOf = async (api: TestApi, key: { pk: string; sk: string }) => {
  const item = (await api.queryPartition(key.pk)).find((candidate) => candidate.sk === key.sk);
  return { 'if-match': `"${typeof item?.version === 'number' ? item.version : 1}"` };
};
const ifMatchFor =
  (fits?: (persona: Persona) => (issue: RegionalIssue) => boolean) =>
  (api: TestApi, persona: Persona, target: Target) => {
    const { tenantId, issueId } = issueFor(persona, target, fits?.(persona));
    return ifMatchOf(api, keys.regionalIssue(tenantId, issueId));
  };

const raise = (persona: Persona) => (RAISERS.has(persona.role) ? 201 : 403);
const readList = (persona: Persona) => (READERS.has(persona.role) ? 200 : 403);

const readById = (persona: Persona, target: Target) => {
  if (!READERS.has(persona.role)) return 403;
  if (target === 'otherTenant') return 404;
  if (target === 'otherOffice' && isOfficeStaff(persona)) return 404;
  return 200;
};

const writeById = (persona: Persona, target: Target) => {
  if (!isCore(persona)) return 403;
  return target === 'otherTenant' ? 404 : 200;
};

export const COUNCIL_MATRIX: Record<string, Expectation> = {
  'POST /api/regional-issues': {
    method: 'POST',
    path: () => '/api/regional-issues',
    body: (persona) => {
      const meeting = ownMeeting(persona);
      return {
        title: '権限確認のための地域課題',
        category: 'other',
        raisedOn: TODAY,
        sources: [{ kind: 'service_meeting', caseId: meeting?.caseId, recordId: meeting?.recordId }],
      };
    },
    status: raise,
  },
  'GET /api/regional-issues': {
    method: 'GET',
    path: () => '/api/regional-issues',
    status: readList,
  },
  'GET /api/regional-issues/{issueId}': {
    method: 'GET',
    path: (persona, target) => `/api/regional-issues/${issueFor(persona, target).issueId}`,
    status: readById,
  },
  'POST /api/regional-issues/{issueId}/moves': {
    method: 'POST',
    path: (persona, target) => `/api/regional-issues/${issueFor(persona, target, notClosed).issueId}/moves`,
    body: () => ({ to: 'closed', on: TODAY, note: '権限確認のための終結' }),
    headers: ifMatchFor(() => notClosed),
    status: writeById,
  },
  'POST /api/regional-issues/{issueId}/sessions': {
    method: 'POST',
    path: (persona, target) =>
      `/api/regional-issues/${issueFor(persona, target, linkable(persona)).issueId}/sessions`,
    body: (persona) => ({ eventId: latestOf(userOf(persona).tenantId).eventId }),
    headers: ifMatchFor(linkable),
    status: writeById,
  },
  'PUT /api/regional-issues/{issueId}/outcome': {
    method: 'PUT',
    path: (persona, target) => `/api/regional-issues/${issueFor(persona, target).issueId}/outcome`,
    body: () => ({ actionKind: 'none', note: '権限確認', recordedOn: TODAY }),
    headers: ifMatchFor(),
    status: writeById,
  },
};
