import { randomUUID } from 'node:crypto';
import { keys, todayInJapan } from '@kikan/shared';
import { DEMO_OFFICES, DEMO_USERS } from '../../../services/local/demo-data.ts';
import { demoLedgerEvents, demoSeniorSpecialists } from '../../../services/local/demo-ledger.ts';
import type { Expectation, Persona, Target } from '../../support/personas.ts';
import type { TestApi } from '../../support/test-api.ts';

/**
 * The ledger is the core center's: it alone writes, and reads every event and office of its own
 * tenant. Office staff read the events their office took part in and their own participation
 * record and roster (naming another office is a 403, another office's event a 404). The
 * municipality and the tenant admin get 403 on every ledger route; another tenant's ids are 404.
 */

const NOW = new Date();
const TODAY = todayInJapan(NOW);
const READERS = new Set(['specialist', 'office_manager', 'core_supervisor']);
const isCore = (persona: Persona) => persona.role === 'core_supervisor';
const isReader = (persona: Persona) => READERS.has(persona.role);

const userOf = (persona: Persona) => {
  const user = DEMO_USERS.find((candidate) => candidate.email === persona.email);
  if (!user) throw new Error(`no demo user ${persona.email}`);
  return user;
};
const otherTenantOf = (tenantId: string) => (tenantId === 'kibougaoka' ? 'hokushin' : 'kibougaoka');

const EVENTS = {
  kibougaoka: demoLedgerEvents('kibougaoka', NOW),
  hokushin: demoLedgerEvents('hokushin', NOW),
};
const eventsOf = (tenantId: string) => EVENTS[tenantId === 'hokushin' ? 'hokushin' : 'kibougaoka'];

/**
 * Own office: an event the persona's office took part in (any of its tenant's for the core
 * center); other office: one of its tenant's it did not; other tenant: any of the other tenant's.
 */
const eventFor = (persona: Persona, target: Target) => {
  const { tenantId, officeId } = userOf(persona);
  const tenant = target === 'otherTenant' ? otherTenantOf(tenantId) : tenantId;
  const candidates = eventsOf(tenant).filter((event) =>
    target === 'otherTenant' ? true : event.officeIds.includes(officeId) === (target === 'ownOffice'),
  );
  const event = candidates[0] ?? eventsOf(tenant)[0];
  if (!event) throw new Error(`no demo ledger event for ${persona.email} on ${target}`);
  return { tenantId: tenant, eventId: event.eventId };
};

const seniorFor = (persona: Persona, target: Target) => {
  const { tenantId } = userOf(persona);
  const tenant = target === 'otherTenant' ? otherTenantOf(tenantId) : tenantId;
  const roster = demoSeniorSpecialists(tenant, NOW).filter((entry) => entry.endedOn === undefined);
  const entry = roster[target === 'otherOffice' ? 1 : 0] ?? roster[0];
  if (!entry) throw new Error(`no demo senior specialist in ${tenant}`);
  return { tenantId: tenant, seniorId: entry.seniorId };
};

const officeFor = (persona: Persona, target: Target) => {
  const { tenantId, officeId } = userOf(persona);
  if (target === 'ownOffice') return officeId;
  if (target === 'otherTenant') return DEMO_OFFICES[otherTenantOf(tenantId)]?.[0]?.officeId ?? 'none00';
  return DEMO_OFFICES[tenantId]?.find((office) => office.officeId !== officeId)?.officeId ?? 'none00';
};

/** The stored version of an item, as the If-Match the core center would send. */
const ifMatchOf = async (api: TestApi, key: { pk: string; sk: string }) => {
  const item = (await api.queryPartition(key.pk)).find((candidate) => candidate.sk === key.sk);
  return { 'if-match': `"${typeof item?.version === 'number' ? item.version : 1}"` };
};

const keeperOnly = (ok: number) => (persona: Persona) => (isCore(persona) ? ok : 403);
const readersOnly = (ok: number) => (persona: Persona) => (isReader(persona) ? ok : 403);

/** Ids: own tenant's for the core center, the event's own office's for office staff. */
const byId = (persona: Persona, target: Target) => {
  if (!isReader(persona)) return 403;
  if (target === 'otherTenant') return 404;
  if (target === 'otherOffice') return isCore(persona) ? 200 : 404;
  return 200;
};

/** Writes by id: the core center in its own tenant only. */
const writeById = (persona: Persona, target: Target) => {
  if (!isCore(persona)) return 403;
  return target === 'otherTenant' ? 404 : 200;
};

/** Naming an office: office staff only their own (403 otherwise); the core center its tenant's. */
const byOffice = (persona: Persona, target: Target) => {
  if (!isReader(persona)) return 403;
  if (target === 'ownOffice') return 200;
  if (!isCore(persona)) return 403;
  return target === 'otherTenant' ? 404 : 200;
};

export const LEDGER_MATRIX: Record<string, Expectation> = {
  'POST /api/ledger/events': {
    method: 'POST',
    path: () => '/api/ledger/events',
    body: () => ({ kind: 'training', heldOn: TODAY, title: '権限確認のための研修', participantCount: 3 }),
    status: keeperOnly(201),
  },
  'GET /api/ledger/events': {
    method: 'GET',
    path: () => '/api/ledger/events',
    status: readersOnly(200),
  },
  'GET /api/ledger/events/{eventId}': {
    method: 'GET',
    path: (persona, target) => `/api/ledger/events/${eventFor(persona, target).eventId}`,
    status: byId,
  },
  'PATCH /api/ledger/events/{eventId}': {
    method: 'PATCH',
    path: (persona, target) => `/api/ledger/events/${eventFor(persona, target).eventId}`,
    body: () => ({ notes: '権限確認のための訂正' }),
    headers: (api, persona, target) => {
      const { tenantId, eventId } = eventFor(persona, target);
      return ifMatchOf(api, keys.ledgerEvent(tenantId, eventId));
    },
    status: writeById,
  },
  'POST /api/ledger/senior-specialists': {
    method: 'POST',
    path: () => '/api/ledger/senior-specialists',
    // A new name each call: one person's periods at an office must not overlap.
    body: (persona) => ({
      name: `権限確認 ${randomUUID().slice(0, 8)}`,
      officeId: userOf(persona).officeId,
      certifiedOn: TODAY,
    }),
    status: keeperOnly(201),
  },
  'GET /api/ledger/senior-specialists': {
    method: 'GET',
    path: () => '/api/ledger/senior-specialists',
    status: readersOnly(200),
  },
  'PATCH /api/ledger/senior-specialists/{seniorId}': {
    method: 'PATCH',
    path: (persona, target) => `/api/ledger/senior-specialists/${seniorFor(persona, target).seniorId}`,
    body: () => ({ endedOn: TODAY }),
    headers: (api, persona, target) => {
      const { tenantId, seniorId } = seniorFor(persona, target);
      return ifMatchOf(api, keys.seniorSpecialist(tenantId, seniorId));
    },
    status: writeById,
  },
  'GET /api/ledger/participation': {
    method: 'GET',
    path: (persona, target) => `/api/ledger/participation?officeId=${officeFor(persona, target)}`,
    status: byOffice,
  },
  'GET /api/ledger/participation.csv': {
    method: 'GET',
    path: (persona, target) => `/api/ledger/participation.csv?officeId=${officeFor(persona, target)}`,
    status: byOffice,
  },
};
