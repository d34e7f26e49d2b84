import type { Operation } from '../http/route.ts';
import type { approveFiguresRoute } from './signoff-routes.ts';
import { approve } from './signoff-rules.ts';
import { runSignOffStep } from './signoff-state.ts';

/** The municipality approves: the figures are frozen as the snapshot of the version, written once. */
export const approveFigures: Operation<typeof approveFiguresRoute> = (input) =>
  runSignOffStep(input, ({ record, figures }, stamp) => approve(record, figures, stamp));
