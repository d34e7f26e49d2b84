import { ErrorResponse } from '@kikan/shared';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { bind, createFunction } from './create-function.ts';
import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
  ValidationError,
  VersionMismatchError,
} from '../kernel/errors.ts';
import { defineRoute } from './route.ts';
import { apiGatewayEvent, lambdaContext } from './test-fixtures.ts';

const failingRoute = defineRoute({
  method: 'GET',
  path: '/api/test/failing',
  context: 'platform',
  access: 'public',
  summary: 'A public route whose operation fails, for the error tests',
  response: z.strictObject({ ok: z.literal(true) }),
  successStatus: 200,
});

const REQUEST_ID = 'Ab1Cd2Ef3Gh4=';

const failingRouteEvent = () => apiGatewayEvent(failingRoute, { requestId: REQUEST_ID });

/** Calls a function whose only route throws `error`. */
const respondTo = (error: unknown, event = failingRouteEvent()) =>
  createFunction([
    bind(failingRoute, async () => {
      throw error;
    }),
  ])(event, lambdaContext());

const errorBodyOf = (body: string) => ErrorResponse.parse(JSON.parse(body));

let logged = '';

beforeAll(() => {
  vi.stubEnv('AUTH_MODE', 'local');
  vi.stubEnv('LOCAL_ISSUER', 'http://127.0.0.1:1/local-auth');
  vi.stubEnv('LOCAL_CLIENT_ID', 'x');
  vi.stubEnv('DYNAMODB_ENDPOINT', 'http://127.0.0.1:1');
  vi.stubEnv('TABLE_NAME', 'test-table');
});

beforeEach(() => {
  logged = '';
  const capture = (chunk: string | Uint8Array) => {
    logged += String(chunk);
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('error responses', () => {
  it('keeps a multi-line error message out of the log', async () => {
    await respondTo(new Error('ConditionalCheckFailed for key\nT#kibougaoka#PERSON#secret-person-id'));
    expect(logged).not.toContain('secret-person-id');
  });

  it('turns a ValidationError into 400 with its fields and the API Gateway request id', async () => {
    const fields = [{ field: 'body.person.kana', message: 'フリガナは全角カタカナで入力してください' }];

    const response = await respondTo(new ValidationError(fields));

    expect(response.statusCode).toBe(400);
    expect(errorBodyOf(response.body)).toEqual({
      error: {
        code: 'validation_failed',
        message: '入力内容に誤りがあります',
        fields,
        requestId: REQUEST_ID,
      },
    });
  });

  it('hides the message of an unexpected error behind a generic 500', async () => {
    const response = await respondTo(new Error('secret internal detail'));

    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret internal detail');
    expect(errorBodyOf(response.body).error).toMatchObject({ code: 'internal_error', requestId: REQUEST_ID });
  });

  it('logs the class of an unexpected error but not its message', async () => {
    await respondTo(new TypeError('secret internal detail'));

    expect(logged).toContain('unhandled error');
    expect(logged).toContain('TypeError');
    expect(logged).not.toContain('secret internal detail');
  });

  it('answers 500 when something that is not an Error is thrown', async () => {
    const response = await respondTo('secret internal detail');

    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret internal detail');
  });

  it('turns a VersionMismatchError into 412 with the current version as etag', async () => {
    const response = await respondTo(new VersionMismatchError(7));

    expect(response.statusCode).toBe(412);
    expect(response.headers.etag).toBe('"7"');
    expect(errorBodyOf(response.body).error.code).toBe('version_mismatch');
  });

  it('shows the message of an error below 500', async () => {
    const response = await respondTo(new ConflictError('この支援は既に終結しています'));

    expect(response.statusCode).toBe(409);
    expect(errorBodyOf(response.body).error).toEqual({
      code: 'conflict',
      message: 'この支援は既に終結しています',
      requestId: REQUEST_ID,
    });
  });

  it('keeps the headers of an application error at 503, such as retry-after', async () => {
    const response = await respondTo(new ServiceUnavailableError());

    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(errorBodyOf(response.body).error.code).toBe('service_unavailable');
  });

  it.each([
    ['a 400', new ValidationError([])],
    ['a 404', new NotFoundError()],
    ['a 412', new VersionMismatchError(2)],
    ['a 500', new Error('boom')],
  ])('marks %s response as not cacheable and as JSON', async (_status, error) => {
    const response = await respondTo(error);

    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });

  it('falls back to the Lambda request id when the event has none', async () => {
    const event = failingRouteEvent();
    event.requestContext.requestId = '';

    const response = await respondTo(new NotFoundError(), event);

    expect(errorBodyOf(response.body).error.requestId).toBe('lambda-request-0001');
  });
});

describe('data-layer errors that mean "try again"', () => {
  const sdkError = (name: string, fault: 'client' | 'server', message = 'secret key T#kibougaoka#CASE#c1') =>
    Object.assign(new Error(message), { name, $fault: fault, $metadata: { httpStatusCode: 400 } });
  const networkError = (code: string) =>
    Object.assign(new Error(`connect ${code} 127.0.0.1:8000`), { code, $metadata: {} });

  it.each([
    ['throttling', sdkError('ThrottlingException', 'client')],
    ['exceeded throughput', sdkError('ProvisionedThroughputExceededException', 'client')],
    ['the request limit', sdkError('RequestLimitExceeded', 'client')],
    ['a DynamoDB server fault', sdkError('InternalServerError', 'server')],
    ['a refused connection', networkError('ECONNREFUSED')],
    ['a reset connection', networkError('ECONNRESET')],
    ['a request timeout', Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
  ])('answers %s with 503, a Japanese message and Retry-After, logging no message', async (_kind, error) => {
    const response = await respondTo(error);

    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    const body = errorBodyOf(response.body).error;
    expect(body.code).toBe('service_unavailable');
    expect(body.message).toMatch(/しばらくしてから/);
    expect(body.requestId).toBe(REQUEST_ID);
    expect(logged).toContain('ServiceUnavailableError');
    expect(logged).not.toContain('T#kibougaoka');
    expect(logged).not.toContain('127.0.0.1');
  });

  it('answers a write that raced a transaction (TransactionConflictException) with a retryable 409', async () => {
    const response = await respondTo(sdkError('TransactionConflictException', 'client'));

    expect(response.statusCode).toBe(409);
    expect(errorBodyOf(response.body).error.code).toBe('conflict');
  });

  it('keeps a client-side DynamoDB error that is a bug (validation) a 500', async () => {
    const response = await respondTo(sdkError('ValidationException', 'client'));

    expect(response.statusCode).toBe(500);
    expect(errorBodyOf(response.body).error.code).toBe('internal_error');
  });

  it('leaves a plain error with a network-looking message a 500', async () => {
    const response = await respondTo(new Error('ECONNREFUSED'));

    expect(response.statusCode).toBe(500);
  });
});
