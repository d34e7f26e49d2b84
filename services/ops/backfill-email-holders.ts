import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@kikan/shared';
import { STALE_EMAIL_CLAIM_MS, emailDigest, userEmailHolderItem } from '../src/data/directory-store.ts';
import { ENDPOINT_USAGE, runTenantTool, runAsScript, type Io } from './operator-cli.ts';
import { getConsistently, keyString, queryItems } from './tenant-reads.ts';

/**
 * `npm run tenant:backfill-email-holders -- <tenantId> [--dry-run] [--endpoint URL]`
 *
 * Since ADR 0033 a staff e-mail has one holder item in its tenant (keyed by the digest of the
 * e-mail, trimmed and lower-cased), written with the user; adding a staff member claims it first.
 * Users of tenants provisioned before have none, so adding another staff member with such a user's
 * e-mail is not refused. This writes the missing holders of one tenant: every user of its directory
 * partition, removed ones too (a removed user keeps their holder, so their e-mail stays taken).
 *
 * An e-mail (compared as its digest, so without case) of two users of the tenant is a conflict:
 * both user ids are listed, no holder is written for either, and the exit code says so. A holder is
 * put only while absent (attribute_not_exists), beside a check that the user item still carries the
 * e-mail read (user items have no version; the e-mail is all the holder depends on): a change
 * meanwhile makes that user read again (three tries).
 *
 * A pending claim (`pendingSince`, step one of POST /api/users) is treated as the create path
 * treats it: a fresh one is left alone (an addition of that e-mail is under way: run again later),
 * one older than STALE_EMAIL_CLAIM_MS was left by a request that stopped and is taken over.
 *
 * The output names user ids only, never an e-mail or a name.
 *
 * Exit codes: 0 done, 1 a user changed on every try (or their e-mail is being claimed), 2 wrong
 * usage, 3 conflicts to resolve first.
 */

const USAGE = [
  'usage: TABLE_NAME=<TableName output> AWS_REGION=<region> npm run tenant:backfill-email-holders -- <tenantId> [options]',
  '  --dry-run            print what would change; nothing written',
  ENDPOINT_USAGE,
].join('\n');

const TRIES = 3;

export type EmailHolderOutcome =
  | {
      outcome: 'unchanged' | 'written' | 'would_write' | 'changed_meanwhile' | 'claim_pending';
      userIds: [string];
    }
  /** Two or more users hold one e-mail: listed, nothing written for them. */
  | { outcome: 'conflict'; userIds: string[] };

interface DirectoryUser {
  userId: string;
  email: string;
}

const directoryUserOf = (item: Record<string, unknown> | undefined): DirectoryUser | null =>
  item?.entity === 'user' && typeof item.userId === 'string' && typeof item.email === 'string'
    ? { userId: item.userId, email: item.email }
    : null;

const holderKey = (tenantId: string, user: DirectoryUser) =>
  keys.userEmailHolder(tenantId, emailDigest(user.email));

/** Every user item of the tenant's directory partition, removed users too, read strongly. */
const listDirectoryUsers = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
): Promise<DirectoryUser[]> =>
  (
    await queryItems(client, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.user(tenantId, '').pk },
      ProjectionExpression: 'entity, userId, email',
      ConsistentRead: true,
    })
  ).flatMap((item) => directoryUserOf(item) ?? []);

type Holder = { userId: string } | { pendingSince: string } | null;

const holderOf = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  user: DirectoryUser,
): Promise<Holder> => {
  const key = holderKey(tenantId, user);
  const item = (await getConsistently(client, tableName, [key])).get(keyString(key));
  if (!item) return null;
  if (typeof item.userId === 'string') return { userId: item.userId };
  // A holder with neither is no valid claim; the create path takes over only a dated one.
  return { pendingSince: typeof item.pendingSince === 'string' ? item.pendingSince : '' };
};

const isStale = (pendingSince: string, now: Date): boolean =>
  pendingSince < new Date(now.getTime() - STALE_EMAIL_CLAIM_MS).toISOString();

/**
 * One user alone with their e-mail: the holder put while absent (or while it is still the stale
 * claim read), while the user item carries the e-mail read. A holder naming someone else is a
 * conflict of the two.
 */
