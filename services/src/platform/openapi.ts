import { SESSION_COOKIE } from '@kikan/shared/session';
import { ErrorResponse } from '@kikan/shared';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import type { RouteDefinition } from '../http/route.ts';

type JsonSchema = Record<string, unknown>;

const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  });
  return rest;
};

const parametersOf = (schema: z.ZodType | undefined, location: 'path' | 'query') => {
  if (!schema) return [];
  const json = schemaOf(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: property,
  }));
};

/**
 * Every status a route can answer besides success, from its contract: the same flags the function
 * core acts on (access, params, body, idempotent, versioned), so the document cannot promise less
 * than the API does.
 */
const errorResponses = (route: RouteDefinition) => {
  const ref = { $ref: '#/components/schemas/ErrorResponse' };
  const error = (description: string) => ({ description, content: { 'application/json': { schema: ref } } });
  const protectedRoute = route.access !== 'public';
  const write = route.method !== 'GET';
  return {
    '400': error('Invalid input: `fields` names each offending field'),
    ...(protectedRoute
      ? { '401': error('Missing or invalid access token'), '403': error('Role not allowed') }
      : {}),
    // The sign-in session's routes (ADR 0037): the cookie is their credential.
    ...(route.session && route.method !== 'DELETE'
      ? {
          '401': error(
            'No live sign-in session: no cookie, or past its idle deadline or end; the cookie is cleared',
          ),
        }
      : {}),
    ...(route.params ? { '404': error('Not found, or not visible to the caller') } : {}),
    ...(protectedRoute && (write || route.conflictWhen)
      ? {
          '409': error(
            route.conflictWhen ??
              'The record changed concurrently, or its state refuses this change (the message says which)',
          ),
        }
      : {}),
    ...(route.versioned
      ? { '412': error('If-Match names an older version: reload, then retry with the ETag sent') }
      : {}),
    ...(route.body ? { '415': error('The body is not application/json') } : {}),
    ...(route.idempotent
      ? { '422': error('The Idempotency-Key was used for another route, record or body') }
      : {}),
    ...(route.versioned ? { '428': error('If-Match is missing') } : {}),
    '500': error('Internal error: generic message and request id only'),
    ...(protectedRoute
      ? { '503': error('The database is busy or unreachable: retry after the Retry-After seconds') }
      : {}),
    ...(route.session
      ? { '503': error('The identity provider did not answer: retry after the Retry-After seconds') }
      : {}),
  };
};

/** A raw route's file: its media type is the literal `contentType` of its `rawFile(…)` response. */
const fileContent = (route: RouteDefinition) => {
  const properties = (schemaOf(route.response, 'output').properties ?? {}) as Record<string, JsonSchema>;
  const mediaType = properties.contentType?.const;
  return {
    [typeof mediaType === 'string' ? mediaType : 'application/octet-stream']: { schema: { type: 'string' } },
  };
};

/** OpenAPI 3.1 generated from the route table and the same zod schemas that validate requests. */
export const buildOpenApiDocument = (routes: readonly RouteDefinition[], version: string) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operation = {
      operationId: `${route.method.toLowerCase()}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      summary: route.summary,
      tags: [route.context],
      ...(route.session
        ? { security: [{ sessionCookie: [] }] }
        : route.access === 'public'
          ? { security: [] }
          : { security: [{ bearer: [] }], 'x-kikan-roles': [...route.access] }),
      parameters: [
        ...parametersOf(route.params, 'path'),
        ...parametersOf(route.query, 'query'),
        ...(route.idempotent
          ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } }]
          : []),
      ],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schemaOf(route.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [String(route.successStatus)]: {
          description: 'Success',
          content: route.raw
            ? fileContent(route)
            : { 'application/json': { schema: schemaOf(route.response, 'output') } },
        },
        ...errorResponses(route),
      },
    };
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Kikan API', version, description: 'Consultation-support caseloads for municipalities' },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        // ADR 0037: HttpOnly, Secure, SameSite=Strict, Path=/api/session; the refresh token sealed inside.
        sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
      },
      schemas: { ErrorResponse: schemaOf(ErrorResponse, 'output') },
    },
  };
};

/** The version the served document states. */
export const OPENAPI_VERSION = '0.1.0';

/**
 * Where the document is kept: beside the platform function's source, and copied beside its bundle
 * when CDK builds it (infra/src/api.ts), so the same `./openapi.json` is read in both places.
 */
export const OPENAPI_DOCUMENT_FILE = fileURLToPath(new URL('./openapi.json', import.meta.url));

/** The file's text: compact JSON (one line), as `npm run openapi` writes it. */
export const openApiDocumentText = (routes: readonly RouteDefinition[]): string =>
  `${JSON.stringify(buildOpenApiDocument(routes, OPENAPI_VERSION))}\n`;
