import { createFunction } from '../http/create-function.ts';
import { DASHBOARD_BINDINGS } from './dashboard-bindings.ts';
import { DIFFICULT_BINDINGS } from './difficult-bindings.ts';
import { LEDGER_BINDINGS } from './ledger-bindings.ts';

/** The core center's work: cross-office dashboard, difficult cases, capacity-building ledger. */
export const handler = createFunction([...DASHBOARD_BINDINGS, ...DIFFICULT_BINDINGS, ...LEDGER_BINDINGS]);
