import { createHash } from 'node:crypto';
import type { FieldError } from '@kikan/shared';
import type { z } from 'zod';
import { canonicalJson } from './canonical-json.ts';
import { UnsupportedMediaTypeError, ValidationError } from '../kernel/errors.ts';
import { header, type HttpEvent } from './http-event.ts';
import type { Idempotency, RouteDefinition } from './route.ts';

export const MAX_BODY_BYTES = 256 * 1024;
const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

export interface ParsedInput {
  params: unknown;
  query: unknown;
  body: unknown;
  idempotency: Idempotency | null;
  ifMatch: number | null;
}

const fieldErrors = (source: string, error: z.ZodError): FieldError[] =>
  error.issues.flatMap((issue) => {
    const path = [source, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [...path, key].join('.'), message: '指定できない項目です' }));
    }
    return [{ field: path.join('.'), message: issue.message }];
  });

const parsePart = (source: string, schema: z.ZodType | undefined, value: unknown, errors: FieldError[]) => {
  if (!schema) {
    const isEmpty =
      value === undefined || (typeof value === 'object' && value !== null && !Object.keys(value).length);
    if (!isEmpty) errors.push({ field: source, message: 'この経路では指定できません' });
    return undefined;
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    errors.push(...fieldErrors(source, result.error));
    return undefined;
  }
  return result.data;
};

/** The one refusal of an oversize body, here and in the local gateway: a 400 naming the body. */
export const bodyTooLargeError = (): ValidationError =>
  new ValidationError(
    [{ field: 'body', message: `送信内容が大きすぎます（上限 ${MAX_BODY_BYTES / 1024} KB）` }],
    '送信内容が大きすぎます',
  );

/** Base64 grows 4 bytes per 3: a longer encoded body is refused before it is decoded at all. */
const MAX_BASE64_LENGTH = Math.ceil(MAX_BODY_BYTES / 3) * 4;

/**
 * The size is checked before anything is decoded or parsed, so an oversize body costs no more
 * than its length; a refused request fails whole (nothing after it runs, nothing is written).
 */
const readJsonBody = (event: HttpEvent, errors: FieldError[]): unknown => {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  if (event.isBase64Encoded && event.body.length > MAX_BASE64_LENGTH) throw bodyTooLargeError();
  // Every UTF-16 unit takes at least one UTF-8 byte: a string longer than the cap is over it.
  if (!event.isBase64Encoded && event.body.length > MAX_BODY_BYTES) throw bodyTooLargeError();
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) throw bodyTooLargeError();
  const contentType = header(event, 'content-type') ?? '';
  if (!/^application\/json(\s*;|$)/i.test(contentType)) throw new UnsupportedMediaTypeError();
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    errors.push({ field: 'body', message: 'JSONの形式が正しくありません' });
    return undefined;
  }
};

/** What a stored response answers: this route, on this record, with this body (SECURITY.md row 24). */
const requestFingerprint = (route: RouteDefinition, params: unknown, body: unknown): string =>
  createHash('sha256')
    .update(
      canonicalJson({ route: `${route.method} ${route.path}`, params: params ?? {}, body: body ?? null }),
    )
    .digest('base64url');

const parseIdempotency = (
  event: HttpEvent,
  route: RouteDefinition,
  params: unknown,
  body: unknown,
  errors: FieldError[],
) => {
  const key = header(event, 'idempotency-key');
  if (key === undefined) return null;
  if (!route.idempotent) {
    errors.push({ field: 'header.idempotency-key', message: 'この経路では指定できません' });
    return null;
  }
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    errors.push({ field: 'header.idempotency-key', message: '送信キーの形式が正しくありません' });
    return null;
  }
  return { key, fingerprint: requestFingerprint(route, params, body) };
};

const parseIfMatch = (event: HttpEvent, errors: FieldError[]): number | null => {
  const value = header(event, 'if-match');
  if (value === undefined) return null;
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(value.trim());
  if (!match) {
    errors.push({ field: 'header.if-match', message: 'バージョンの形式が正しくありません' });
    return null;
  }
  return Number(match[1]);
};

/**
 * Validates everything the client sent against the route's schemas, collecting every field error
 * into one 400. A tenant named by the client is refused: the tenant comes from the token only.
 */
export const parseInput = (event: HttpEvent, route: RouteDefinition): ParsedInput => {
  const errors: FieldError[] = [];
  if (header(event, 'x-tenant-id') !== undefined) {
    errors.push({ field: 'header.x-tenant-id', message: 'テナントは指定できません' });
  }
  const params = parsePart('params', route.params, event.pathParameters ?? {}, errors);
  const query = parsePart('query', route.query, event.queryStringParameters ?? {}, errors);
  const rawBody = readJsonBody(event, errors);
  const body = parsePart('body', route.body, rawBody, errors);
  // Only a body that passed its schema is fingerprinted: a refused one may nest deeper than the stack.
  const idempotency = parseIdempotency(event, route, params, errors.length ? undefined : rawBody, errors);
  const ifMatch = parseIfMatch(event, errors);
  if (errors.length) throw new ValidationError(errors);
  return { params, query, body, idempotency, ifMatch };
};
