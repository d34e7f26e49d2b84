import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured logger. What goes in: request id, route, status, latency, tenant and office ids
 * (not personal), error class names. What never goes in: bodies, names, tokens, query strings.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'kikan' });
