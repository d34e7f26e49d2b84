import type { Context } from 'aws-lambda';
import type { HttpEvent } from './http-event.ts';
import { routeKey, type RouteDefinition } from './route.ts';

/** Test fixtures only: what API Gateway and Lambda hand a function. */

export interface RequestParts {
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
  requestId?: string;
}

/** An API Gateway HTTP API (payload format 2.0) event, as the gateway delivers it to Lambda. */
export const apiGatewayEvent = (
  route: Pick<RouteDefinition, 'method' | 'path'>,
  parts: RequestParts = {},
): HttpEvent => {
  const rawPath = route.path.replace(/\{(\w+)\}/g, (_, name: string) => parts.pathParameters?.[name] ?? '');
  const headers = Object.fromEntries(
    Object.entries({
      accept: 'application/json',
      host: 'abc123.execute-api.ap-northeast-1.amazonaws.com',
      'user-agent': 'vitest',
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-proto': 'https',
      ...parts.headers,
    }).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return {
    version: '2.0',
    routeKey: routeKey(route),
    rawPath,
    rawQueryString: new URLSearchParams(parts.query ?? {}).toString(),
    headers,
    ...(parts.query ? { queryStringParameters: parts.query } : {}),
    ...(parts.pathParameters ? { pathParameters: parts.pathParameters } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.ap-northeast-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: {
        method: route.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: 'vitest',
      },
      requestId: parts.requestId ?? 'req-test-0001',
      routeKey: routeKey(route),
      stage: '$default',
      time: '22/Nov/2026:15:30:00 +0000',
      timeEpoch: Date.UTC(2026, 10, 22, 15, 30),
    },
    ...(parts.body !== undefined ? { body: parts.body } : {}),
    isBase64Encoded: parts.isBase64Encoded ?? false,
  };
};

export const lambdaContext = (functionName = 'kikan-test'): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:ap-northeast-1:123456789012:function:${functionName}`,
  memoryLimitInMB: '512',
  awsRequestId: 'lambda-request-0001',
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: '2026/11/22/[$LATEST]0001',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});
