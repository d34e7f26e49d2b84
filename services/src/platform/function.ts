import { healthRoute, openApiRoute } from '@kikan/shared/contracts/platform';
import { readFile } from 'node:fs/promises';
import { bind, createPublicFunction } from '../http/public-function.ts';

let document: Promise<Record<string, unknown>> | undefined;

/**
 * The OpenAPI document is written at build time from the route table (`npm run openapi`, kept equal
 * to it by openapi.test.ts) and read on the first request for it: this function builds no schema of
 * the API, so a health check's cold start stays near an empty handler's (ADR 0023). In Lambda the
 * file lies beside the bundle (CDK copies it there), locally beside this source.
 */
const openApiDocument = () =>
  (document ??= readFile(new URL('./openapi.json', import.meta.url), 'utf8').then(
    (text) => JSON.parse(text) as Record<string, unknown>,
  ));

export const handler = createPublicFunction([
  bind(healthRoute, async () => ({ status: 'ok' as const })),
  bind(openApiRoute, openApiDocument),
]);
