import type { Operation } from '../http/route.ts';
import type { getSignOffRoute } from '@kikan/shared/contracts/statistics';
import { signOffView } from './signoff-rules.ts';
import { loadSignOff } from './signoff-state.ts';

/** Where a year's sign-off stands, with every confirmation checked against the figures as they are now. */
export const getSignOff: Operation<typeof getSignOffRoute> = async ({ ctx, params, now }) => {
  const { record, offices, figures, callerMunicipality } = await loadSignOff(ctx, params.fiscalYear, now);
  return signOffView(record, offices, figures, ctx, callerMunicipality);
};
