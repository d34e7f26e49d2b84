import type { Operation } from '../http/route.ts';
import type { confirmCoreFiguresRoute } from './signoff-routes.ts';
import { confirmCore } from './signoff-rules.ts';
import { runSignOffStep } from './signoff-state.ts';

/** The core center confirms the tenant's figures once every office with figures has confirmed its own. */
export const confirmCoreFigures: Operation<typeof confirmCoreFiguresRoute> = (input) =>
  runSignOffStep(input, ({ record, offices, figures }, stamp) => ({
    record: confirmCore(record, offices, figures, stamp),
  }));