export const backfillUserHolder = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  userId: string,
  dryRun: boolean,
  now: () => Date = () => new Date(),
): Promise<EmailHolderOutcome> => {
  for (let attempt = 0; attempt < TRIES; attempt += 1) {
    const userKey = keys.user(tenantId, userId);
    const user = directoryUserOf(
      (await getConsistently(client, tableName, [userKey])).get(keyString(userKey)),
    );
    if (!user) return { outcome: 'unchanged', userIds: [userId] };
    const holder = await holderOf(client, tableName, tenantId, user);
    if (holder && 'userId' in holder) {
      return holder.userId === userId
        ? { outcome: 'unchanged', userIds: [userId] }
        : { outcome: 'conflict', userIds: [userId, holder.userId].sort() };
    }
    if (holder && !isStale(holder.pendingSince, now()))
      return { outcome: 'claim_pending', userIds: [userId] };
    if (dryRun) return { outcome: 'would_write', userIds: [userId] };
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: tableName,
                Key: userKey,
                ConditionExpression: '#email = :email',
                ExpressionAttributeNames: { '#email': 'email' },
                ExpressionAttributeValues: { ':email': user.email },
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: userEmailHolderItem(tenantId, user.email, { userId }),
                ...(holder
                  ? {
                      ConditionExpression:
                        'attribute_not_exists(pk) OR (attribute_not_exists(userId) AND pendingSince = :claimed)',
                      ExpressionAttributeValues: { ':claimed': holder.pendingSince },
                    }
                  : { ConditionExpression: 'attribute_not_exists(pk)' }),
              },
            },
          ],
        }),
      );
      return { outcome: 'written', userIds: [userId] };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
    }
  }
  return { outcome: 'changed_meanwhile', userIds: [userId] };
};

export const backfillTenantEmailHolders = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  dryRun = false,
  now: () => Date = () => new Date(),
): Promise<EmailHolderOutcome[]> => {
  const byEmail = new Map<string, string[]>();
  for (const user of await listDirectoryUsers(client, tableName, tenantId)) {
    const digest = emailDigest(user.email);
    byEmail.set(digest, [...(byEmail.get(digest) ?? []), user.userId]);
  }
  const outcomes: EmailHolderOutcome[] = [];
  for (const holders of byEmail.values()) {
    const [only] = holders;
    if (only && holders.length === 1)
      outcomes.push(await backfillUserHolder(client, tableName, tenantId, only, dryRun, now));
    else outcomes.push({ outcome: 'conflict', userIds: [...holders].sort() });
  }
  return outcomes;
};

export const run = (
  argv: readonly string[],
  env: Record<string, string | undefined>,
  io: Io,
): Promise<number> =>
  runTenantTool(argv, env, io, USAGE, async ({ options, tableName, client }) => {
    const outcomes = await backfillTenantEmailHolders(client, tableName, options.tenantId, options.dryRun);
    for (const { outcome, userIds } of outcomes) {
      if (outcome === 'unchanged') continue;
      io.out(`  ${outcome.padEnd(17)} ${outcome === 'conflict' ? 'users ' : 'user '}${userIds.join(', ')}`);
    }
    const count = (outcome: EmailHolderOutcome['outcome']) =>
      outcomes.filter((row) => row.outcome === outcome).length;
    io.out(
      `${options.tenantId}: ${count(options.dryRun ? 'would_write' : 'written')} holders ${options.dryRun ? 'to write' : 'written'}, ` +
        `${count('unchanged')} unchanged, ${count('conflict')} conflicts, ${count('claim_pending')} being claimed, ` +
        `${count('changed_meanwhile')} changed on every try, table ${tableName}.`,
    );
    if (count('conflict')) {
      io.err(
        '✖ e-mails held by more than one user: nothing was written for them. In each group listed, the user whose ' +
          "sign-in identity has the e-mail (the Cognito user's sub) keeps it; correct the others' user items, then run again",
      );
      return 3;
    }
    if (count('claim_pending')) {
      io.err(
        `✖ a staff member with these users' e-mail is being added (POST /api/users): run again in ${STALE_EMAIL_CLAIM_MS / 60_000} minutes`,
      );
    }
    return count('changed_meanwhile') || count('claim_pending') ? 1 : 0;
  });

runAsScript(import.meta.url, 'e-mail holder backfill failed', run);
