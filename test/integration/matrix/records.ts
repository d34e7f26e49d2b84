import {
  CONSENT_PURPOSES,
  dateOfReachingAge,
  keys,
  todayInJapan,
  type Assessment,
  type ConsentView,
  type Meeting,
  type Plan,
} from '@kikan/shared';
import type { CaseRecord } from '../../../services/src/data/case-store.ts';
import { DEMO_USERS, demoCases } from '../../../services/local/demo-data.ts';
import { demoRecords } from '../../../services/local/demo-records.ts';
import {
  CASE_WORKERS,
  PERSONAS,
  caseBodyFor,
  caseWorkersOnly,
  type Expectation,
  type Persona,
  type Target,
} from '../../support/personas.ts';
import type { TestApi } from '../../support/test-api.ts';

/**
 * Case records are for the office holding the case: other offices (the core center too, its
 * pseudonymised view names nobody) and other tenants get the 404 of a record they cannot see;
 * roles without case access get 403 before anything else.
 *
 * Refused calls point at records that exist (another office's plan, meeting, person), so the 404
 * is the policy's and not a missing record's. Successful writes use demo cases no other matrix
 * row writes to, one per persona (Suzuki and Tanaka share あおぞら), so rows stay independent.
 * ETags are read straight from the table: an audited GET would add an item, and the matrix checks
 * that a refused write leaves the table as it was.
 */

const NOW = new Date();
const TODAY = todayInJapan(NOW);
const THIS_MONTH = TODAY.slice(0, 7);

interface DemoEntry {
  tenantId: string;
  index: number;
  record: CaseRecord;
  personId: string;
  plans: Plan[];
  assessments: Assessment[];
  meeting: Meeting | undefined;
  consents: ConsentView[];
}

const DEMO: DemoEntry[] = ['kibougaoka', 'hokushin'].flatMap((tenantId) => {
  const cases = demoCases(tenantId, NOW);
  const records = demoRecords(tenantId, NOW, cases);
  return cases.map(({ person, record }, index) => ({
    tenantId,
    index,
    record,
    personId: person.personId,
    plans: records.plans.filter((plan) => plan.caseId === record.caseId),
    assessments: records.assessments.filter((assessment) => assessment.caseId === record.caseId),
    meeting: records.meetings.find(({ meeting }) => meeting.caseId === record.caseId)?.meeting,
    consents: records.consents
      .filter((entry) => entry.personId === person.personId)
      .map((entry) => entry.consent),
  }));
});

const demoOf = (caseId: string): DemoEntry => {
  const found = DEMO.find((entry) => entry.record.caseId === caseId);
  if (!found) throw new Error(`no demo case ${caseId}`);
  return found;
};

const isCaseWorker = (persona: Persona) => CASE_WORKERS.has(persona.role);
const homeOf = (persona: Persona, target: Target) => {
  const { tenantId, record } = demoOf(persona.cases[target]);
  return { tenantId, officeId: record.officeId };
};
const inOffice = (home: { tenantId: string; officeId: string }) => (entry: DemoEntry) =>
  entry.tenantId === home.tenantId && entry.record.officeId === home.officeId;

/** Suzuki and Tanaka (both あおぞら) get different cases. */
const rankOf = (persona: Persona) =>
  PERSONAS.filter(
    (other) =>
      isCaseWorker(other) && homeOf(other, 'ownOffice').officeId === homeOf(persona, 'ownOffice').officeId,
  ).indexOf(persona);

const mayMoveToAdult = (entry: DemoEntry) =>
  entry.record.serviceKind === 'child_plan_consultation' &&
  entry.record.phase !== 'closed' &&
  dateOfReachingAge(entry.record.birthDate, 17, 6) <= TODAY;

/** The child case a persona moves to an adult plan, when its office holds one. */
const transferCaseOf = (persona: Persona): string | undefined =>
  isCaseWorker(persona)
    ? DEMO.filter(inOffice(homeOf(persona, 'ownOffice'))).filter(mayMoveToAdult)[rankOf(persona)]?.record
        .caseId
    : undefined;

/** Cases other rows must not touch: the cycle matrix's, and the ones closed by a transfer. */
const RESERVED = new Set([
  ...PERSONAS.flatMap((persona) => Object.values(persona.cases)),
  ...PERSONAS.flatMap((persona) => transferCaseOf(persona) ?? []),
]);

