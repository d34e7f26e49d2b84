import type { Expectation } from '../../support/personas.ts';

export const LEDGER_MATRIX: Record<string, Expectation> = {};
