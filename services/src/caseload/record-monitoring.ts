import { randomUUID } from 'node:crypto';
import { MonitoringResult } from '@kikan/shared';
import type { CaseRecord } from '../data/case-store.ts';
import { writeCaseChange } from '../data/cycle-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { toCaseView } from '../policy/case-view.ts';
import { applyMonitoring } from './case-changes.ts';
import { stampOf } from '../kernel/stamp.ts';
import type { recordMonitoringRoute } from '@kikan/shared/contracts/caseload';
import { retryOnceOnVersionConflict } from '../kernel/retry-on-version-conflict.ts';
import { readWritableCase } from './writable-case.ts';

/** The monitoring record and the case's next due date, in one transaction. */
export const recordMonitoring: GuardedOperation<typeof recordMonitoringRoute, CaseRecord> = {
  authorize: ({ ctx, params }) => readWritableCase(ctx, params.caseId),
  run: async ({ ctx, params, body, idempotency, requestId, now }, firstRead) => {
    const recordId = randomUUID();
    return retryOnceOnVersionConflict(async (attempt) => {
      const current = attempt === 0 ? firstRead : await readWritableCase(ctx, params.caseId);
      const { record, monitoring } = applyMonitoring(current, body, stampOf(ctx, now), recordId);
      const result = {
        monitoring,
        case: toCaseView(record, 'full', now),
        planReviewNeeded: monitoring.planChangeNeeded,
      };
      const replayed = await writeCaseChange({
        write: { ctx, requestId, now },
        record,
        previous: current,
        added: { kind: 'MONITORING', record: monitoring },
        create: { idempotency, response: { status: 201, body: result } },
      });
      return replayed ? MonitoringResult.parse(replayed.body) : result;
    });
  },
};
