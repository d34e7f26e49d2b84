import type { Expectation } from '../../support/personas.ts';

/** Expected status of every care-management-cycle route for each persona and target. */
export const CYCLE_MATRIX: Record<string, Expectation> = {};
