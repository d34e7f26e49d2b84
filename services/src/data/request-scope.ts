import { AsyncLocalStorage } from 'node:async_hooks';
import type { TenantContext } from '@kikan/shared';

/**
 * What one HTTP request carries through every await, without threading it through each store:
 * the verified caller (which tenant's credentials `db()` uses), the request id (for the log) and
 * the check of the caller's directory entry that every write of the request waits for.
 *
 * The local gateway serves concurrent requests through one process and Lambda reuses warm
 * containers, so nothing of a request may live in a module variable: it lives here, per request.
 */
export interface RequestScope {
  requestId: string;
  /** The verified caller; null on public routes (which never touch tenant data). */
  ctx: TenantContext | null;
  /**
   * Settles when the caller's directory entry has been checked: resolves if the session still
   * stands, rejects (session revoked) if not. Reads run beside it; writes wait for it.
   */
  membership?: Promise<void>;
  /** Reads a request makes once however many of its steps need them (requestOnce). */
  once?: Map<string, Promise<unknown>>;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `work` with `scope` as the current request's scope, for every await inside it. */
export const runInRequestScope = <T>(scope: RequestScope, work: () => Promise<T>): Promise<T> =>
  storage.run(scope, work);

/** The scope of the request whose code is running, or undefined outside any request. */
export const currentScope = (): RequestScope | undefined => storage.getStore();

/**
 * `load` once per request and key: a second step of the same request (an export reading three
 * years' figures) gets the first read's promise. Outside a request it simply loads.
 */
export const requestOnce = <T>(key: string, load: () => Promise<T>): Promise<T> => {
  const scope = currentScope();
  if (!scope) return load();
  scope.once ??= new Map();
  const known = scope.once.get(key) as Promise<T> | undefined;
  if (known) return known;
  const loading = load();
  scope.once.set(key, loading);
  return loading;
};
