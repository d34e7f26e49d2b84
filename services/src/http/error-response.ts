import type { ErrorResponse } from '@kikan/shared';
import type { MiddlewareObj } from '@middy/core';
import { logger } from '../logger.ts';
import { AppError } from './errors.ts';
import { BASE_HEADERS, type HttpEvent, type HttpResult } from './http-event.ts';

const toBody = (error: ErrorResponse['error']): string => JSON.stringify({ error } satisfies ErrorResponse);

/**
 * The one place errors become HTTP. Below 500 the message (Japanese, safe) is shown; at 500 and
 * above the body is generic and carries only the request id, and the log keeps the error class
 * and stack — never the message of an SDK error, which may echo key values.
 */
export const errorResponse = (): MiddlewareObj<HttpEvent, HttpResult> => ({
  onError: (request) => {
    const requestId = request.event.requestContext?.requestId || request.context.awsRequestId;
    const error = request.error;
    if (error instanceof AppError && error.status < 500) {
      request.response = {
        statusCode: error.status,
        headers: { ...BASE_HEADERS, ...error.headers },
        body: toBody({
          code: error.code,
          message: error.message,
          ...(error.fields ? { fields: error.fields } : {}),
          requestId,
        }),
      };
      return;
    }
    if (error instanceof AppError) {
      logger.warn('request failed', { errorName: error.name, status: error.status });
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
