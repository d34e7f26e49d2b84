import { healthRoute, openApiRoute } from '@kikan/shared/contracts/platform';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { apiGatewayEvent, lambdaContext } from '../http/test-fixtures.ts';
import { ROUTES, routeKey } from '../routes.ts';
import { handler } from './function.ts';

// The environment the local stack gives every function (config.ts reads it on the first request).
beforeAll(() => {
  vi.stubEnv('AUTH_MODE', 'local');
  vi.stubEnv('LOCAL_ISSUER', 'http://127.0.0.1:1/local-auth');
  vi.stubEnv('LOCAL_CLIENT_ID', 'x');
  vi.stubEnv('DYNAMODB_ENDPOINT', 'http://127.0.0.1:1');
  vi.stubEnv('TABLE_NAME', 'test-table');
});

describe('platform function', () => {
  it('serves the OpenAPI document written at build time, every route of the table in it', async () => {
    const response = await handler(apiGatewayEvent(openApiRoute), lambdaContext());

    expect(response.statusCode).toBe(200);
    const document = JSON.parse(response.body ?? '{}') as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(ROUTES.map(routeKey).sort());
  });

  it('answers the health check', async () => {
    const response = await handler(apiGatewayEvent(healthRoute), lambdaContext());

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body ?? '{}')).toEqual({ status: 'ok' });
  });
});
