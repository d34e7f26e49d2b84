import { createFunction } from '../http/create-function.ts';
import { COUNCIL_BINDINGS } from './council-bindings.ts';

/** Regional issues (地域課題) followed from the cases that raised them to the council and its outcome. */
export const handler = createFunction([...COUNCIL_BINDINGS]);
