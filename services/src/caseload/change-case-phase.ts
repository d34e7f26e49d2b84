import { randomUUID } from 'node:crypto';
import { CaseView } from '@kikan/shared';
import { previousResponse, writeCaseChange } from '../data/cycle-store.ts';
import { PreconditionRequiredError, VersionMismatchError } from '../http/errors.ts';
import type { Operation } from '../http/route.ts';
import { toCaseView } from '../policy/case-view.ts';
import { applyPhaseChange, stampOf } from './case-changes.ts';
import type { changeCasePhaseRoute } from './cycle-routes.ts';
import { readWritableCase } from './writable-case.ts';

/** The phase and its timeline record in one transaction, at the version the client saw. */
export const changeCasePhase: Operation<typeof changeCasePhaseRoute> = async ({
  ctx,
  params,
  body,
  ifMatch,
  idempotency,
  requestId,
  now,
}) => {
  if (ifMatch === null) throw new PreconditionRequiredError();
  // A retry finds the case already moved: it gets the first answer, not a refused move.
  const replay = await previousResponse(ctx, idempotency);
  if (replay) return CaseView.parse(replay.body);
  const current = await readWritableCase(ctx, params.caseId);
  if (current.version !== ifMatch) throw new VersionMismatchError(current.version);
  const { record, change } = applyPhaseChange(current, body, stampOf(ctx, now), randomUUID());
  const view = toCaseView(record, 'full', now);
  const replayed = await writeCaseChange({
    write: { ctx, requestId, now },
    record,
    previous: current,
    added: { kind: 'PHASE', record: change },
    create: { idempotency, response: { status: 200, body: view } },
  });
  return replayed ? CaseView.parse(replayed.body) : view;
};