/**
 * A demo case for a row: for a successful write, one of the persona's own office that only this
 * persona and this kind of row use (`slot`); for a refused call, one of the target's office.
 */
const pick = (
  persona: Persona,
  target: Target,
  wanted: (entry: DemoEntry) => boolean,
  slot: number,
  refusedWanted = wanted,
): string => {
  const inHome = DEMO.filter(inOffice(homeOf(persona, target)));
  if (target !== 'ownOffice' || !isCaseWorker(persona)) {
    return inHome.find(refusedWanted)?.record.caseId ?? persona.cases[target];
  }
  const fits = inHome.filter(wanted);
  const free = fits.filter((entry) => !RESERVED.has(entry.record.caseId));
  const pool = free.length ? free : fits;
  const chosen = pool[(slot * 2 + rankOf(persona)) % pool.length];
  if (!chosen) throw new Error(`no demo case for ${persona.email}`);
  return chosen.record.caseId;
};

const isOpen = (entry: DemoEntry) => entry.record.phase !== 'closed';
const hasPlan = (entry: DemoEntry) => entry.plans.length > 0;
/** A draft to change: the seeded newest version when it is a draft, or version 1 made on demand. */
const hasDraftOrNone = (entry: DemoEntry) =>
  isOpen(entry) && (entry.plans.at(-1)?.status ?? 'draft') === 'draft';
const hasSeededDraft = (entry: DemoEntry) => entry.plans.at(-1)?.status === 'draft';
const draftVersionOf = (caseId: string) => demoOf(caseId).plans.at(-1)?.planVersion ?? 1;
/** Own rows: a draft to work on; refused rows: another office's existing draft. */
const draftCase = (persona: Persona, target: Target, slot: number) =>
  pick(persona, target, hasDraftOrNone, slot, hasSeededDraft);
const hasMeeting = (entry: DemoEntry) => entry.meeting !== undefined;
/**
 * Not the case the council matrix raises its issues from (the first meeting of the office whose
 * person gave the council consent): a revoked council consent would refuse that raising.
 */
const notIssueSource = (entry: DemoEntry) =>
  DEMO.filter(inOffice({ tenantId: entry.tenantId, officeId: entry.record.officeId })).find(
    (other) =>
      other.meeting !== undefined &&
      other.consents.some((c) => c.purpose === 'council_anonymised' && c.status === 'granted'),
  )?.record.caseId !== entry.record.caseId;
const hasConsultation = (entry: DemoEntry) => entry.record.phase !== 'intake';

const ownOfficeOnly = (ok: number) => (persona: Persona, target: Target) => {
  if (!isCaseWorker(persona)) return 403;
  return target === 'ownOffice' ? ok : 404;
};

const casePk = (caseId: string) => keys.caseItem(demoOf(caseId).tenantId, caseId).pk;
const planSk = (version: number) => `PLAN#${String(version).padStart(6, '0')}`;

const assessmentSk = (version: number) => `ASSESSMENT#${String(version).padStart(6, '0')}`;
/** The demo assessments of a case (demo-records.ts), oldest first. */
const assessmentsOf = (caseId: string) => demoOf(caseId).assessments;
const hasAssessment = (entry: DemoEntry) => entry.assessments.length > 0;
/**
 * Own rows: an open case whose newest assessment is a draft, or none (version 1 made on demand);
 * refused rows: another office's case with an assessment, so the 404 is the policy's.
 */
const hasDraftAssessmentOrNone = (entry: DemoEntry) =>
  isOpen(entry) && (entry.assessments.at(-1)?.status ?? 'draft') === 'draft';
const draftAssessmentCase = (persona: Persona, target: Target, slot: number) =>
  pick(persona, target, hasDraftAssessmentOrNone, slot, hasAssessment);
const draftAssessmentVersionOf = (caseId: string) => {
  const newest = assessmentsOf(caseId).at(-1);
  return newest ? newest.assessmentVersion : 1;
};
/** For a persona's own successful rows only: a case without seeded assessments gets a version 1 draft. */
const ensureDraftAssessment = async (api: TestApi, persona: Persona, target: Target, caseId: string) => {
  if (target !== 'ownOffice' || !isCaseWorker(persona) || hasAssessment(demoOf(caseId))) return;
  const existing = (await api.queryPartition(casePk(caseId))).some((item) => item.sk === assessmentSk(1));
  if (!existing) {
    const created = await api.call('POST', `/api/cases/${caseId}/assessments`, {
      as: persona.email,
      body: {},
    });
    if (created.status !== 201) throw new Error(`could not prepare a draft assessment: ${created.status}`);
  }
};

