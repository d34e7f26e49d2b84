import {
  LedgerEvent,
  LedgerEventInput,
  LedgerEventPage,
  LedgerEventParams,
  LedgerEventPatchInput,
  LedgerEventQuery,
  ParticipationQuery,
  ParticipationRecord,
  SeniorSpecialist,
  SeniorSpecialistInput,
  SeniorSpecialistList,
  SeniorSpecialistParams,
  SeniorSpecialistPatchInput,
  SeniorSpecialistQuery,
} from '@kikan/shared';
import { CSV_CONTENT_TYPE, rawFile } from '../http/raw-response.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';

/**
 * The core center keeps the ledger; offices read the events they took part in and their own
 * participation record. The municipality gets figures from issue 5's aggregates, not these lists.
 */
const LEDGER_KEEPERS = ['core_supervisor'] as const;
const LEDGER_READERS = ['specialist', 'office_manager', 'core_supervisor'] as const;

// ── Events ────────────────────────────────────────────────────────────────────
export const createLedgerEventRoute = defineRoute({
  method: 'POST',
  path: '/api/ledger/events',
  context: 'supervision',
  access: LEDGER_KEEPERS,
  summary:
    'Record a capacity-building activity once: advice visit, training, collaboration, case review, council or sub-committee session',
  body: LedgerEventInput,
  response: LedgerEvent,
  successStatus: 201,
  idempotent: true,
});

export const listLedgerEventsRoute = defineRoute({
  method: 'GET',
  path: '/api/ledger/events',
  context: 'supervision',
  access: LEDGER_READERS,
  summary:
    "A fiscal year's events by date: every event for the core center, an office's own participation for office staff",
  query: LedgerEventQuery,
  response: LedgerEventPage,
  successStatus: 200,
});

export const getLedgerEventRoute = defineRoute({
  method: 'GET',
  path: '/api/ledger/events/{eventId}',
  context: 'supervision',
  access: LEDGER_READERS,
  summary: 'One event; linked cases are given as a count only',
  params: LedgerEventParams,
  response: LedgerEvent,
  successStatus: 200,
});

export const updateLedgerEventRoute = defineRoute({
  method: 'PATCH',
  path: '/api/ledger/events/{eventId}',
  context: 'supervision',
  access: LEDGER_KEEPERS,
  summary: 'Correct an event (If-Match); a new date or new offices move its copies in the same transaction',
  params: LedgerEventParams,
  body: LedgerEventPatchInput,
  response: LedgerEvent,
  successStatus: 200,
});

// ── Senior specialists ────────────────────────────────────────────────────────
export const createSeniorSpecialistRoute = defineRoute({
  method: 'POST',
  path: '/api/ledger/senior-specialists',
  context: 'supervision',
  access: LEDGER_KEEPERS,
  summary: 'Add a senior specialist (主任相談支援専門員) to an office, from the day of certification',
  body: SeniorSpecialistInput,
  response: SeniorSpecialist,
  successStatus: 201,
  idempotent: true,
});

export const listSeniorSpecialistsRoute = defineRoute({
  method: 'GET',
  path: '/api/ledger/senior-specialists',
  context: 'supervision',
  access: LEDGER_READERS,
  summary:
    'The senior specialist roster, or who was senior on a given day (asOf); office staff see their office only',
  query: SeniorSpecialistQuery,
  response: SeniorSpecialistList,
  successStatus: 200,
});

export const updateSeniorSpecialistRoute = defineRoute({
  method: 'PATCH',
  path: '/api/ledger/senior-specialists/{seniorId}',
  context: 'supervision',
  access: LEDGER_KEEPERS,
  summary: 'Set the last day as senior specialist, or correct the certification date (If-Match)',
  params: SeniorSpecialistParams,
  body: SeniorSpecialistPatchInput,
  response: SeniorSpecialist,
  successStatus: 200,
});

// ── Participation record ──────────────────────────────────────────────────────
export const getParticipationRoute = defineRoute({
  method: 'GET',
  path: '/api/ledger/participation',
  context: 'supervision',
  access: LEDGER_READERS,
  summary:
    "An office's participation in the council and the core center's capacity building in a fiscal year, by kind",
  query: ParticipationQuery,
  response: ParticipationRecord,
  successStatus: 200,
});

export const exportParticipationRoute = defineRoute({
  method: 'GET',
  path: '/api/ledger/participation.csv',
  context: 'supervision',
  access: LEDGER_READERS,
  summary: 'The participation record as CSV (UTF-8 with BOM, for Excel), dates also in 令和',
  query: ParticipationQuery,
  response: rawFile(CSV_CONTENT_TYPE),
  successStatus: 200,
  raw: true,
});

export const LEDGER_ROUTES: readonly RouteDefinition[] = [
  createLedgerEventRoute,
  listLedgerEventsRoute,
  getLedgerEventRoute,
  updateLedgerEventRoute,
  createSeniorSpecialistRoute,
  listSeniorSpecialistsRoute,
  updateSeniorSpecialistRoute,
  getParticipationRoute,
  exportParticipationRoute,
];
