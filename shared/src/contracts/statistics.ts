import {
  CorrectionInput,
  EvaluationParams,
  EvaluationQuery,
  EvaluationsInput,
  EvaluationsView,
  ExportQuery,
  FiguresQuery,
  FiguresView,
  OfficeSignOffParams,
  RecordedConfirmationInput,
  SignOffParams,
  SignOffView,
  StatisticsSettings,
  StatisticsSettingsView,
  TargetsInput,
  TargetsParams,
  TargetsView,
} from '../statistics-api.ts';
import { PlanPeriodsView } from '../plan-periods.ts';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, rawFile } from './raw-file.ts';
import { defineRoute, type RouteDefinition } from './route.ts';

/**
 * Aggregates only (SECURITY.md row 9): the municipality and the core center see the tenant's
 * figures; an office's staff see their own office's (its manager or named specialist confirms them).
 * No route here returns a case.
 */
export const FIGURE_READERS = [
  'municipal_officer',
  'core_supervisor',
  'office_manager',
  'specialist',
] as const;

export const getFiguresRoute = defineRoute({
  method: 'GET',
  path: '/api/statistics/figures',
  context: 'statistics',
  access: FIGURE_READERS,
  summary:
    "A fiscal year's plan indicators by month, member municipality and office, with targets: as they stand, or an approved version",
  query: FiguresQuery,
  response: FiguresView,
  successStatus: 200,
});

/**
 * The tenant's definitions of its plan periods (ADR 0030): which indicators each period reports,
 * how each is counted and judged, and the 告示 they follow. Definitions hold no one's data: whoever
 * reads figures or sets them up may read them.
 */
export const getPlanPeriodsRoute = defineRoute({
  method: 'GET',
  path: '/api/statistics/plan-periods',
  context: 'statistics',
  access: [...FIGURE_READERS, 'tenant_admin'],
  summary:
    "The tenant's plan periods (第7期, 第8期…) with their years, the 告示 they follow, the version and each indicator's definition",
  response: PlanPeriodsView,
  successStatus: 200,
});

export const FIGURES_ROUTES: readonly RouteDefinition[] = [getFiguresRoute, getPlanPeriodsRoute];

/**
 * The municipality and the core center take the plan's figures away as files; offices confirm
 * theirs on screen and specialists see none. Outside use (and the council pack, always) suppresses
 * small counts (ADR 0013).
 */
export const EXPORTERS = ['municipal_officer', 'core_supervisor'] as const;

export const exportFiguresCsvRoute = defineRoute({
  method: 'GET',
  path: '/api/statistics/export.csv',
  context: 'statistics',
  access: EXPORTERS,
  summary:
    "A fiscal year's plan indicators as CSV (UTF-8 with BOM, for Excel): one row per indicator and scope, with 見込量, 実績, 達成率 and the months",
  query: ExportQuery,
  response: rawFile(CSV_CONTENT_TYPE),
  successStatus: 200,
  raw: true,
});

export const exportFiguresXlsxRoute = defineRoute({
  method: 'GET',
  path: '/api/statistics/export.xlsx',
  context: 'statistics',
  access: EXPORTERS,
  summary:
    "A fiscal year's plan indicators as XLSX: the plan's progress table per indicator group over the plan period, the months, and each member municipality",
  query: ExportQuery,
  response: rawFile(XLSX_CONTENT_TYPE, { encoding: 'base64' }),
  successStatus: 200,
  raw: true,
});

export const councilPackRoute = defineRoute({
  method: 'GET',
  path: '/api/council/pack.xlsx',
  context: 'statistics',
  access: EXPORTERS,
  summary:
    "The council's papers for a fiscal year as XLSX: regional issues as the council sees them (counts only) and the plan's figures with small counts suppressed",
  query: FiguresQuery,
  response: rawFile(XLSX_CONTENT_TYPE, { encoding: 'base64' }),
  successStatus: 200,
  raw: true,
});

export const EXPORT_ROUTES: readonly RouteDefinition[] = [
  exportFiguresCsvRoute,
  exportFiguresXlsxRoute,
  councilPackRoute,
];

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
  versioned: true,
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
  versioned: true,
});

// ── Sign-off ──────────────────────────────────────────────────────────────────
export const getSignOffRoute = defineRoute({
  method: 'GET',
  path: '/api/statistics/signoff/{fiscalYear}',
  context: 'statistics',
  access: FIGURE_READERS,
  summary:
    "Where a year's sign-off stands: each office's confirmation, the core center's, the approved versions (an office's staff see their own office only)",
  params: SignOffParams,
  response: SignOffView,
  successStatus: 200,
});

export const confirmOfficeFiguresRoute = defineRoute({
  method: 'POST',
  path: '/api/statistics/signoff/{fiscalYear}/office-confirmation',
  context: 'statistics',
  access: ['office_manager', 'specialist'],
  summary:
    "Confirm the caller's office's figures of the version being signed off, as they stand now: its manager, or a specialist the tenant admin named to confirm them (403 otherwise)",
  params: SignOffParams,
  response: SignOffView,
  successStatus: 200,
  idempotent: true,
});

export const recordOfficeConfirmationRoute = defineRoute({
  method: 'POST',
  path: '/api/statistics/signoff/{fiscalYear}/offices/{officeId}/recorded-confirmation',
  context: 'statistics',
  access: ['core_supervisor'],
  summary:
    "Record an office's confirmation for it, with the reason: it had no activity in the year, or confirmed on paper (audited)",
  params: OfficeSignOffParams,
  body: RecordedConfirmationInput,
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

// ── Evaluation (評価・課題) ──────────────────────────────────────────────────────
export const getEvaluationsRoute = defineRoute({
  method: 'GET',
  path: '/api/statistics/evaluations/{fiscalYear}',
  context: 'statistics',
  access: ['municipal_officer', 'core_supervisor'],
  summary:
    "The municipality's 評価・課題 per indicator kept with a version of the year's figures (the version being signed off when none is named)",
  params: EvaluationParams,
  query: EvaluationQuery,
  response: EvaluationsView,
  successStatus: 200,
});

export const putEvaluationsRoute = defineRoute({
  method: 'PUT',
  path: '/api/statistics/evaluations/{fiscalYear}',
  context: 'statistics',
  access: ['municipal_officer'],
  summary:
    'Write or clear (null) the 評価・課題 of indicators for the version being signed off (If-Match; "0" before its first save); 409 once it is approved',
  params: EvaluationParams,
  body: EvaluationsInput,
  response: EvaluationsView,
  successStatus: 200,
  versioned: true,
});

export const SIGNOFF_ROUTES: readonly RouteDefinition[] = [
  getTargetsRoute,
  putTargetsRoute,
  getEvaluationsRoute,
  putEvaluationsRoute,
  getStatisticsSettingsRoute,
  putStatisticsSettingsRoute,
  getSignOffRoute,
  confirmOfficeFiguresRoute,
  recordOfficeConfirmationRoute,
  confirmCoreFiguresRoute,
  approveFiguresRoute,
  openCorrectionRoute,
];

/** The municipal plan's indicators (障害福祉計画): figures, targets, sign-off, exports. */
export const STATISTICS_ROUTES: readonly RouteDefinition[] = [
  ...FIGURES_ROUTES,
  ...SIGNOFF_ROUTES,
  ...EXPORT_ROUTES,
];
