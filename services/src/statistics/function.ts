import { createFunction } from '../http/create-function.ts';
import { STATISTICS_BINDINGS } from './statistics-bindings.ts';

/** The municipal plan's indicators, computed from everyday work: figures, targets, sign-off, exports. */
export const handler = createFunction([...STATISTICS_BINDINGS]);
