import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { CSV_CONTENT_TYPE, rawFile } from '../http/raw-response.ts';
import { defineRoute } from '../http/route.ts';
import { ROUTES, createCaseRoute, getCaseRoute, listCasesRoute, routeKey } from '../routes.ts';
import { readFileSync } from 'node:fs';
import { OPENAPI_DOCUMENT_FILE, buildOpenApiDocument, openApiDocumentText } from './openapi.ts';

const Operation = z.looseObject({ operationId: z.string() });

const operationPath = (path: string, method: string) => ['paths', path, method.toLowerCase()];

describe('the served document (services/src/platform/openapi.json)', () => {
  it('is the one the route table builds: after changing a route, run `npm run openapi`', () => {
    // Compared as text of the same form, so a stale or hand-edited file fails.
    expect(readFileSync(OPENAPI_DOCUMENT_FILE, 'utf8') === openApiDocumentText(ROUTES)).toBe(true);
  });
});

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

      // The session routes' credential is the session cookie (ADR 0037).
      const expected = route.session
        ? [{ sessionCookie: [] }]
        : route.access === 'public'
          ? []
          : [{ bearer: [] }];

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

  describe('error statuses follow the route flags the function core acts on', () => {
    const statusesOf = (route: Parameters<typeof defineRoute>[0]) =>
      Object.keys(
        (buildOpenApiDocument([route], 'x').paths[route.path] as Record<string, { responses: object }>)[
          route.method.toLowerCase()
        ]?.responses ?? {},
      ).sort();
    const base = {
      context: 'platform',
      access: ['specialist'],
      summary: 'A test route',
      response: z.strictObject({ ok: z.boolean() }),
    } as const;
    const params = z.strictObject({ id: z.string() });
    const body = z.strictObject({ name: z.string() });

    it('a public GET: bad input and internal errors only', () => {
      expect(
        statusesOf({ ...base, access: 'public', method: 'GET', path: '/api/t', successStatus: 200 }),
      ).toEqual(['200', '400', '500']);
    });

    it('a protected GET of one record: authentication, role, not found, database busy', () => {
      expect(statusesOf({ ...base, method: 'GET', path: '/api/t/{id}', params, successStatus: 200 })).toEqual(
        ['200', '400', '401', '403', '404', '500', '503'],
      );
    });

    it('an idempotent create: conflict, media type and a reused key besides', () => {
      expect(
        statusesOf({ ...base, method: 'POST', path: '/api/t', body, successStatus: 201, idempotent: true }),
      ).toEqual(['201', '400', '401', '403', '409', '415', '422', '500', '503']);
    });

    it('a versioned update: 412 for a stale If-Match and 428 for none', () => {
      expect(
        statusesOf({
          ...base,
          method: 'PUT',
          path: '/api/t/{id}',
          params,
          body,
          successStatus: 200,
          versioned: true,
        }),
      ).toEqual(['200', '400', '401', '403', '404', '409', '412', '415', '428', '500', '503']);
    });

    it('a read that may refuse with 409 says when', () => {
      const when = 'Too many entries for one file';
      const document = buildOpenApiDocument(
        [{ ...base, method: 'GET', path: '/api/t', successStatus: 200, conflictWhen: when }],
        'x',
      );
      expect(document).toHaveProperty(
        [...operationPath('/api/t', 'GET'), 'responses', '409', 'description'],
        when,
      );
    });

    it.each(ROUTES.map((route) => [routeKey(route), route] as const))(
      '%s lists 428 and 412 exactly when it is versioned, 422 when idempotent, 415 when it takes a body',
      (_key, route) => {
        const responses = Object.keys(
          (buildOpenApiDocument([route], 'x').paths[route.path] as Record<string, { responses: object }>)[
            route.method.toLowerCase()
          ]?.responses ?? {},
        );
        expect(responses.includes('428')).toBe(route.versioned === true);
        expect(responses.includes('412')).toBe(route.versioned === true);
        expect(responses.includes('422')).toBe(route.idempotent === true);
        expect(responses.includes('415')).toBe(route.body !== undefined);
      },
    );
  });
});
