import type { Monitoring } from '@kikan/shared';
import { getMonitoringRoute } from '@kikan/shared/contracts/caseload';
import type { ApiClient } from '#lib/api.ts';

/** One monitoring report: an audited read (ADR 0041). */
export const loadMonitoring = (api: ApiClient, caseId: string, recordId: string): Promise<Monitoring> =>
  api.call(getMonitoringRoute, { params: { caseId, recordId } });
