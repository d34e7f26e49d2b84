import { randomUUID } from 'node:crypto';
import { addDays, keys, todayInJapan, type DifficultStatus } from '@kikan/shared';
import {
  CASE_WORKERS,
  caseWorkersOnly,
  type Expectation,
  type Persona,
  type Target,
} from '../../support/personas.ts';
import type { TestApi } from '../../support/test-api.ts';

/**
 * Difficult cases, sharing by supervision request, supervision records and the audit log.
 *
 * The difficulty rows walk one case per office persona (its lane) through the whole cycle in row
 * order — flag, escalate, accept, support meeting, propose closure, approve — so every successful
 * row finds its case where the previous row left it; the core centers accept and approve their
 * own lane and an office's lane shared with them. Refused rows (another office's or tenant's case,
 * an unshared case for the core center) point at existing cases and write nothing. If-Match is read
 * straight from the table: an audited GET would add an item.
 */

const TODAY = todayInJapan();

const kibou = (n: number) => `demo-kibougaoka-case-${String(n).padStart(3, '0')}`;
const hokushin = (n: number) => `demo-hokushin-case-${String(n).padStart(3, '0')}`;
const tenantOf = (id: string) => (id.startsWith('demo-hokushin-') ? 'hokushin' : 'kibougaoka');

/** Cases no other matrix row writes to, each person consented to core-center sharing (demo-records.ts). */
const LANES: Record<string, string> = {
  'sato@kibou.example': kibou(22),
  'suzuki@kibou.example': kibou(31),
  'tanaka@kibou.example': kibou(37),
  'takahashi@kibou.example': kibou(70),
  'yamamoto@hokushin.example': hokushin(4),
  'nakamura@hokushin.example': hokushin(13),
};
const laneOf = (persona: Persona) => LANES[persona.email] ?? persona.cases.ownOffice;

/** A case of each office already shared with the core center (demo-difficult.ts). */
const SHARED_IN: Record<string, string> = {
  [kibou(1)]: kibou(25),
  [kibou(30)]: kibou(34),
  [kibou(60)]: kibou(58),
  [kibou(67)]: kibou(70),
  [hokushin(1)]: hokushin(7),
  [hokushin(13)]: hokushin(13),
};
const sharedCaseOf = (persona: Persona, target: Exclude<Target, 'ownOffice'>) =>
  SHARED_IN[persona.cases[target]] ?? persona.cases[target];

const isCore = (persona: Persona) => persona.role === 'core_supervisor';
const isCaseWorker = (persona: Persona) => CASE_WORKERS.has(persona.role);
const coreOf = (caseId: string) =>
  tenantOf(caseId) === 'hokushin' ? 'nakamura@hokushin.example' : 'takahashi@kibou.example';
const storedCase = async (api: TestApi, caseId: string) => {
  const item = (await api.queryPartition(keys.caseItem(tenantOf(caseId), caseId).pk)).find(
    (candidate) => candidate.sk === 'CASE',
  );
  if (!item) throw new Error(`no case ${caseId}`);
  const difficulty = item.difficulty as { status: DifficultStatus } | undefined;
  return { version: Number(item.version), status: difficulty?.status };
};
const ifMatchOf = async (api: TestApi, caseId: string) => ({
  'if-match': `"${(await storedCase(api, caseId)).version}"`,
});

/**
 * For a persona's own successful rows only: an escalated lane is accepted first by its tenant's core
 * center (the accept row accepts only the lanes it aims at).
 */
const ensureAccepted = async (api: TestApi, caseId: string) => {
  if ((await storedCase(api, caseId)).status !== 'escalated') return;
  const response = await api.call('POST', `/api/cases/${caseId}/difficulty/accept`, {
    as: coreOf(caseId),
    headers: { ...(await ifMatchOf(api, caseId)), 'idempotency-key': `matrix-prep-${randomUUID()}` },
  });
  if (response.status !== 200) throw new Error(`could not accept ${caseId}: ${response.status}`);
};

/** Office rows act on the persona's lane; refused targets are another office's or tenant's case. */
const laneOrOther = (persona: Persona, target: Target) =>
  target === 'ownOffice' ? laneOf(persona) : persona.cases[target];
const ownOfficeOnly = (ok: number) => (persona: Persona, target: Target) => {
  if (!isCaseWorker(persona)) return 403;
  return target === 'ownOffice' ? ok : 404;
};

/** Acts open to the office holding the case and to the core center on a case shared with it. */
const sharedActPath = (persona: Persona, target: Target, coreOtherOffice: (persona: Persona) => string) => {
  if (target === 'ownOffice') return laneOf(persona);
  if (target === 'otherOffice' && isCore(persona)) return coreOtherOffice(persona);
  return sharedCaseOf(persona, target);
};
const sharedActStatus = (ok: number) => (persona: Persona, target: Target) => {
  if (!isCaseWorker(persona)) return 403;
  if (target === 'ownOffice') return ok;
  return target === 'otherOffice' && isCore(persona) ? ok : 404;
};

