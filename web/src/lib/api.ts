import {
  ErrorResponse,
  OFFICE_HEADER,
  type FieldError,
  type LikelyDuplicate,
  type Role,
} from '@kikan/shared';
import type { RouteDefinition } from '@kikan/shared/contracts/route';
import type * as z from 'zod';

export const FORBIDDEN_MESSAGE = 'この操作を行う権限がありません';
export const NETWORK_ERROR_MESSAGE =
  'サーバーに接続できませんでした。ネットワークの接続を確認して、もう一度お試しください。';
export const UNEXPECTED_RESPONSE_MESSAGE =
  'サーバーから予期しない応答がありました。しばらくしてからもう一度お試しください。';
export const SESSION_EXPIRED_MESSAGE = 'ログインの有効期限が切れました。もう一度ログインしてください。';
export const VERSION_MISMATCH_MESSAGE =
  '他の人がこのケースを更新しました。最新の内容を読み込み直してください';

/** Anything with a zod-style `parse`: the response schemas from `@kikan/shared`. */
export interface ResponseSchema<T> {
  parse(data: unknown): T;
}

/** An answer from the API other than success, in the shape of `ErrorResponse`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: readonly FieldError[] = [],
    readonly requestId?: string,
    /** Cases of the caller's office that may be the same person (409 of a new case, ADR 0025). */
    readonly likelyDuplicates: readonly LikelyDuplicate[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The request never got an HTTP answer (offline, DNS, connection refused, CORS). */
export class NetworkError extends Error {
  constructor() {
    super(NETWORK_ERROR_MESSAGE);
    this.name = 'NetworkError';
  }
}

/** What to tell the user about a failed call. The server's messages are already Japanese. */
export const userMessageOf = (error: unknown): string => {
  if (error instanceof ApiError) return error.status === 403 ? FORBIDDEN_MESSAGE : error.message;
  if (error instanceof NetworkError) return error.message;
  return UNEXPECTED_RESPONSE_MESSAGE;
};

const ARRAY_INDEX = /^\d+$/;

/**
 * The form input a path points at: inputs are named by their dotted path in the request body
 * (`person.kana`). An error on one element of an array (`person.disabilityCategories.0`) belongs to the
 * input group of the array. Returns null for paths that are not a form input (`query.limit`, `body`).
 */
export const inputNameOfPath = (path: readonly PropertyKey[]): string | null => {
  const segments = path.map(String);
  while (segments.length > 0 && ARRAY_INDEX.test(segments[segments.length - 1] ?? '')) segments.pop();
  return segments.length > 0 ? segments.join('.') : null;
};

/** `body.person.kana` → `person.kana`; anything not in the body → null. */
export const inputNameOfServerField = (field: string): string | null =>
  field.startsWith('body.') ? inputNameOfPath(field.slice('body.'.length).split('.')) : null;

export interface FormErrors {
  /** The first message for each input, keyed by input name. */
  byInput: Record<string, string>;
  /** Messages that belong to no input (query, path, the body as a whole): shown in the summary only. */
  general: string[];
}

export const formErrorsOfServerFields = (fields: readonly FieldError[]): FormErrors => {
  const errors: FormErrors = { byInput: {}, general: [] };
  for (const { field, message } of fields) {
    const input = inputNameOfServerField(field);
    if (input === null) errors.general.push(message);
    else errors.byInput[input] ??= message;
  }
  return errors;
};

export interface ApiClientOptions {
  token: () => string | null;
  /** The office a part-timer acts for (ADR 0033), sent as the office header; null: their first. */
  office?: () => string | null;
  /** Called once per 401 that a renewal did not cure: the session ends and the login page explains why. */
  onUnauthorized: (message: string) => void;
  /**
   * A silent re-sign-in (ADR 0037): asked once when a request gets 401 (the access token expired),
   * resolves true when a new token is in place, and the request is sent again with it. Pages and
   * open forms never notice; only when it fails does the session end.
   */
  renew?: () => Promise<boolean>;
  fetch?: typeof fetch;
}

export interface WriteOptions {
  /** Creates are idempotent on the server; the same submission retried must send the same key. */
  idempotencyKey?: string;
  /**
   * The version of the record the edit started from (its ETag, `"7"`), sent as If-Match: the server
   * refuses the write with 412 when someone else changed the record in between.
   */
  version?: number;
}

/**
 * Whether a role may call a route at all: the route's contract lists who (deny by default), so a
 * page offers only what the API would accept. The API still decides on the record itself.
 */
export const mayCall = (role: Role, route: Pick<RouteDefinition, 'access'>): boolean =>
  route.access === 'public' || route.access.includes(role);

/** The ETag the server sends for a record of this version. */
export const entityTagOf = (version: number): string => `"${version}"`;

/** Someone else changed the record since it was read (412 Precondition Failed). */
export const isVersionMismatch = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 412;

const readJson = async (response: Response): Promise<unknown> => {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
};

/** The one way the portal calls `/api`: bearer token, JSON, the shared error shape, validated answers. */
export class ApiClient {
  readonly #options: ApiClientOptions;

  constructor(options: ApiClientOptions) {
    this.#options = options;
  }

  /**
   * Calls one route of `@kikan/shared/contracts/<context>`: the path is built from the route's
   * `{param}`s, the query and body are typed by its schemas, and the answer is checked with its
   * response schema, so a path or a schema cannot drift from what the server serves.
   */
  async call<R extends RouteDefinition>(
    route: R,
    ...[input, options]: CallArguments<R>
  ): Promise<ResponseOf<R>> {
    if (route.raw) throw new TypeError(`${route.method} ${route.path} answers a file: use download()`);
    const { params, query, body } = (input ?? {}) as RouteInput;
    const url = withQuery(pathOf(route, params), query);
    const headers: Record<string, string> = {};
    if (options?.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    if (options?.version !== undefined) headers['If-Match'] = entityTagOf(options.version);
    const init: RequestInit = { method: route.method, headers };
    if (route.method !== 'GET' && route.method !== 'DELETE') {
      // A write without a body schema (an approval, a confirmation) still sends an empty JSON object.
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body ?? {});
    }
    // The session routes' own 401 means "no session": nothing to renew, no session to end (ADR 0037).
    return this.#request(url, init, route.response as ResponseSchema<ResponseOf<R>>, !route.session);
  }

  /**
   * A file the API builds (a CSV or XLSX export: a `raw` route of the contracts). It needs the bearer
   * token like any call, so it cannot be a plain link: the portal fetches it and hands the Blob to
   * `saveBlob` (download.ts), so the token never leaves memory.
   */
  async download<R extends RouteDefinition>(
    route: R,
    ...[input]: CallArguments<R>
  ): Promise<{ blob: Blob; filename: string | null }> {
    if (!route.raw) throw new TypeError(`${route.method} ${route.path} answers JSON: use call()`);
    const { params, query } = (input ?? {}) as RouteInput;
    const response = await this.#sendRenewing(
      withQuery(pathOf(route, params), query),
      { method: route.method },
      '*/*',
    );
    if (!response.ok) throw await this.#failure(response, true);
    return {
      blob: await response.blob(),
      filename: filenameOfDisposition(response.headers.get('Content-Disposition')),
    };
  }

  async #send(url: string, init: RequestInit, accept: string): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('Accept', accept);
    const token = this.#options.token();
    if (token) headers.set('Authorization', `Bearer ${token}`);
    const office = this.#options.office?.();
    if (office) headers.set(OFFICE_HEADER, office);
    try {
      return await (this.#options.fetch ?? fetch)(url, { ...init, headers, cache: 'no-store' });
    } catch {
      throw new NetworkError();
    }
  }

  /** Sends; on a 401 asks once for a new access token and sends again with it. */
  async #sendRenewing(url: string, init: RequestInit, accept: string): Promise<Response> {
    const response = await this.#send(url, init, accept);
    if (response.status !== 401 || !this.#options.renew) return response;
    // A session the directory revoked (the user moved or removed) is over: a new token would carry
    // another membership than the page was built for, so the user signs in again instead.
    const refused = ErrorResponse.safeParse(await readJson(response.clone()));
    if (refused.success && refused.data.error.code === 'session_revoked') return response;
    // Refused at the door: nothing of the request ran, so sending it again is safe (creates carry
    // the same Idempotency-Key).
    return (await this.#options.renew()) ? this.#send(url, init, accept) : response;
  }

  async #failure(response: Response, endsSession: boolean): Promise<ApiError> {
    const error = toApiError(response.status, await readJson(response));
    if (response.status === 401 && endsSession) this.#options.onUnauthorized(error.message);
    return error;
  }

  async #request<T>(
    url: string,
    init: RequestInit,
    schema: ResponseSchema<T>,
    renewable: boolean,
  ): Promise<T> {
    const response = renewable
      ? await this.#sendRenewing(url, init, 'application/json')
      : await this.#send(url, init, 'application/json');
    if (!response.ok) throw await this.#failure(response, renewable);
    const json = await readJson(response);
    try {
      return schema.parse(json);
    } catch {
      throw new ApiError(response.status, 'invalid_response', UNEXPECTED_RESPONSE_MESSAGE);
    }
  }
}

