import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TENANT_ID_PATTERN } from '@kikan/shared';
import { localClient } from '../local/table.ts';

/**
 * What the operator tools (`tenant:provision`, `tenant:recompute-due`, `tenant:backfill-ages`,
 * `tenant:backfill-recipient-holders`, `tenant:backfill-email-holders`) share: where they print,
 * their common options, the table client, and running as a script with exit codes.
 */

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const ENDPOINT_USAGE =
  '  --endpoint <url>     DynamoDB Local (e.g. http://localhost:8300) instead of AWS';

export interface CommonOptions {
  dryRun: boolean;
  endpoint?: string;
  /** The arguments that are not options, in order. */
  names: string[];
}

/**
 * `--dry-run`, `--endpoint <url>` (or `=url`), the flags a tool names and its positional arguments;
 * a string is the usage error to print.
 */
export const parseCommonArguments = <F extends string>(
  argv: readonly string[],
  flags: readonly F[] = [],
): (CommonOptions & { flags: Set<F> }) | string => {
  const names: string[] = [];
  const given = new Set<F>();
  let dryRun = false;
  let endpoint: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    if (argument === '--dry-run') dryRun = true;
    else if ((flags as readonly string[]).includes(argument)) given.add(argument as F);
    else if (argument === '--endpoint' || argument.startsWith('--endpoint=')) {
      endpoint = argument.includes('=') ? argument.slice('--endpoint='.length) : argv[++index];
      if (!endpoint || !/^https?:\/\//.test(endpoint)) return '--endpoint needs an http(s) URL';
    } else if (argument.startsWith('-')) return `unknown option ${argument}`;
    else names.push(argument);
  }
  return { names, dryRun, flags: given, ...(endpoint ? { endpoint } : {}) };
};

export interface TenantOptions {
  tenantId: string;
  dryRun: boolean;
  endpoint?: string;
}

/** The tools that work on one tenant: its id, `--dry-run` and `--endpoint`. */
export const parseTenantArguments = (argv: readonly string[]): TenantOptions | string => {
  const parsed = parseCommonArguments(argv);
  if (typeof parsed === 'string') return parsed;
  const [tenantId, ...rest] = parsed.names;
  if (!tenantId || rest.length || !TENANT_ID_PATTERN.test(tenantId)) return 'give exactly one tenantId';
  return { tenantId, dryRun: parsed.dryRun, ...(parsed.endpoint ? { endpoint: parsed.endpoint } : {}) };
};

export const documentClient = (endpoint: string | undefined): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(
    // The default credential chain (environment, profile, SSO…) in AWS; static keys for DynamoDB Local.
    endpoint ? localClient(endpoint) : new DynamoDBClient({ maxAttempts: 5 }),
    { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } },
  );

/**
 * The start every one-tenant tool shares: its arguments, the table (TABLE_NAME, the stack's
 * TableName output), and a client closed whatever happens. Wrong usage is exit code 2, with the
 * tool's usage; otherwise the tool's own work decides the code.
 */
export const runTenantTool = async (
  argv: readonly string[],
  env: Record<string, string | undefined>,
  io: Io,
  usage: string,
  work: (tool: {
    options: TenantOptions;
    tableName: string;
    client: DynamoDBDocumentClient;
  }) => Promise<number>,
): Promise<number> => {
  const options = parseTenantArguments(argv);
  if (typeof options === 'string') {
    io.err(`✖ ${options}\n${usage}`);
    return 2;
  }
  const tableName = env.TABLE_NAME;
  if (!tableName) {
    io.err(`✖ TABLE_NAME is not set (the stack's TableName output)\n${usage}`);
    return 2;
  }
  const client = documentClient(options.endpoint);
  try {
    return await work({ options, tableName, client });
  } finally {
    client.destroy();
  }
};

/** Runs `run` when the module is the script node was started with; its number is the exit code. */
export const runAsScript = (
  moduleUrl: string,
  failure: string,
  run: (argv: readonly string[], env: Record<string, string | undefined>, io: Io) => Promise<number>,
): void => {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(resolve(process.argv[1])).href) return;
  const io: Io = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
  run(process.argv.slice(2), process.env, io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      io.err(`✖ ${failure}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
      process.exitCode = 1;
    },
  );
};