/** The stored version of an item, as the If-Match its owner would send. */
const ifMatchOf = async (api: TestApi, pk: string, sk: string) => {
  const item = (await api.queryPartition(pk)).find((candidate) => candidate.sk === sk);
  return { 'if-match': `"${typeof item?.version === 'number' ? item.version : 1}"` };
};

/** For a persona's own successful rows only: a case without seeded plans gets its version 1 draft. */
const ensureDraft = async (api: TestApi, persona: Persona, target: Target, caseId: string) => {
  if (target !== 'ownOffice' || !isCaseWorker(persona) || hasPlan(demoOf(caseId))) return;
  const existing = (await api.queryPartition(casePk(caseId))).some((item) => item.sk === planSk(1));
  if (!existing) {
    const created = await api.call('POST', `/api/cases/${caseId}/plans`, { as: persona.email, body: {} });
    if (created.status !== 201) throw new Error(`could not prepare a draft plan: ${created.status}`);
  }
};

/**
 * A person is reached through an open case of theirs: a closed one no longer leads to them.
 * `wanted` narrows the pick further (a person with a consent left to grant, …).
 */
const personCase = (
  persona: Persona,
  target: Target,
  slot: number,
  wanted: (entry: DemoEntry) => boolean = () => true,
) => pick(persona, target, (entry) => isOpen(entry) && wanted(entry), slot);
const personPath = (
  persona: Persona,
  target: Target,
  slot: number,
  wanted: (entry: DemoEntry) => boolean = () => true,
) => `/api/persons/${demoOf(personCase(persona, target, slot, wanted)).personId}`;

const notGranted = (entry: DemoEntry) =>
  CONSENT_PURPOSES.filter(
    (purpose) => !entry.consents.some((c) => c.purpose === purpose && c.status === 'granted'),
  );
/** A person with a purpose left to grant: with two purposes, many demo persons have given both. */
const mayGrant = (entry: DemoEntry) => notGranted(entry).length > 0;

/** The consent purpose a persona's own person has not given yet in the demo data. */
const purposeToGrant = (persona: Persona) =>
  notGranted(demoOf(personCase(persona, 'ownOffice', 4, mayGrant)))[0] ?? 'council_anonymised';

const OWN_TARGET_OFFICE: Record<string, string> = { kibougaoka: 'aozora', hokushin: 'hokushin-sakura' };

const transferPath = (persona: Persona, target: Target) =>
  target === 'ownOffice' && isCaseWorker(persona)
    ? (transferCaseOf(persona) ?? pick(persona, target, isOpen, 6))
    : persona.cases[target];

const meetingPath = (persona: Persona, target: Target, slot: number) => {
  const caseId = pick(persona, target, hasMeeting, slot);
  return { caseId, meetingId: `${caseId}-mtg-1` };
};

const officeOfUser = (email: string) => DEMO_USERS.find((user) => user.email === email);

/**
 * A merge that must succeed needs two records of one person at the caller's office: made fresh for
 * each case-worker persona (the second without a number, so nothing conflicts). A refused merge
 * names a record of the target's office to keep and the caller's own to fold in: the kept record
 * is refused first, as if it did not exist. `headers` runs first, so it sets what path and body use.
 */
const mergeCalls = new Map<
  string,
  { keptId: string; body: { duplicatePersonId: string; duplicateVersion: number } }