/** Acts for the core center only: its lane, an office's lane shared with it; offices get 403. */
/** Where the core centers act: their own lane, an office lane of their tenant, another tenant's lane. */
const CORE_TARGETS: Record<string, Record<Exclude<Target, 'ownOffice'>, string>> = {
  'takahashi@kibou.example': { otherOffice: kibou(22), otherTenant: hokushin(4) },
  'nakamura@hokushin.example': { otherOffice: hokushin(4), otherTenant: kibou(31) },
};
const coreActPath = (persona: Persona, target: Target): string =>
  target === 'ownOffice' ? laneOf(persona) : (CORE_TARGETS[persona.email]?.[target] ?? laneOf(persona));
const coreActStatus = (persona: Persona, target: Target) => {
  if (!isCore(persona)) return 403;
  return target === 'otherTenant' ? 404 : 200;
};

const difficultyPath = (caseId: string | undefined, step = '') =>
  `/api/cases/${caseId ?? 'missing'}/difficulty${step}`;

/** Unshared cases, one per office persona, for a supervision request. */
const REQUEST_LANES: Record<string, string> = {
  'sato@kibou.example': kibou(28),
  'suzuki@kibou.example': kibou(43),
  'tanaka@kibou.example': kibou(52),
  'takahashi@kibou.example': kibou(67),
  'yamamoto@hokushin.example': hokushin(10),
  'nakamura@hokushin.example': hokushin(14),
};
const requestCaseOf = (persona: Persona, target: Target) =>
  target === 'ownOffice' ? (REQUEST_LANES[persona.email] ?? persona.cases.ownOffice) : persona.cases[target];

/**
 * For a persona's own successful row only: the person's consent to core-center sharing, recorded
 * if the demo data (or an earlier row) has not (demo persons share their case's number).
 */
const ensureSharingConsent = async (api: TestApi, persona: Persona) => {
  const personId = requestCaseOf(persona, 'ownOffice').replace('-case-', '-person-');
  const response = await api.call('POST', `/api/persons/${personId}/consents`, {
    as: persona.email,
    body: { purpose: 'core_supervision', grantedOn: TODAY },
    headers: { 'idempotency-key': `matrix-prep-${randomUUID()}` },
  });
  if (response.status !== 201 && response.status !== 409) {
    throw new Error(`could not record the consent of ${personId}: ${response.status}`);
  }
};

// ── Supervision records (demo-difficult.ts: k1 佐藤, k2 鈴木・田中, k3 小林, k4 group; h1 山本) ──────
const K = (n: number) => `demo-kibougaoka-supervision-${n}`;
const H = (n: number) => `demo-hokushin-supervision-${n}`;
interface SupervisionTarget {
  id: string;
  followUp: string;
  status: number;
}
const pickOf = (id: string, followUp: number, status: number): SupervisionTarget => ({
  id,
  followUp: `${id}-f${followUp}`,
  status,
});

const SUPERVISION_READS: Record<string, Record<Target, SupervisionTarget>> = {
  'sato@kibou.example': {
    ownOffice: pickOf(K(1), 1, 200),
    otherOffice: pickOf(K(3), 1, 404),
    otherTenant: pickOf(H(1), 1, 404),
  },
  'suzuki@kibou.example': {
    ownOffice: pickOf(K(2), 1, 200),
    otherOffice: pickOf(K(3), 1, 404),
    otherTenant: pickOf(H(1), 1, 404),
  },
  'tanaka@kibou.example': {
    ownOffice: pickOf(K(2), 1, 200),
    otherOffice: pickOf(K(3), 1, 404),
    otherTenant: pickOf(H(1), 1, 404),
  },
  'takahashi@kibou.example': {
    ownOffice: pickOf(K(1), 1, 200),
    otherOffice: pickOf(K(3), 1, 200),
    otherTenant: pickOf(H(1), 1, 404),
  },
  // 北信 has one specialist: "another office's" supervision is another tenant's there.
  'yamamoto@hokushin.example': {
    ownOffice: pickOf(H(1), 1, 200),
    otherOffice: pickOf(K(1), 1, 404),
    otherTenant: pickOf(K(1), 1, 404),
  },
  'nakamura@hokushin.example': {
    ownOffice: pickOf(H(1), 1, 200),
    otherOffice: pickOf(H(1), 1, 200),
    otherTenant: pickOf(K(1), 1, 404),
  },
};

