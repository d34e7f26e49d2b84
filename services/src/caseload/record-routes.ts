import type { RouteDefinition } from '../http/route.ts';

/** Routes of the records around a case: persons, consents, plans, meetings, consultations, transfers. */
export const RECORD_ROUTES: readonly RouteDefinition[] = [];
