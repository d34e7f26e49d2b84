import type { ErrorResponse } from '@kikan/shared';
import type { MiddlewareObj } from '@middy/core';
import { logger } from '../logger.ts';
import { AppError, ConflictError, LikelyDuplicateError, ServiceUnavailableError } from '../kernel/errors.ts';
import { BASE_HEADERS, type HttpEvent, type HttpResult } from './http-event.ts';

const toBody = (error: ErrorResponse['error']): string => JSON.stringify({ error } satisfies ErrorResponse);

/** DynamoDB throttling and capacity errors: the request may succeed later, it is not a bug. */
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);
/** The database cannot be reached or answered late: refused, reset, timed out, no such host. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
]);

interface SdkLikeError {
  name?: string;
  code?: string;
  $fault?: string;
  $metadata?: unknown;
}

/**
 * Errors of the data layer that say "try again" rather than "bug": after the SDK's own bounded
 * retries, throttling, a DynamoDB server fault or an unreachable database is a 503 (with
 * Retry-After), and a write racing a transaction on the same item a 409 — never a 500.
 */
export const translateDataError = (error: unknown): AppError | undefined => {
  if (!error || typeof error !== 'object') return undefined;
  const { name, code, $fault, $metadata } = error as SdkLikeError;
  if (name === 'TransactionConflictException') {
    return new ConflictError('同時に別の更新が行われました。もう一度お試しください');
  }
  if (name && THROTTLING.has(name)) return new ServiceUnavailableError();
  if ($metadata !== undefined && $fault === 'server') return new ServiceUnavailableError();
  if (name === 'TimeoutError' || (code && NETWORK_CODES.has(code))) return new ServiceUnavailableError();
  return undefined;
};

/**
 * The one place errors become HTTP. Below 500 the message (Japanese, safe) is shown; at 500 and
 * above the body is generic and carries only the request id, and the log keeps the error class
 * and stack — never the message of an SDK error, which may echo key values.
 */
export const errorResponse = (): MiddlewareObj<HttpEvent, HttpResult> => ({
  onError: (request) => {
    const requestId = request.event.requestContext?.requestId || request.context.awsRequestId;
    const error = translateDataError(request.error) ?? request.error;
    if (error instanceof AppError && error.status < 500) {
      request.response = {
        statusCode: error.status,
        headers: { ...BASE_HEADERS, ...error.headers },
        body: toBody({
          code: error.code,
          message: error.message,
          ...(error.fields ? { fields: error.fields } : {}),
          ...(error instanceof LikelyDuplicateError ? { likelyDuplicates: error.likelyDuplicates } : {}),
          requestId,
        }),
      };
      return;
    }
    if (error instanceof AppError) {
      const cause = error === request.error ? undefined : (request.error as SdkLikeError | null);
      logger.warn('request failed', {
        errorName: error.name,
        status: error.status,
        // The class or code of a translated data-layer error, never its message.
        ...(cause ? { causeName: cause.name, causeCode: cause.code } : {}),
      });
      request.response = {
        statusCode: error.status,
        headers: { ...BASE_HEADERS, ...error.headers },
        body: toBody({ code: error.code, message: error.message, requestId }),
      };
      return;
    }
    logger.error('unhandled error', {
      errorName: error?.name ?? 'unknown',
      // Frames only: a message can span lines and carry key values.
      stack: error?.stack
        ?.split('\n')
        .filter((line) => /^\s+at /.test(line))
        .slice(0, 7)
        .join('\n'),
    });
    request.response = {
      statusCode: 500,
      headers: { ...BASE_HEADERS },
      body: toBody({
        code: 'internal_error',
        message: 'システムエラーが発生しました。時間をおいて再度お試しください',
        requestId,
      }),
    };
  },
});
