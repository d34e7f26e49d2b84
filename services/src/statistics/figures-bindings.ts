import { bind, type RouteBinding } from '../http/create-function.ts';
import { getFiguresRoute, getPlanPeriodsRoute } from '@kikan/shared/contracts/statistics';
import { getFigures } from './get-figures.ts';
import { getPlanPeriods } from './plan-periods-get.ts';

export const FIGURES_BINDINGS: readonly RouteBinding[] = [
  bind(getFiguresRoute, getFigures),
  bind(getPlanPeriodsRoute, getPlanPeriods),
];
