import type { PlanPeriod } from '@kikan/shared';
import { getPlanPeriodsRoute } from '@kikan/shared/contracts/statistics';
import { userMessageOf, type ApiClient } from './api.ts';

/**
 * The tenant's plan periods and their indicator definitions (ADR 0030), read from the API when a
 * page that needs them opens: which years a statistics page offers, which indicators take a 見込量
 * or an evaluation. Null until they have arrived; a failure is the error's message.
 */
export class PlanPeriods {
  list = $state.raw<PlanPeriod[] | null>(null);
  error = $state<string | null>(null);

  constructor(api: ApiClient) {
    api.call(getPlanPeriodsRoute).then(
      (view) => (this.list = view.periods),
      (caught: unknown) => (this.error = userMessageOf(caught)),
    );
  }
}
