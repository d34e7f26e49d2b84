import { randomUUID } from 'node:crypto';
import { ServiceDecisionResult } from '@kikan/shared';
import type { CaseRecord } from '../data/case-store.ts';
import { writeCaseChange } from '../data/cycle-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { toCaseView } from '../policy/case-view.ts';
import { applyServiceDecision } from './case-changes.ts';
import { stampOf } from '../kernel/stamp.ts';
import type { recordServiceDecisionRoute } from '@kikan/shared/contracts/caseload';
import { retryOnceOnVersionConflict } from '../kernel/retry-on-version-conflict.ts';
import { readWritableCase } from './writable-case.ts';

/** The decision record and the schedule it sets on the case, in one transaction. */
export const recordServiceDecision: GuardedOperation<typeof recordServiceDecisionRoute, CaseRecord> = {
  authorize: ({ ctx, params }) => readWritableCase(ctx, params.caseId),
  run: async ({ ctx, params, body, idempotency, requestId, now }, firstRead) => {
    const recordId = randomUUID();
    return retryOnceOnVersionConflict(async (attempt) => {
      const current = attempt === 0 ? firstRead : await readWritableCase(ctx, params.caseId);
      const { record, decision } = applyServiceDecision(current, body, stampOf(ctx, now), recordId);
      const result = { decision, case: toCaseView(record, 'full', now) };
      const replayed = await writeCaseChange({
        write: { ctx, requestId, now },
        record,
        previous: current,
        added: { kind: 'DECISION', record: decision },
        create: { idempotency, response: { status: 201, body: result } },
      });
      return replayed ? ServiceDecisionResult.parse(replayed.body) : result;
    });
  },
};
