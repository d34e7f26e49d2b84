import type { Expectation } from '../../support/personas.ts';

export const DASHBOARD_MATRIX: Record<string, Expectation> = {};
