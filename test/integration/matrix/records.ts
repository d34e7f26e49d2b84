import type { Expectation } from '../../support/personas.ts';

/** Expected status of every case-record route for each persona and target. */
export const RECORD_MATRIX: Record<string, Expectation> = {};
