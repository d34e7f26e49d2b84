import { addDays, todayInJapan } from '@kikan/shared';
import { demoCases } from '../../../services/local/demo-data.ts';
import type { Expectation, Persona, Target } from '../../support/personas.ts';
import type { TestApi } from '../../support/test-api.ts';

/**
 * The municipality's caseworker (ADR 0044): only they ask offices for plan drafts and register
 * self-plans, at their own municipality; office staff read their office's open requests as tasks;
 * the core center, the municipal officer and the tenant admin get 403 everywhere. A request or a
 * self-plan of another municipality or tenant is the 404 of an id that does not exist (its key is
 * built from the caller's municipality).
 */

const NOW = new Date();
const TODAY = todayInJapan(NOW);
const CASEWORKER = 'municipal_caseworker';
const caseworkerOnly = (status: number) => (persona: Persona) => (persona.role === CASEWORKER ? status : 403);
const ownOnly = (persona: Persona, target: Target) =>
  persona.role !== CASEWORKER ? 403 : target === 'ownOffice' ? 200 : 404;
const REQUEST_READERS = new Set([CASEWORKER, 'specialist', 'office_manager']);

/** An open, numbered case of a person of `municipalityCode` at `officeId`: what a request names. */
const numberAt = (tenantId: string, officeId: string, municipalityCode: string): string => {
  const found = demoCases(tenantId, NOW).find(
    ({ record, person }) =>
      record.officeId === officeId &&
      record.phase !== 'closed' &&
      person.municipalityCode === municipalityCode &&
      person.recipientNumber,
  )?.person.recipientNumber;
  if (!found) throw new Error(`no numbered case at ${officeId}`);
  return found;
};
const KIBOU_REQUEST = {
  officeId: 'himawari',
  recipientNumber: numberAt('kibougaoka', 'himawari', '990001'),
  dueOn: addDays(TODAY, 7),
  note: '',
};
const KAWABE_REQUEST = {
  officeId: 'hokushin-sakura',
  recipientNumber: numberAt('hokushin', 'hokushin-sakura', '990012'),
  dueOn: addDays(TODAY, 7),
  note: '',
};
const selfPlanBody = () => ({
  person: {
    name: '試験 一郎',
    kana: 'シケン イチロウ',
    birthDate: '1980-01-01',
    recipientNumber: '5559990001',
  },
  serviceKind: 'plan_consultation',
  selfPlanReason: 'person_wish',
  filedOn: TODAY,
  decision: { validFrom: TODAY, validTo: addDays(TODAY, 364) },
});

/** Records each call targets, made just before it (headers run before path). */
const prepared = new Map<string, string>();
const keyOf = (route: string, persona: Persona, target: Target) => `${route}|${persona.email}|${target}`;
let sequence = 0;
const created = async (api: TestApi, as: string, path: string, body: unknown, idField: string) => {
  const response = await api.call('POST', path, {
    as,
    body,
    headers: { 'idempotency-key': `matrix-prepare-${String(sequence++)}` },
  });
  if (response.status !== 201) throw new Error(`preparing ${path}: ${response.text}`);
  return String(response.json[idField]);
};

/** Own: one of kato's (希望ヶ丘市); other office: an id nobody holds; other tenant: one of 川辺町's. */
const prepare =
  (route: string, path: string, bodyOf: (target: Target) => unknown, idField: string) =>
  async (api: TestApi, persona: Persona, target: Target) => {
    const id =
      target === 'otherOffice'
        ? 'no-such-record'
        : await created(
            api,
            target === 'ownOffice' ? 'kato@kibou.example' : 'hayashi@kawabe.example',
            path,
            bodyOf(target),
            idField,
          );
    prepared.set(keyOf(route, persona, target), id);
    return { 'if-match': '"1"' };
  };
const preparedPath =
  (route: string, prefix: string, suffix = '') =>
  (persona: Persona, target: Target) =>
    `${prefix}/${prepared.get(keyOf(route, persona, target)) ?? 'no-such-record'}${suffix}`;

const WITHDRAW = 'POST /api/plan-requests/{requestId}/withdrawal';
const GET_SELF_PLAN = 'GET /api/self-plans/{selfPlanId}';
const PUT_SELF_PLAN = 'PUT /api/self-plans/{selfPlanId}';

export const REQUESTS_MATRIX: Record<string, Expectation> = {
  'POST /api/plan-requests': {
    method: 'POST',
    path: () => '/api/plan-requests',
    body: () => KIBOU_REQUEST,
    status: caseworkerOnly(201),
  },
  'GET /api/plan-requests': {
    method: 'GET',
    path: () => '/api/plan-requests',
    status: (persona) => (REQUEST_READERS.has(persona.role) ? 200 : 403),
  },
  [WITHDRAW]: {
    method: 'POST',
    path: preparedPath(WITHDRAW, '/api/plan-requests', '/withdrawal'),
    headers: prepare(
      WITHDRAW,
      '/api/plan-requests',
      (target) => (target === 'ownOffice' ? KIBOU_REQUEST : KAWABE_REQUEST),
      'requestId',
    ),
    status: ownOnly,
  },
  'POST /api/self-plans': {
    method: 'POST',
    path: () => '/api/self-plans',
    body: selfPlanBody,
    status: caseworkerOnly(201),
  },
  'GET /api/self-plans': {
    method: 'GET',
    path: () => '/api/self-plans',
    status: caseworkerOnly(200),
  },
  [GET_SELF_PLAN]: {
    method: 'GET',
    path: preparedPath(GET_SELF_PLAN, '/api/self-plans'),
    headers: async (api, persona, target) => {
      await prepare(GET_SELF_PLAN, '/api/self-plans', selfPlanBody, 'selfPlanId')(api, persona, target);
      return {};
    },
    status: ownOnly,
  },
  [PUT_SELF_PLAN]: {
    method: 'PUT',
    path: preparedPath(PUT_SELF_PLAN, '/api/self-plans'),
    body: selfPlanBody,
    headers: prepare(PUT_SELF_PLAN, '/api/self-plans', selfPlanBody, 'selfPlanId'),
    status: ownOnly,
  },
};
