import { bind, type RouteBinding } from '../http/create-function.ts';
import { getFiguresRoute } from '@kikan/shared/contracts/statistics';
import { getFigures } from './get-figures.ts';

export const FIGURES_BINDINGS: readonly RouteBinding[] = [bind(getFiguresRoute, getFigures)];