/** The part of a call a route's schema types; a route without the schema takes nothing there. */
type PartOf<K extends string, S> = z.ZodType extends S
  ? { [P in K]?: undefined }
  : S extends z.ZodType
    ? undefined extends z.input<S>
      ? { [P in K]?: z.input<S> }
      : Record<never, never> extends z.input<S>
        ? { [P in K]?: z.input<S> }
        : { [P in K]: z.input<S> }
    : { [P in K]?: undefined };

/** What `api.call(route, input)` takes: the route's params (required when its path has any), query, body. */
export type InputOf<R extends RouteDefinition> =
  R extends RouteDefinition<infer TParams, infer TQuery, infer TBody>
    ? PartOf<'params', TParams> & PartOf<'query', TQuery> & PartOf<'body', TBody>
    : never;

/** What `api.call(route, …)` resolves to: the route's response as its schema parses it. */
export type ResponseOf<R extends RouteDefinition> =
  R extends RouteDefinition<z.ZodType, z.ZodType, z.ZodType, infer TResponse> ? z.output<TResponse> : never;

/** The input may be left out when nothing in it is required (`api.call(getMeRoute)`). */
type CallArguments<R extends RouteDefinition> =
  Record<never, never> extends InputOf<R>
    ? [input?: InputOf<R>, options?: WriteOptions]
    : [input: InputOf<R>, options?: WriteOptions];

