import { AsyncLocalStorage } from 'node:async_hooks';
import {
  DynamoDBClient,
  type DynamoDBClientConfig,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from '@aws-sdk/client-dynamodb';
import type { InitializeHandlerOptions, InitializeMiddleware } from '@smithy/types';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TenantContext } from '@kikan/shared';
import { ConfigurationError, config } from '../config.ts';
import { currentScope, type RequestScope } from './request-scope.ts';
import { NO_OFFICE, createSessionCache, stsAssumeRole, type AssumeRole } from './scoped-credentials.ts';

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const LOCAL_REGION = 'ap-northeast-1';
/**
 * Bounded waits: a database that does not answer becomes a 503 within the Lambda's 10 seconds
 * (3 attempts of at most 1 s to connect and 2 s to answer, plus backoff), never a hung request.
 */
const HTTP_TIMEOUTS = { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true };
const MAX_ATTEMPTS = 3;
const MARSHALLING = {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
};

/**
 * The commands that only read. Every other command (Put, Update, Delete, the batch and transaction
 * writes, anything added later) waits for the request's membership check: deny by default.
 */
export const READ_COMMANDS: ReadonlySet<string> = new Set([
  'GetItemCommand',
  'BatchGetItemCommand',
  'QueryCommand',
  'ScanCommand',
  'TransactGetItemsCommand',
]);

export interface ClientRegistryOptions {
  /** DynamoDB Local: static local credentials, and an unscoped client for seeding and scripts. */
  endpoint?: string;
  /** The tenant data role assumed per tenant+office (AWS). */
  roleArn?: string;
  /** STS, replaceable in tests. */
  assumeRole?: AssumeRole;
  now?: () => number;
  /** Tenant+office clients kept per process; the least recently used goes first. */
  maxClients?: number;
}

/** A middleware every DynamoDB client of the process carries (tests and the bench count requests). */
export interface ClientInstrument {
  middleware: InitializeMiddleware<ServiceInputTypes, ServiceOutputTypes>;
  options: InitializeHandlerOptions & { name: string };
}

export interface ClientRegistry {
  /** The client of the request `scope`, or the unscoped local client outside a tenant's request. */
  forScope(scope: RequestScope | undefined): DynamoDBDocumentClient;
  /** Adds `instrument` to every client built so far and every client built from now on. */
  instrument(instrument: ClientInstrument): void;
  readonly size: number;
}

export class NoTenantScopeError extends Error {
  constructor() {
    super('tenant data was requested outside a tenant request scope');
    this.name = 'NoTenantScopeError';
  }
}

/**
 * One DocumentClient per tenant+office key (and role), never shared across tenants: in AWS each
 * signs with its own AssumeRole session tagged with the tenant and office; locally the same path
 * runs with DynamoDB Local's static credentials. The clients share one HTTP handler (one pool of
 * connections), so a new tenant costs a session, not a TLS handshake.
 */
export const createClientRegistry = (options: ClientRegistryOptions): ClientRegistry => {
  const { endpoint, roleArn } = options;
  if (!endpoint && !roleArn) {
    throw new ConfigurationError('TENANT_DATA_ROLE_ARN is required when DynamoDB is not DynamoDB Local');
  }
  const maxClients = options.maxClients ?? 500;
  const sessions = roleArn
    ? createSessionCache({
        roleArn,
        assumeRole: options.assumeRole ?? stsAssumeRole(),
        ...(options.now ? { now: options.now } : {}),
      })
    : undefined;
  const clients = new Map<string, DynamoDBDocumentClient>();
  const instruments: ClientInstrument[] = [];
  let requestHandler: DynamoDBClientConfig['requestHandler'];
  let unscoped: DynamoDBDocumentClient | undefined;

  const build = (credentials: DynamoDBClientConfig['credentials']) => {
    const client = new DynamoDBClient({
      ...(endpoint ? { endpoint, region: LOCAL_REGION } : {}),
      credentials,
      maxAttempts: MAX_ATTEMPTS,
      requestHandler: requestHandler ?? HTTP_TIMEOUTS,
    });
    requestHandler ??= client.config.requestHandler;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const membership = currentScope()?.membership;
        if (membership && !READ_COMMANDS.has(context.commandName ?? '')) await membership;
        return next(args);
      },
      { step: 'initialize', name: 'kikanMembershipGate' },
    );
    for (const { middleware, options } of instruments) client.middlewareStack.add(middleware, options);
    return DynamoDBDocumentClient.from(client, MARSHALLING);
  };

  const forTenant = (ctx: TenantContext) => {
    const key = [roleArn ?? 'local', ctx.tenantId, ctx.officeId || NO_OFFICE].join('|');
    const existing = clients.get(key);
    if (existing) {
      // Most recently used last: eviction takes the first.
      clients.delete(key);
      clients.set(key, existing);
      return existing;
    }
    const client = build(sessions ? sessions.provider(key, ctx) : LOCAL_CREDENTIALS);
    clients.set(key, client);
    // Never destroy an evicted client: it shares the HTTP handler, and a request may still use it.
    if (clients.size > maxClients) clients.delete(clients.keys().next().value ?? key);
    return client;
  };

  return {
    forScope: (scope) => {
      if (scope?.ctx) return forTenant(scope.ctx);
      if (!endpoint) throw new NoTenantScopeError();
      return (unscoped ??= build(LOCAL_CREDENTIALS));
    },
    instrument: (instrument) => {
      instruments.push(instrument);
      for (const client of [...clients.values(), ...(unscoped ? [unscoped] : [])]) {
        client.middlewareStack.add(instrument.middleware, instrument.options);
      }
    },
    get size() {
      return clients.size;
    },
  };
};

let registry: ClientRegistry | undefined;
/**
 * The DocumentClient for the code running now: inside a request, the caller's tenant+office
 * client (created on first use, not at import, for cold starts); outside one (demo seeding,
 * scripts, store tests) an unscoped client, and only against DynamoDB Local. In AWS, tenant data
 * outside a request is an error, unless the work runs `onTable` with credentials of its own.
 */
const processRegistry = (): ClientRegistry => {
  if (!registry) {
    const { dynamoDbEndpoint, tenantDataRoleArn } = config();
    registry = createClientRegistry({
      ...(dynamoDbEndpoint ? { endpoint: dynamoDbEndpoint } : {}),
      ...(tenantDataRoleArn ? { roleArn: tenantDataRoleArn } : {}),
    });
  }
  return registry;
};

/** A table and the client that reaches it with one tenant's credentials. */
export interface TableHandle {
  client: DynamoDBDocumentClient;
  name: string;
}

const givenTable = new AsyncLocalStorage<TableHandle>();

/**
 * Runs `work` with `table` as the table every store reads and writes (`db()`, `tableName()`), for
 * every await inside it. For work outside an HTTP request that holds its own credentials: the
 * retention sweep, with one tenant's role at a time (ADR 0018).
 */
export const onTable = <T>(table: TableHandle, work: () => Promise<T>): Promise<T> =>
  givenTable.run(table, work);

export const db = (): DynamoDBDocumentClient =>
  givenTable.getStore()?.client ?? processRegistry().forScope(currentScope());

/**
 * Observes every DynamoDB command the process's handlers send, whichever tenant's client sends it:
 * the integration tests and `npm run bench` count requests and capacity with it.
 */
export const instrumentClients = (instrument: ClientInstrument): void =>
  processRegistry().instrument(instrument);

export const tableName = (): string => givenTable.getStore()?.name ?? config().tableName;
