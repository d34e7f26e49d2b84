import { bind, type RouteBinding } from '../http/create-function.ts';
import { changeCasePhase } from './change-case-phase.ts';
import {
  changeCasePhaseRoute,
  getCaseTimelineRoute,
  getMonitoringRoute,
  listMonitoringDueRoute,
  listRenewalsRoute,
  recordMonitoringRoute,
  recordServiceDecisionRoute,
  updateCaseSettingsRoute,
} from '@kikan/shared/contracts/caseload';
import { getCaseTimeline } from './get-case-timeline.ts';
import { getMonitoring } from './get-monitoring.ts';
import { listMonitoringDue } from './list-monitoring-due.ts';
import { listRenewals } from './list-renewals.ts';
import { recordMonitoring } from './record-monitoring.ts';
import { recordServiceDecision } from './record-service-decision.ts';
import { updateCaseSettings } from './update-case-settings.ts';

export const CYCLE_BINDINGS: readonly RouteBinding[] = [
  bind(updateCaseSettingsRoute, updateCaseSettings),
  bind(changeCasePhaseRoute, changeCasePhase),
  bind(recordServiceDecisionRoute, recordServiceDecision),
  bind(recordMonitoringRoute, recordMonitoring),
  bind(getMonitoringRoute, getMonitoring),
  bind(getCaseTimelineRoute, getCaseTimeline),
  bind(listMonitoringDueRoute, listMonitoringDue),
  bind(listRenewalsRoute, listRenewals),
];
