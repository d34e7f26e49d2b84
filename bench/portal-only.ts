import { formatTable } from './results.ts';

/**
 * Item 6 alone: `npx tsx bench/portal-only.ts` (add `--no-build` to measure the build already in
 * web/build). Prints the table and the measurements as JSON; bench/results.json is run.ts's.
 */
// The handlers' per-request log lines would bury the table; set before the stack's modules load.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
const { measurePortal } = await import('./portal.ts');
const results = await measurePortal({ build: !process.argv.includes('--no-build') });
console.log(formatTable(results));
console.log(JSON.stringify(results, null, 2));