>();
const prepareMerge = async (api: TestApi, persona: Persona, target: Target) => {
  if (target === 'ownOffice' && isCaseWorker(persona)) {
    const created: string[] = [];
    for (const withNumber of [true, false]) {
      const body = caseBodyFor(persona);
      const { recipientNumber: _number, ...withoutNumber } = body.person;
      const response = await api.call('POST', '/api/cases', {
        as: persona.email,
        body: { ...body, person: withNumber ? body.person : withoutNumber, confirmNotDuplicate: true },
      });
      if (response.status !== 201) throw new Error(`could not prepare a merge: ${response.status}`);
      created.push(response.json.personId);
    }
    const [keptId = '', duplicatePersonId = ''] = created;
    mergeCalls.set(persona.email, { keptId, body: { duplicatePersonId, duplicateVersion: 1 } });
    return { 'if-match': '"1"' };
  }
  const { tenantId, personId } = demoOf(personCase(persona, target, 1));
  mergeCalls.set(persona.email, {
    keptId: personId,
    body: { duplicatePersonId: demoOf(persona.cases.ownOffice).personId, duplicateVersion: 1 },
  });
  return ifMatchOf(api, keys.person(tenantId, personId).pk, 'PERSON');
};
/**
 * The merge prepared for the persona (headers run first in the matrix); before that — the fuzz
 * suite reads every route's path without preparing it — a merge of two demo records of the office.
 */
const mergeCallOf = (persona: Persona) =>
  mergeCalls.get(persona.email) ?? {
    keptId: demoOf(personCase(persona, 'ownOffice', 1)).personId,
    body: { duplicatePersonId: demoOf(persona.cases.ownOffice).personId, duplicateVersion: 1 },
  };

