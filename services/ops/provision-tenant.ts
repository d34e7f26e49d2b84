import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  ENDPOINT_USAGE,
  documentClient,
  parseCommonArguments,
  runAsScript,
  type Io,
} from './operator-cli.ts';
import {
  cognitoCreateUserCommand,
  cognitoSubCommand,
  formatProblems,
  missingUserIds,
  parseTenantFile,
  planItems,
  provisionItems,
  type TenantFile,
} from './tenant-provisioning.ts';

/**
 * `npm run tenant:provision -- tenant.json [--dry-run] [--cognito-commands] [--endpoint URL]`
 *
 * Onboards a tenant in a deployed table, run by an operator whose AWS credentials may write it
 * (never by a Lambda function). The order, because a user's userId must be their Cognito `sub`,
 * which Cognito makes up when the user is created:
 *   1. write the file without userIds and run it with `--cognito-commands`: it prints one
 *      `aws cognito-idp admin-create-user` line per user (with the immutable custom:tenant,
 *      custom:office and custom:role), each printing the new user's sub;
 *   2. put each sub into the file as that user's userId;
 *   3. run it with `--dry-run`, then without: the items are written, each only if absent.
 * A Cognito user whose directory item does not exist yet is refused by the API (401), so the
 * order never opens a gap; the reverse order cannot work, a sub cannot be chosen.
 *
 * Exit codes: 0 done, 1 the file was refused (nothing written), 2 wrong usage.
 */

const USAGE = [
  'usage: TABLE_NAME=<TableName output> AWS_REGION=<region> npm run tenant:provision -- <tenant.json> [options]',
  '  --dry-run            validate and print what would be written; no AWS call',
  '  --cognito-commands   validate and print the admin-create-user commands (userIds may be missing)',
  ENDPOINT_USAGE,
].join('\n');

interface Options {
  file: string;
  dryRun: boolean;
  cognitoOnly: boolean;
  endpoint?: string;
}

const parseArguments = (argv: readonly string[]): Options | string => {
  const parsed = parseCommonArguments(argv, ['--cognito-commands']);
  if (typeof parsed === 'string') return parsed;
  const [file, ...rest] = parsed.names;
  if (!file || rest.length) return 'give exactly one tenant file';
  return {
    file,
    dryRun: parsed.dryRun,
    cognitoOnly: parsed.flags.has('--cognito-commands'),
    ...(parsed.endpoint ? { endpoint: parsed.endpoint } : {}),
  };
};

const readJson = async (file: string): Promise<unknown> => JSON.parse(await readFile(file, 'utf8'));

const printCognito = (file: TenantFile, io: Io) => {
  io.out("Cognito users (USER_POOL_ID = the UserPoolId output; each command prints the user's sub):");
  for (const user of file.users) io.out(`  ${cognitoCreateUserCommand(file.tenant.tenantId, user)}`);
};

export const run = async (
  argv: readonly string[],
  env: Record<string, string | undefined>,
  io: Io,
): Promise<number> => {
  const options = parseArguments(argv);
  if (typeof options === 'string') {
    io.err(`✖ ${options}\n${USAGE}`);
    return 2;
  }
  let input: unknown;
  try {
    input = await readJson(resolve(options.file));
  } catch (error) {
    io.err(`✖ cannot read ${options.file}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const parsed = parseTenantFile(input);
  if (!parsed.ok) {
    io.err(`✖ ${options.file} refused, nothing written:\n${formatProblems(parsed.problems)}`);
    return 1;
  }
  const { file } = parsed;
  if (options.cognitoOnly) {
    printCognito(file, io);
    io.out('Then put each sub into the file as the user\'s "userId" and run without --cognito-commands.');
    return 0;
  }
  const missing = missingUserIds(file);
  if (missing.length) {
    io.err(`✖ ${options.file} refused, nothing written:\n${formatProblems(missing)}`);
    return 1;
  }
  const plan = planItems(file);
  const tableName = env.TABLE_NAME;
  if (options.dryRun) {
    io.out(
      `Dry run: ${plan.length} items for table ${tableName ?? '(TABLE_NAME not set)'}, each put only if absent:`,
    );
    for (const { label, item } of plan) io.out(`  ${label}  [${item.pk} / ${item.sk}]`);
    return 0;
  }
  if (!tableName) {
    io.err(`✖ TABLE_NAME is not set (the stack's TableName output)\n${USAGE}`);
    return 2;
  }
  const client = documentClient(options.endpoint);
  try {
    const outcomes = await provisionItems(client, tableName, plan);
    for (const { planned, outcome, differs } of outcomes) {
      const note = differs.length ? ` (stored item differs in: ${differs.join(', ')}; left as it is)` : '';
      io.out(`  ${outcome === 'created' ? 'created        ' : 'already present'}  ${planned.label}${note}`);
    }
    const created = outcomes.filter(({ outcome }) => outcome === 'created').length;
    io.out(`${created} created, ${outcomes.length - created} already present, table ${tableName}.`);
  } finally {
    client.destroy();
  }
  printCognito(file, io);
  io.out('A user created before (the recommended order) answers UsernameExistsException; check that');
  io.out('their sub equals their userId, or the API answers them 401:');
  for (const user of file.users) io.out(`  ${cognitoSubCommand(user)}   # expect ${user.userId ?? ''}`);
  return 0;
};

runAsScript(import.meta.url, 'provisioning failed', run);
