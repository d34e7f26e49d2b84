import type { Expectation } from '../../support/personas.ts';

export const DIFFICULT_MATRIX: Record<string, Expectation> = {};