/** Expected status of every case-record route for each persona and target. */
export const RECORD_MATRIX: Record<string, Expectation> = {
  'GET /api/persons/{personId}': {
    method: 'GET',
    path: (persona, target) => personPath(persona, target, 0),
    status: ownOfficeOnly(200),
  },
  'PATCH /api/persons/{personId}': {
    method: 'PATCH',
    path: (persona, target) => personPath(persona, target, 1),
    body: () => ({ familySituation: '両親と同居。父が主な介護者になった。' }),
    headers: async (api, persona, target) => {
      const { tenantId, personId } = demoOf(personCase(persona, target, 1));
      return ifMatchOf(api, keys.person(tenantId, personId).pk, 'PERSON');
    },
    status: ownOfficeOnly(200),
  },
  'POST /api/persons/{personId}/merge': {
    method: 'POST',
    path: (persona) => `/api/persons/${mergeCallOf(persona).keptId}/merge`,
    body: (persona) => mergeCallOf(persona).body,
    headers: prepareMerge,
    status: ownOfficeOnly(200),
  },
  'POST /api/persons/{personId}/consents': {
    method: 'POST',
    path: (persona, target) => `${personPath(persona, target, 4, mayGrant)}/consents`,
    body: (persona) => ({ purpose: purposeToGrant(persona), grantedOn: TODAY }),
    status: ownOfficeOnly(201),
  },
  'POST /api/persons/{personId}/consents/revoke': {
    method: 'POST',
    path: (persona, target) => `${personPath(persona, target, 5, notIssueSource)}/consents/revoke`,
    body: () => ({ purpose: 'council_anonymised', revokedOn: TODAY }),
    headers: async (api, persona, target) => {
      if (target === 'ownOffice' && isCaseWorker(persona)) {
        // 409 when the demo person has given it already: either way it is in force to revoke.
        await api.call('POST', `${personPath(persona, target, 5, notIssueSource)}/consents`, {
          as: persona.email,
          body: { purpose: 'council_anonymised', grantedOn: TODAY },
        });
      }
      return {};
    },
    status: ownOfficeOnly(200),
  },
  'POST /api/cases/{caseId}/plans': {
    method: 'POST',
    path: (persona, target) => `/api/cases/${pick(persona, target, isOpen, 2, hasPlan)}/plans`,
    body: () => ({ personWishes: '自分のペースで働きたい', needs: [] }),
    status: ownOfficeOnly(201),
  },
  'GET /api/cases/{caseId}/plans': {
    method: 'GET',
    path: (persona, target) => `/api/cases/${pick(persona, target, isOpen, 0, hasPlan)}/plans`,
    status: ownOfficeOnly(200),
  },
  'GET /api/cases/{caseId}/plans/{planVersion}': {
    method: 'GET',
    path: (persona, target) => {
      const caseId = draftCase(persona, target, 3);
      return `/api/cases/${caseId}/plans/${draftVersionOf(caseId)}`;
    },
    headers: async (api, persona, target) => {
      await ensureDraft(api, persona, target, draftCase(persona, target, 3));
      return {};
    },
    status: ownOfficeOnly(200),
  },
  'PUT /api/cases/{caseId}/plans/{planVersion}': {
    method: 'PUT',
    path: (persona, target) => {
      const caseId = draftCase(persona, target, 3);
      return `/api/cases/${caseId}/plans/${draftVersionOf(caseId)}`;
    },
    body: () => ({ personWishes: '一人で買い物に行けるようになりたい' }),
    headers: async (api, persona, target) => {
      const caseId = draftCase(persona, target, 3);
      await ensureDraft(api, persona, target, caseId);
      return ifMatchOf(api, casePk(caseId), planSk(draftVersionOf(caseId)));
    },
    status: ownOfficeOnly(200),
  },
  'POST /api/cases/{caseId}/plans/{planVersion}/finalize': {
    method: 'POST',
    path: (persona, target) => {
      const caseId = draftCase(persona, target, 7);
      return `/api/cases/${caseId}/plans/${draftVersionOf(caseId)}/finalize`;
    },
    body: () => ({ consentOn: TODAY }),
    headers: async (api, persona, target) => {
      const caseId = draftCase(persona, target, 7);
      await ensureDraft(api, persona, target, caseId);
      return ifMatchOf(api, casePk(caseId), planSk(draftVersionOf(caseId)));
    },
    status: ownOfficeOnly(200),
  },
  'POST /api/cases/{caseId}/assessments': {
    method: 'POST',
    path: (persona, target) => `/api/cases/${pick(persona, target, isOpen, 13, hasAssessment)}/assessments`,
    body: () => ({ personWishes: '地域で一人暮らしを続けたい', summary: '日中活動の場が必要' }),
    status: ownOfficeOnly(201),
  },
  'GET /api/cases/{caseId}/assessments': {
    method: 'GET',
    path: (persona, target) => `/api/cases/${pick(persona, target, isOpen, 14, hasAssessment)}/assessments`,
    status: ownOfficeOnly(200),
  },
  'GET /api/cases/{caseId}/assessments/{assessmentVersion}': {
    method: 'GET',
    path: (persona, target) => {
      const caseId = draftAssessmentCase(persona, target, 15);
      return `/api/cases/${caseId}/assessments/${draftAssessmentVersionOf(caseId)}`;
    },
    headers: async (api, persona, target) => {
      await ensureDraftAssessment(api, persona, target, draftAssessmentCase(persona, target, 15));
      return {};
    },
    status: ownOfficeOnly(200),
  },
  'PUT /api/cases/{caseId}/assessments/{assessmentVersion}': {
    method: 'PUT',
    path: (persona, target) => {
      const caseId = draftAssessmentCase(persona, target, 15);
      return `/api/cases/${caseId}/assessments/${draftAssessmentVersionOf(caseId)}`;
    },
    body: () => ({ strengths: '人と話すことが好き' }),
    headers: async (api, persona, target) => {
      const caseId = draftAssessmentCase(persona, target, 15);
      await ensureDraftAssessment(api, persona, target, caseId);
      return ifMatchOf(api, casePk(caseId), assessmentSk(draftAssessmentVersionOf(caseId)));
    },
    status: ownOfficeOnly(200),
  },
  'POST /api/cases/{caseId}/assessments/{assessmentVersion}/finalize': {
    method: 'POST',
    path: (persona, target) => {
      const caseId = draftAssessmentCase(persona, target, 16);
      return `/api/cases/${caseId}/assessments/${draftAssessmentVersionOf(caseId)}/finalize`;
    },
    body: () => ({}),
    headers: async (api, persona, target) => {
      const caseId = draftAssessmentCase(persona, target, 16);
      await ensureDraftAssessment(api, persona, target, caseId);
      return ifMatchOf(api, casePk(caseId), assessmentSk(draftAssessmentVersionOf(caseId)));
    },
    status: ownOfficeOnly(200),
  },
  'POST /api/cases/{caseId}/meetings': {
    method: 'POST',
    path: (persona, target) => `/api/cases/${pick(persona, target, isOpen, 8)}/meetings`,
    body: () => ({
      heldOn: TODAY,
      attendees: [{ name: '本人' }, { name: '相談支援専門員', organisation: '相談支援事業所' }],
      assignments: [{ who: 'サービス管理責任者', what: '個別支援計画の見直し', dueOn: TODAY }],
    }),
    status: ownOfficeOnly(201),
  },
  'GET /api/cases/{caseId}/meetings/{meetingId}': {
    method: 'GET',
    path: (persona, target) => {
      const { caseId, meetingId } = meetingPath(persona, target, 9);
      return `/api/cases/${caseId}/meetings/${meetingId}`;
    },
    status: ownOfficeOnly(200),
  },
  'POST /api/cases/{caseId}/meetings/{meetingId}/assignments/{assignmentId}/done': {
    method: 'POST',
    path: (persona, target) => {
      const { caseId, meetingId } = meetingPath(persona, target, 10);
      return `/api/cases/${caseId}/meetings/${meetingId}/assignments/${meetingId}-b/done`;
    },
    body: () => ({ doneOn: TODAY }),
    headers: async (api, persona, target) => {
      const { caseId, meetingId } = meetingPath(persona, target, 10);
      return ifMatchOf(api, casePk(caseId), `MEETING#${meetingId}`);
    },
    status: ownOfficeOnly(200),
  },
  'GET /api/assignments/open': {
    method: 'GET',
    path: () => '/api/assignments/open?scope=office',
    status: caseWorkersOnly(200),
  },
  'POST /api/cases/{caseId}/consultations': {
    method: 'POST',
    path: (persona, target) => `/api/cases/${pick(persona, target, isOpen, 11)}/consultations`,
    body: () => ({
      consultedOn: TODAY,
      channel: 'phone',
      counterpart: 'family',
      supportCategories: ['welfare_services'],
      summary: '母より電話。通所の様子について相談。',
      minutes: 20,
    }),
    status: ownOfficeOnly(201),
  },
  'GET /api/cases/{caseId}/consultations/{recordId}': {
    method: 'GET',
    path: (persona, target) => {
      const caseId = pick(persona, target, hasConsultation, 12);
      return `/api/cases/${caseId}/consultations/${caseId}-con-1`;
    },
    status: ownOfficeOnly(200),
  },
  'GET /api/consultations/counts': {
    method: 'GET',
    path: () => `/api/consultations/counts?month=${THIS_MONTH}`,
    status: caseWorkersOnly(200),
  },
  'POST /api/consultations/anonymous': {
    method: 'POST',
    path: () => '/api/consultations/anonymous',
    body: () => ({
      consultedOn: TODAY,
      channel: 'phone',
      counterpart: 'family',
      topic: 'service_info',
      minutes: 15,
    }),
    status: caseWorkersOnly(201),
  },
  'GET /api/consultations/anonymous': {
    method: 'GET',
    path: () => `/api/consultations/anonymous?month=${THIS_MONTH}`,
    status: caseWorkersOnly(200),
  },
  'GET /api/life-stage-alerts': {
    method: 'GET',
    path: () => '/api/life-stage-alerts?scope=office',
    status: caseWorkersOnly(200),
  },
  'POST /api/cases/{caseId}/transfer-to-adult': {
    method: 'POST',
    path: (persona, target) => `/api/cases/${transferPath(persona, target)}/transfer-to-adult`,
    body: (persona) => ({
      transferOn: TODAY,
      targetOfficeId: OWN_TARGET_OFFICE[officeOfUser(persona.email)?.tenantId ?? 'kibougaoka'],
    }),
    headers: async (api, persona, target) => ifMatchOf(api, casePk(transferPath(persona, target)), 'CASE'),
    status: (persona, target) => {
      const status = ownOfficeOnly(201)(persona, target);
      // Only an office holding a child plan case near 18 has one to move; others are refused.
      return status === 201 && !transferCaseOf(persona) ? 409 : status;
    },
  },
  'GET /api/cases/search': {
    method: 'GET',
    path: () => `/api/cases/search?q=${encodeURIComponent('あ')}`,
    status: caseWorkersOnly(200),
  },
  'GET /api/users': {
    method: 'GET',
    path: (persona, target) => `/api/users?officeId=${homeOf(persona, target).officeId}`,
    status: (persona, target) => {
      switch (persona.role) {
        case 'specialist':
        case 'office_manager':
          return target === 'ownOffice' ? 200 : 403;
        case 'core_supervisor':
        case 'tenant_admin':
          return target === 'otherTenant' ? 404 : 200;
        default:
          return 403;
      }
    },
  },
};
