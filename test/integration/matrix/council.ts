import type { Expectation } from '../../support/personas.ts';

export const COUNCIL_MATRIX: Record<string, Expectation> = {};
