import type { Expectation } from '../../support/personas.ts';

export const STATISTICS_EXPORT_MATRIX: Record<string, Expectation> = {};
