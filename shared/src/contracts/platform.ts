import * as z from 'zod';
import { defineRoute } from './route.ts';

export const healthRoute = defineRoute({
  method: 'GET',
  path: '/api/health',
  context: 'platform',
  access: 'public',
  summary: 'Liveness check',
  response: z.strictObject({ status: z.literal('ok') }),
  successStatus: 200,
});

export const openApiRoute = defineRoute({
  method: 'GET',
  path: '/api/openapi.json',
  context: 'platform',
  access: 'public',
  summary: 'This API as an OpenAPI 3.1 document',
  response: z.record(z.string(), z.unknown()),
  successStatus: 200,
});
