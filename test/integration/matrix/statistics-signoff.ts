import type { Expectation } from '../../support/personas.ts';

export const STATISTICS_SIGNOFF_MATRIX: Record<string, Expectation> = {};
