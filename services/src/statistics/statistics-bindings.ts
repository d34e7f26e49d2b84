import { type RouteBinding } from '../http/create-function.ts';
import { EXPORT_BINDINGS } from './export-bindings.ts';
import { FIGURES_BINDINGS } from './figures-bindings.ts';
import { SIGNOFF_BINDINGS } from './signoff-bindings.ts';

export const STATISTICS_BINDINGS: readonly RouteBinding[] = [
  ...FIGURES_BINDINGS,
  ...SIGNOFF_BINDINGS,
  ...EXPORT_BINDINGS,
];
