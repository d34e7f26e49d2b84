import { bind, createFunction } from '../http/create-function.ts';
import { ROUTES, healthRoute, openApiRoute } from '../routes.ts';
import { buildOpenApiDocument } from './openapi.ts';

let document: Record<string, unknown> | undefined;

export const handler = createFunction([
  bind(healthRoute, async () => ({ status: 'ok' as const })),
  bind(openApiRoute, async () => (document ??= buildOpenApiDocument(ROUTES, '0.1.0'))),
]);
