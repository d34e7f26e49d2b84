import { randomUUID } from 'node:crypto';
import { withLastRecordDay, type CaseRecord } from '../data/case-store.ts';
import { lastPhaseChangeDay, writeCaseChange } from '../data/cycle-store.ts';
import { CaseView } from '@kikan/shared';
import type { GuardedOperation } from '../http/route.ts';
import { toCaseView } from '../policy/case-view.ts';
import { applyPhaseChange } from './case-changes.ts';
import { stampOf } from '../kernel/stamp.ts';
import type { changeCasePhaseRoute } from '@kikan/shared/contracts/caseload';
import { readWritableCase } from './writable-case.ts';

/**
 * The phase and its timeline record in one transaction, at the version the client saw. A retry
 * finds the case already moved: it gets the first answer (function core), not a refused move.
 */
export const changeCasePhase: GuardedOperation<typeof changeCasePhaseRoute, CaseRecord> = {
  authorize: ({ ctx, params }) => readWritableCase(ctx, params.caseId),
  versionOf: (current) => current.version,
  run: async ({ ctx, body, idempotency, requestId, now }, current) => {
    const [checked, lastPhaseChangeOn] = await Promise.all([
      body.to === 'closed' ? withLastRecordDay(current) : current,
      lastPhaseChangeDay(ctx.tenantId, current.caseId),
    ]);
    const { record, change } = applyPhaseChange(
      checked,
      body,
      stampOf(ctx, now),
      randomUUID(),
      lastPhaseChangeOn,
    );
    const view = toCaseView(record, 'full', now);
    const replayed = await writeCaseChange({
      write: { ctx, requestId, now },
      record,
      previous: current,
      added: { kind: 'PHASE', record: change },
      create: { idempotency, response: { status: 200, body: view } },
    });
    return replayed ? CaseView.parse(replayed.body) : view;
  },
};
