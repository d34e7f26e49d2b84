import type { Expectation } from '../../support/personas.ts';

export const STATISTICS_MATRIX: Record<string, Expectation> = {};
