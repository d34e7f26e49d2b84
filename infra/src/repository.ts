import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the npm workspace root, where the lock file and `node_modules` live. */
export const REPOSITORY_ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The services package: Lambda entries are given relative to it, as `functionEntry()` returns them. */
export const SERVICES_ROOT = path.join(REPOSITORY_ROOT, 'services');
