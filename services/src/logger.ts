import { Logger } from '@aws-lambda-powertools/logger';
import { currentScope } from './data/request-scope.ts';

/**
 * One structured logger. What goes in: request id, route, status, latency, tenant and office ids
 * (not personal), error class names. What never goes in: bodies, names, tokens, query strings.
 *
 * The request's keys come from the request scope at each call, never from `appendKeys`: the
 * Powertools logger is one object per process, and the local gateway (like any future in-process
 * concurrency) runs several requests through it at once, so appended keys would leak from one
 * request's lines into another's.
 */
const base = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'kikan' });

type Extra = Record<string, unknown>;

/** The keys of the request whose code is logging: its id, and once verified, the caller's tenant. */
export const requestKeys = (): Extra => {
  const scope = currentScope();
  if (!scope) return {};
  const { ctx } = scope;
  return {
    requestId: scope.requestId,
    ...(ctx ? { tenantId: ctx.tenantId, officeId: ctx.officeId, role: ctx.role } : {}),
  };
};

export const logger = {
  debug: (message: string, extra: Extra = {}) => base.debug(message, { ...requestKeys(), ...extra }),
  info: (message: string, extra: Extra = {}) => base.info(message, { ...requestKeys(), ...extra }),
  warn: (message: string, extra: Extra = {}) => base.warn(message, { ...requestKeys(), ...extra }),
  error: (message: string, extra: Extra = {}) => base.error(message, { ...requestKeys(), ...extra }),
};
