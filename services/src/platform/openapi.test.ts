import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { CSV_CONTENT_TYPE, rawFile } from '../http/raw-response.ts';
import { defineRoute } from '../http/route.ts';
import { ROUTES, createCaseRoute, getCaseRoute, listCasesRoute, routeKey } from '../routes.ts';
import { buildOpenApiDocument } from './openapi.ts';

const Operation = z.looseObject({ operationId: z.string() });

const operationPath = (path: string, method: string) => ['paths', path, method.toLowerCase()];

describe('buildOpenApiDocument', () => {
  it('declares OpenAPI 3.1.0 and the given version', () => {
    const document = buildOpenApiDocument(ROUTES, 'x');

    expect(document.openapi).toBe('3.1.0');
    expect(document.info.version).toBe('x');
  });

  it.each(ROUTES.map((route) => [routeKey(route), route] as const))('documents %s', (_key, route) => {
    const document = buildOpenApiDocument(ROUTES, 'x');

    expect(document).toHaveProperty(operationPath(route.path, route.method));
  });

  it('documents exactly the routes of the table', () => {
    const document = buildOpenApiDocument(ROUTES, 'x');

    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );

    expect(documented.sort()).toEqual(ROUTES.map(routeKey).sort());
  });

  it('gives every operation its own operationId', () => {
    const document = buildOpenApiDocument(ROUTES, 'x');

    const operationIds = Object.values(document.paths).flatMap((methods) =>
      Object.values(methods).map((operation) => Operation.parse(operation).operationId),
    );

    expect(new Set(operationIds).size).toBe(ROUTES.length);
  });

  it('requires person in the create-case request body', () => {
    const document = buildOpenApiDocument(ROUTES, 'x');

    expect(document).toHaveProperty(
      [
        ...operationPath(createCaseRoute.path, createCaseRoute.method),
        'requestBody',
        'content',
        'application/json',
      ],
      expect.objectContaining({
        schema: expect.objectContaining({ required: expect.arrayContaining(['person']) }),
      }),
    );
  });

  it('documents the Idempotency-Key header on the create-case route', () => {
    const document = buildOpenApiDocument(ROUTES, 'x');

    expect(document).toHaveProperty(
      [...operationPath(createCaseRoute.path, createCaseRoute.method), 'parameters'],
      expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]),
    );
  });

  it('documents the case id as a required path parameter and limit as an optional query parameter', () => {
    const document = buildOpenApiDocument(ROUTES, 'x');

    expect(document).toHaveProperty(
      [...operationPath(getCaseRoute.path, getCaseRoute.method), 'parameters'],
      [expect.objectContaining({ name: 'caseId', in: 'path', required: true })],
    );
    expect(document).toHaveProperty(
      [...operationPath(listCasesRoute.path, listCasesRoute.method), 'parameters'],
      expect.arrayContaining([expect.objectContaining({ name: 'limit', in: 'query', required: false })]),
    );
  });

  it.each(ROUTES.map((route) => [routeKey(route), route] as const))(
    'states the security requirement of %s',
    (_key, route) => {
      const document = buildOpenApiDocument(ROUTES, 'x');

      const expected = route.access === 'public' ? [] : [{ bearer: [] }];

      expect(document).toHaveProperty([...operationPath(route.path, route.method), 'security'], expected);
    },
  );

  it('defines the bearer security scheme', () => {
    const document = buildOpenApiDocument(ROUTES, 'x');

    expect(document.components.securitySchemes.bearer).toEqual({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
  });

  it('defines the ErrorResponse schema that error responses refer to', () => {
    const document = buildOpenApiDocument(ROUTES, 'x');

    expect(document.components.schemas.ErrorResponse).toMatchObject({
      type: 'object',
      required: ['error'],
      properties: { error: expect.objectContaining({ type: 'object' }) },
    });
    expect(document).toHaveProperty(
      [
        ...operationPath(getCaseRoute.path, getCaseRoute.method),
        'responses',
        '404',
        'content',
        'application/json',
      ],
      { schema: { $ref: '#/components/schemas/ErrorResponse' } },
    );
  });

  it('documents the response of a raw route as a file of its media type, not JSON', () => {
    const exportRoute = defineRoute({
      method: 'GET',
      path: '/api/test/export.csv',
      context: 'platform',
      access: ['core_supervisor'],
      summary: 'A test export',
      response: rawFile(CSV_CONTENT_TYPE),
      successStatus: 200,
      raw: true,
    });

    const document = buildOpenApiDocument([exportRoute], 'x');

    expect(document).toHaveProperty(
      [...operationPath(exportRoute.path, 'GET'), 'responses', '200', 'content'],
      {
        'text/csv; charset=utf-8': { schema: { type: 'string' } },
      },
    );
  });
});
