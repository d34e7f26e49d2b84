import { bind, createPublicFunction } from '../http/public-function.ts';
import { healthRoute, openApiRoute } from '@kikan/shared/contracts/platform';

let document: Record<string, unknown> | undefined;

/**
 * The whole route table (every context's schemas) and the OpenAPI builder load on the first
 * document request only: a health check's cold start stays that of a near-empty handler.
 */
const openApiDocument = async () => {
  const [{ ROUTES }, { buildOpenApiDocument }] = await Promise.all([
    import('../routes.ts'),
    import('./openapi.ts'),
  ]);
  return (document ??= buildOpenApiDocument(ROUTES, '0.1.0'));
};

export const handler = createPublicFunction([
  bind(healthRoute, async () => ({ status: 'ok' as const })),
  bind(openApiRoute, openApiDocument),
]);
