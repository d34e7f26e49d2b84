import { SignOffView, type FiscalYearFigures, type TenantContext } from '@kikan/shared';
import { retryOnceOnVersionConflict } from '../kernel/retry-on-version-conflict.ts';
import { getUser, listOffices } from '../data/directory-store.ts';
import { readSignOff, writeSignOff, type SignOffRecord, type SnapshotRecord } from '../data/signoff-store.ts';
import { callersOwnScope, type Idempotency } from '../http/route.ts';
import { readLiveFigures } from './live-figures.ts';
import { signOffView, type SignOffOffice } from './signoff-rules.ts';

export interface SignOffState {
  record: SignOffRecord;
  figures: FiscalYearFigures;
  offices: SignOffOffice[];
  /** The municipality whose municipal division the caller works at: what a joint tenant's member approves for. */
  callerMunicipality: string | null;
}

/** The sign-off of a year with the figures as they stand: what every step and the view compare. */
export const loadSignOff = async (
  ctx: TenantContext,
  fiscalYear: number,
  now: Date,
): Promise<SignOffState> => {
  const [record, figures, directory] = await Promise.all([
    readSignOff(ctx.tenantId, fiscalYear),
    readLiveFigures(ctx.tenantId, fiscalYear, now, 'params.fiscalYear'),
    listOffices(ctx.tenantId),
  ]);
  const coreCenters = new Set(
    directory.filter((office) => office.type === 'core_center').map((office) => office.officeId),
  );
  const offices = figures.offices
    .filter((office) => !coreCenters.has(office.officeId))
    .map(({ officeId, name }) => ({ officeId, name }));
  const callersOffice = directory.find((office) => office.officeId === ctx.officeId);
  const callerMunicipality =
    callersOffice?.type === 'municipal_division' ? callersOffice.municipalityCode : null;
  return { record, figures, offices, callerMunicipality };
};

export interface StepInput {
  ctx: TenantContext;
  params: { fiscalYear: number };
  idempotency: Idempotency | null;
  requestId: string;
  now: Date;
}

export interface Stamp {
  by: string;
  byName: string;
  at: string;
}

export type Step<I extends StepInput> = (
  state: SignOffState,
  stamp: Stamp,
  input: I,
) => { record: SignOffRecord; snapshot?: SnapshotRecord };

/**
 * One step as a guarded operation. The sign-off of a year is the caller's tenant's, and which row a
 * caller may confirm follows from their role and office (signoff-rules.ts), so the route's roles
 * are the access check before a retried Idempotency-Key gets its first answer back.
 */
export const signOffStep = <I extends StepInput>(
  step: Step<I>,
): { authorize: () => Promise<void>; run: (input: I) => Promise<SignOffView> } => ({
  authorize: callersOwnScope,
  run: (input) => runSignOffStep(input, step),
});

/**
 * Runs one step on a fresh read of the sign-off and the figures, written at the version read. Two
 * steps at once (two offices confirming) both land: the one that lost the race is redone once on a
 * new read, then answered 409.
 */
const runSignOffStep = async <I extends StepInput>(input: I, step: Step<I>): Promise<SignOffView> => {
  const { ctx, params, idempotency, requestId, now } = input;
  const user = await getUser(ctx.tenantId, ctx.userId);
  const stamp = { by: ctx.userId, byName: user?.displayName ?? ctx.userId, at: now.toISOString() };
  return retryOnceOnVersionConflict(async () => {
    const state = await loadSignOff(ctx, params.fiscalYear, now);
    const { record, snapshot } = step(state, stamp, input);
    const view = signOffView(record, state.offices, state.figures, ctx, state.callerMunicipality);
    const replayed = await writeSignOff({
      write: { ctx, requestId, now },
      record,
      expectedVersion: state.record.version,
      ...(snapshot ? { snapshot } : {}),
      create: { idempotency, response: { status: 200, body: view } },
    });
    return replayed ? SignOffView.parse(replayed.body) : view;
  });
};
