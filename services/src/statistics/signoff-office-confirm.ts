import type { Operation } from '../http/route.ts';
import type { confirmOfficeFiguresRoute } from './signoff-routes.ts';
import { confirmOffice, officeFingerprint } from './signoff-rules.ts';
import { runSignOffStep } from './signoff-state.ts';

/** An office manager confirms their own office's figures as they stand: never another office's. */
export const confirmOfficeFigures: Operation<typeof confirmOfficeFiguresRoute> = (input) =>
  runSignOffStep(input, ({ record, offices, figures }, stamp) => ({
    record: confirmOffice(record, offices, input.ctx.officeId, {
      ...stamp,
      fingerprint: officeFingerprint(figures, input.ctx.officeId),
    }),
  }));