/** Each successful row marks a different follow-up done, so rows never depend on each other. */
const FOLLOW_UPS: Record<string, Record<Target, SupervisionTarget>> = {
  'sato@kibou.example': {
    ownOffice: pickOf(K(1), 2, 200),
    otherOffice: pickOf(K(3), 1, 404),
    otherTenant: pickOf(H(1), 1, 404),
  },
  'suzuki@kibou.example': {
    ownOffice: pickOf(K(2), 1, 200),
    otherOffice: pickOf(K(3), 1, 404),
    otherTenant: pickOf(H(1), 1, 404),
  },
  'tanaka@kibou.example': {
    ownOffice: pickOf(K(2), 2, 200),
    otherOffice: pickOf(K(3), 1, 404),
    otherTenant: pickOf(H(1), 1, 404),
  },
  'takahashi@kibou.example': {
    ownOffice: pickOf(K(3), 1, 200),
    otherOffice: pickOf(K(4), 1, 200),
    otherTenant: pickOf(H(1), 1, 404),
  },
  'yamamoto@hokushin.example': {
    ownOffice: pickOf(H(1), 1, 200),
    otherOffice: pickOf(H(1), 2, 200),
    otherTenant: pickOf(K(1), 2, 404),
  },
  'nakamura@hokushin.example': {
    ownOffice: pickOf(H(1), 3, 200),
    otherOffice: pickOf(H(1), 1, 409),
    otherTenant: pickOf(K(2), 1, 404),
  },
};
/** A correction is the core center's: its own tenant's supervisions, whichever office they advised. */
const CORRECTIONS: Record<string, Record<Target, SupervisionTarget>> = {
  'takahashi@kibou.example': {
    ownOffice: pickOf(K(1), 1, 200),
    otherOffice: pickOf(K(3), 1, 200),
    otherTenant: pickOf(H(1), 1, 404),
  },
  'nakamura@hokushin.example': {
    ownOffice: pickOf(H(1), 1, 200),
    otherOffice: pickOf(H(1), 1, 200),
    otherTenant: pickOf(K(1), 1, 404),
  },
};
const NO_ACCESS: SupervisionTarget = pickOf(K(1), 2, 403);
const correctionOf = (persona: Persona, target: Target) => CORRECTIONS[persona.email]?.[target] ?? NO_ACCESS;
const readOf = (persona: Persona, target: Target) => SUPERVISION_READS[persona.email]?.[target] ?? NO_ACCESS;
const followUpOf = (persona: Persona, target: Target) => FOLLOW_UPS[persona.email]?.[target] ?? NO_ACCESS;

const supervisionIfMatch = async (api: TestApi, id: string) => {
  const [item] = await api.queryPartition(keys.supervision(tenantOf(id), id).pk);
  return { 'if-match': `"${typeof item?.version === 'number' ? item.version : 1}"` };
};

const tenantAdminOnly = (persona: Persona) => (persona.role === 'tenant_admin' ? 200 : 403);