interface RouteInput {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

/** `/api/cases/{caseId}` with `{ caseId: 'a/b' }` → `/api/cases/a%2Fb`; a missing param is a bug. */
export const pathOf = (
  route: Pick<RouteDefinition, 'method' | 'path'>,
  params: Record<string, unknown> = {},
): string =>
  route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null || value === '')
      throw new TypeError(`${route.method} ${route.path} needs the path parameter ${name}`);
    return encodeURIComponent(String(value));
  });

/** Query values as the URL carries them; undefined and empty values are left out. */
const withQuery = (path: string, query: Record<string, unknown> = {}): string => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  return search.size > 0 ? `${path}?${search}` : path;
};

/**
 * The file name a `Content-Disposition` header proposes: the RFC 6266 `filename*` (UTF-8, for
 * Japanese names) before the plain `filename`; null when there is none or it is unusable.
 */
export const filenameOfDisposition = (header: string | null): string | null => {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)?.[1];
  let name: string | undefined;
  if (extended) {
    try {
      name = decodeURIComponent(extended.trim());
    } catch {
      name = undefined;
    }
  }
  name ??=
    /filename\s*=\s*"([^"]*)"/i.exec(header)?.[1] ?? /filename\s*=\s*([^;]+)/i.exec(header)?.[1]?.trim();
  // A name is a name, not a path: the browser would refuse a directory part anyway.
  const base = name?.split(/[\\/]/).pop()?.trim();
  return base ? base : null;
};

const fallbackMessage = (status: number): string => {
  if (status === 401) return SESSION_EXPIRED_MESSAGE;
  if (status === 403) return FORBIDDEN_MESSAGE;
  if (status === 404) return '指定されたデータが見つかりません';
  return UNEXPECTED_RESPONSE_MESSAGE;
};

const toApiError = (status: number, json: unknown): ApiError => {
  const parsed = ErrorResponse.safeParse(json);
  if (!parsed.success) return new ApiError(status, 'unexpected_response', fallbackMessage(status));
  const { code, message, fields, requestId, likelyDuplicates } = parsed.data.error;
  return new ApiError(status, code, message, fields ?? [], requestId, likelyDuplicates ?? []);
};
