import {
  CorrectionInput,
  SignOffParams,
  SignOffView,
  StatisticsSettings,
  StatisticsSettingsView,
  TargetsInput,
  TargetsParams,
  TargetsView,
} from '@kikan/shared';
import { defineRoute, type RouteDefinition } from '../http/route.ts';

/**
 * What the municipality sets (見込量, settings) and the sign-off of a year's figures: each office
 * confirms its own, the core center the tenant's, the municipality approves and the figures freeze.
 */

// ── Targets (見込量) ───────────────────────────────────────────────────────────
export const getTargetsRoute = defineRoute({
  method: 'GET',
  path: '/api/statistics/targets/{periodId}',
  context: 'statistics',
  access: ['municipal_officer', 'core_supervisor'],
  summary: "A plan period's 見込量 by indicator and fiscal year (version 0 and empty before the first save)",
  params: TargetsParams,
  response: TargetsView,
  successStatus: 200,
});

export const putTargetsRoute = defineRoute({
  method: 'PUT',
  path: '/api/statistics/targets/{periodId}',
  context: 'statistics',
  access: ['municipal_officer'],
  summary: 'Set or clear (null) 見込量 of the period\'s indicators (If-Match; "0" before the first save)',
  params: TargetsParams,
  body: TargetsInput,
  response: TargetsView,
  successStatus: 200,
});

// ── Settings ──────────────────────────────────────────────────────────────────
export const getStatisticsSettingsRoute = defineRoute({
  method: 'GET',
  path: '/api/statistics/settings',
  context: 'statistics',
  access: ['municipal_officer', 'tenant_admin', 'core_supervisor'],
  summary: "The tenant's statistics settings: unit of 地域移行・地域定着 users, suppression threshold",
  response: StatisticsSettingsView,
  successStatus: 200,
});

export const putStatisticsSettingsRoute = defineRoute({
  method: 'PUT',
  path: '/api/statistics/settings',
  context: 'statistics',
  access: ['municipal_officer', 'tenant_admin'],
  summary: 'Change the statistics settings (If-Match; "0" before the first save)',
  body: StatisticsSettings,
  response: StatisticsSettingsView,
  successStatus: 200,
});

// ── Sign-off ──────────────────────────────────────────────────────────────────
export const getSignOffRoute = defineRoute({
  method: 'GET',
  path: '/api/statistics/signoff/{fiscalYear}',
  context: 'statistics',
  access: ['municipal_officer', 'core_supervisor', 'office_manager'],
  summary:
    "Where a year's sign-off stands: each office's confirmation, the core center's, the approved versions (an office manager sees their own office only)",
  params: SignOffParams,
  response: SignOffView,
  successStatus: 200,
});

export const confirmOfficeFiguresRoute = defineRoute({
  method: 'POST',
  path: '/api/statistics/signoff/{fiscalYear}/office-confirmation',
  context: 'statistics',
  access: ['office_manager'],
  summary: "Confirm the caller's office's figures of the version being signed off, as they stand now",
  params: SignOffParams,
  response: SignOffView,
  successStatus: 200,
  idempotent: true,
});

export const confirmCoreFiguresRoute = defineRoute({
  method: 'POST',
  path: '/api/statistics/signoff/{fiscalYear}/core-confirmation',
  context: 'statistics',
  access: ['core_supervisor'],
  summary:
    "Confirm the tenant's figures; 409 naming the offices that have not confirmed or whose figures changed since",
  params: SignOffParams,
  response: SignOffView,
  successStatus: 200,
  idempotent: true,
});

export const approveFiguresRoute = defineRoute({
  method: 'POST',
  path: '/api/statistics/signoff/{fiscalYear}/approval',
  context: 'statistics',
  access: ['municipal_officer'],
  summary:
    'Approve the figures the core center confirmed: they are frozen as the snapshot of the version, never rewritten',
  params: SignOffParams,
  response: SignOffView,
  successStatus: 200,
  idempotent: true,
});

export const openCorrectionRoute = defineRoute({
  method: 'POST',
  path: '/api/statistics/signoff/{fiscalYear}/corrections',
  context: 'statistics',
  access: ['municipal_officer'],
  summary: 'After an approval, open the next version for sign-off with the reason; the approved one stays',
  params: SignOffParams,
  body: CorrectionInput,
  response: SignOffView,
  successStatus: 200,
  idempotent: true,
});

export const SIGNOFF_ROUTES: readonly RouteDefinition[] = [
  getTargetsRoute,
  putTargetsRoute,
  getStatisticsSettingsRoute,
  putStatisticsSettingsRoute,
  getSignOffRoute,
  confirmOfficeFiguresRoute,
  confirmCoreFiguresRoute,
  approveFiguresRoute,
  openCorrectionRoute,
];