export const DIFFICULT_MATRIX: Record<string, Expectation> = {
  'POST /api/cases/{caseId}/difficulty': {
    method: 'POST',
    path: (persona, target) => difficultyPath(laneOrOther(persona, target)),
    body: () => ({ categories: ['eighty_fifty', 'poverty'], note: '家族全体への支援が必要' }),
    headers: (api, persona, target) => ifMatchOf(api, laneOrOther(persona, target)),
    status: ownOfficeOnly(201),
  },
  'GET /api/cases/{caseId}/difficulty': {
    method: 'GET',
    path: (persona, target) =>
      difficultyPath(sharedActPath(persona, target, (p) => sharedCaseOf(p, 'otherOffice'))),
    status: sharedActStatus(200),
  },
  'POST /api/cases/{caseId}/difficulty/escalate': {
    method: 'POST',
    path: (persona, target) => difficultyPath(laneOrOther(persona, target), '/escalate'),
    body: () => ({ reason: '複数の課題が重なり、関係機関の連携が必要' }),
    headers: (api, persona, target) => ifMatchOf(api, laneOrOther(persona, target)),
    status: ownOfficeOnly(200),
  },
  'POST /api/cases/{caseId}/difficulty/accept': {
    method: 'POST',
    path: (persona, target) => difficultyPath(coreActPath(persona, target), '/accept'),
    headers: (api, persona, target) => ifMatchOf(api, coreActPath(persona, target)),
    status: coreActStatus,
  },
  'POST /api/cases/{caseId}/difficulty/support-meetings': {
    method: 'POST',
    path: (persona, target) =>
      difficultyPath(
        sharedActPath(persona, target, (p) => coreActPath(p, 'otherOffice')),
        '/support-meetings',
      ),
    body: () => ({
      heldOn: TODAY,
      agencies: [
        { name: '地域包括支援センター', contribution: '母の介護サービスを見直す' },
        { name: '相談支援事業所', contribution: '本人との面談を月2回に増やす' },
      ],
      assignments: [{ who: '相談支援専門員', what: '日中活動の見学に同行する', dueOn: addDays(TODAY, 14) }],
      nextReviewOn: addDays(TODAY, 30),
    }),
    headers: async (api, persona, target) => {
      if (target === 'ownOffice' && isCaseWorker(persona)) await ensureAccepted(api, laneOf(persona));
      return {};
    },
    status: sharedActStatus(201),
  },
  'POST /api/cases/{caseId}/difficulty/propose-closure': {
    method: 'POST',
    path: (persona, target) =>
      difficultyPath(
        sharedActPath(persona, target, (p) => sharedCaseOf(p, 'otherOffice')),
        '/propose-closure',
      ),
    body: () => ({ outcome: '関係機関の役割分担が定着し、家族が相談できる先が増えた' }),
    headers: async (api, persona, target) => {
      const caseId = sharedActPath(persona, target, (p) => sharedCaseOf(p, 'otherOffice'));
      if (target === 'ownOffice' && isCaseWorker(persona)) await ensureAccepted(api, caseId);
      return ifMatchOf(api, caseId);
    },
    status: sharedActStatus(200),
  },
  'POST /api/cases/{caseId}/difficulty/approve-closure': {
    method: 'POST',
    path: (persona, target) => difficultyPath(coreActPath(persona, target), '/approve-closure'),
    headers: (api, persona, target) => ifMatchOf(api, coreActPath(persona, target)),
    status: coreActStatus,
  },
  'GET /api/difficult-cases': {
    method: 'GET',
    path: () => '/api/difficult-cases?limit=100',
    status: caseWorkersOnly(200),
  },
  'GET /api/difficult-cases/reviews/overdue': {
    method: 'GET',
    path: () => '/api/difficult-cases/reviews/overdue',
    status: caseWorkersOnly(200),
  },
  'POST /api/cases/{caseId}/supervision-request': {
    method: 'POST',
    path: (persona, target) => `/api/cases/${requestCaseOf(persona, target)}/supervision-request`,
    body: () => ({ topic: '本人の意思決定支援の進め方について' }),
    headers: async (api, persona, target) => {
      if (target === 'ownOffice' && isCaseWorker(persona)) await ensureSharingConsent(api, persona);
      return ifMatchOf(api, requestCaseOf(persona, target));
    },
    status: ownOfficeOnly(200),
  },
  'POST /api/supervisions': {
    method: 'POST',
    path: () => '/api/supervisions',
    body: (persona) =>
      persona.email.endsWith('hokushin.example')
        ? {
            kind: 'individual',
            heldOn: TODAY,
            specialistUserIds: ['user-yamamoto'],
            topics: ['緊急時の対応'],
            caseIds: [hokushin(7)],
          }
        : {
            kind: 'individual',
            heldOn: TODAY,
            specialistUserIds: ['user-sato'],
            topics: ['家族支援'],
            caseIds: [kibou(25)],
          },
    status: (persona) => (isCore(persona) ? 201 : 403),
  },
  'GET /api/supervisions': {
    method: 'GET',
    path: () => '/api/supervisions',
    status: caseWorkersOnly(200),
  },
  'GET /api/supervisions/{supervisionId}': {
    method: 'GET',
    path: (persona, target) => `/api/supervisions/${readOf(persona, target).id}`,
    status: (persona, target) => readOf(persona, target).status,
  },
  'PATCH /api/supervisions/{supervisionId}': {
    method: 'PATCH',
    path: (persona, target) => `/api/supervisions/${correctionOf(persona, target).id}`,
    body: () => ({ summary: '記録の追記' }),
    headers: (api, persona, target) => supervisionIfMatch(api, correctionOf(persona, target).id),
    status: (persona, target) => correctionOf(persona, target).status,
  },
  'POST /api/supervisions/{supervisionId}/follow-ups/{followUpId}/done': {
    method: 'POST',
    path: (persona, target) => {
      const { id, followUp } = followUpOf(persona, target);
      return `/api/supervisions/${id}/follow-ups/${followUp}/done`;
    },
    body: () => ({ doneOn: TODAY }),
    headers: (api, persona, target) => supervisionIfMatch(api, followUpOf(persona, target).id),
    status: (persona, target) => followUpOf(persona, target).status,
  },
  // With every filter: a staff member and the person of a case code of the caller's tenant.
  'GET /api/audit': {
    method: 'GET',
    path: () => `/api/audit?from=${TODAY}&to=${TODAY}&actorUserId=user-sato&caseCode=K-D001K`,
    status: tenantAdminOnly,
  },
  'GET /api/audit.csv': {
    method: 'GET',
    path: () => `/api/audit.csv?from=${TODAY}&to=${TODAY}&actorUserId=user-sato&caseCode=K-D001K`,
    status: tenantAdminOnly,
  },
  'GET /api/audit/staff': { method: 'GET', path: () => '/api/audit/staff', status: tenantAdminOnly },
};
