import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@kikan/shared';
import { recipientHolderItem } from '../src/data/person-store.ts';
import { ENDPOINT_USAGE, runTenantTool, runAsScript, type Io } from './operator-cli.ts';
import { caseIndexEntries, getConsistently, keyString } from './tenant-reads.ts';

/**
 * `npm run tenant:backfill-recipient-holders -- <tenantId> [--dry-run] [--endpoint URL]`
 *
 * Since ADR 0025 a 受給者証番号 has one holder item per member municipality in a tenant, claimed in
 * the transaction that gives a person the number. Persons registered before have none, so their
 * number is not protected: another registration of it succeeds. This writes the missing holders of
 * one tenant. The persons are those its cases name (the tenant-wide case index, open and closed
 * cases), read by key; a merged record's tombstone holds no number.
 *
 * A number held by two persons of the tenant (same municipality, registered twice before the
 * change, or once before and once after it) is a conflict: both person ids are listed, no holder is
 * written for either, and the exit code says so — an office holding both merges them first
 * (「同一人物として統合」, POST /api/persons/{personId}/merge), then the backfill is run again. A holder
 * is put only while absent (attribute_not_exists), beside a check that the person is at the version
 * read: a number changed or claimed meanwhile makes that person read again (three tries).
 *
 * The output names person ids only, never a name or a number.
 *
 * Exit codes: 0 done, 1 a person changed on every try, 2 wrong usage, 3 conflicts to merge first.
 */

const USAGE = [
  'usage: TABLE_NAME=<TableName output> AWS_REGION=<region> npm run tenant:backfill-recipient-holders -- <tenantId> [options]',
  '  --dry-run            print what would change; nothing written',
  ENDPOINT_USAGE,
].join('\n');

const TRIES = 3;

export type HolderOutcome =
  | { outcome: 'unchanged' | 'written' | 'would_write' | 'changed_meanwhile'; personIds: [string] }
  /** Two or more persons hold one number of one municipality: listed, nothing written for them. */
  | { outcome: 'conflict'; personIds: string[] };

interface NumberedPerson {
  personId: string;
  municipalityCode: string;
  recipientNumber: string;
  version: number;
}

const numberedPersonOf = (item: Record<string, unknown> | undefined): NumberedPerson | null =>
  item?.entity === 'person' &&
  typeof item.personId === 'string' &&
  typeof item.municipalityCode === 'string' &&
  typeof item.recipientNumber === 'string' &&
  item.recipientNumber !== '' &&
  typeof item.version === 'number'
    ? {
        personId: item.personId,
        municipalityCode: item.municipalityCode,
        recipientNumber: item.recipientNumber,
        version: item.version,
      }
    : null;

const holderKey = (tenantId: string, person: NumberedPerson) =>
  keys.recipientNumberHolder(tenantId, person.municipalityCode, person.recipientNumber);

const readPersons = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  personIds: readonly string[],
): Promise<NumberedPerson[]> => {
  const items = await getConsistently(
    client,
    tableName,
    personIds.map((personId) => keys.person(tenantId, personId)),
  );
  return [...items.values()].flatMap((item) => numberedPersonOf(item) ?? []);
};

const holderOf = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  person: NumberedPerson,
): Promise<string | null> => {
  const key = holderKey(tenantId, person);
  const found = await getConsistently(client, tableName, [key]);
  const personId = found.get(keyString(key))?.personId;
  return typeof personId === 'string' ? personId : null;
};

/**
 * One person alone with their number: the holder put while absent, while the person is as read.
 * A holder naming someone else is a conflict of the two.
 */
export const backfillPersonHolder = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  personId: string,
  dryRun: boolean,
): Promise<HolderOutcome> => {
  for (let attempt = 0; attempt < TRIES; attempt += 1) {
    const [person] = await readPersons(client, tableName, tenantId, [personId]);
    if (!person) return { outcome: 'unchanged', personIds: [personId] };
    const holder = await holderOf(client, tableName, tenantId, person);
    if (holder === personId) return { outcome: 'unchanged', personIds: [personId] };
    if (holder !== null) return { outcome: 'conflict', personIds: [personId, holder].sort() };
    if (dryRun) return { outcome: 'would_write', personIds: [personId] };
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: tableName,
                Key: keys.person(tenantId, personId),
                ConditionExpression: 'version = :version',
                ExpressionAttributeValues: { ':version': person.version },
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: recipientHolderItem(
                  tenantId,
                  person.municipalityCode,
                  person.recipientNumber,
                  personId,
                ),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return { outcome: 'written', personIds: [personId] };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
    }
  }
  return { outcome: 'changed_meanwhile', personIds: [personId] };
};

export const backfillTenantHolders = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  dryRun = false,
): Promise<HolderOutcome[]> => {
  const personIds = [
    ...new Set((await caseIndexEntries(client, tableName, tenantId)).map((entry) => entry.personId)),
  ];
  const byNumber = new Map<string, string[]>();
  for (const person of await readPersons(client, tableName, tenantId, personIds)) {
    const number = keyString(holderKey(tenantId, person));
    byNumber.set(number, [...(byNumber.get(number) ?? []), person.personId]);
  }
  const outcomes: HolderOutcome[] = [];
  for (const holders of byNumber.values()) {
    const [only] = holders;
    if (only && holders.length === 1)
      outcomes.push(await backfillPersonHolder(client, tableName, tenantId, only, dryRun));
    else outcomes.push({ outcome: 'conflict', personIds: [...holders].sort() });
  }
  return outcomes;
};

export const run = (
  argv: readonly string[],
  env: Record<string, string | undefined>,
  io: Io,
): Promise<number> =>
  runTenantTool(argv, env, io, USAGE, async ({ options, tableName, client }) => {
    const outcomes = await backfillTenantHolders(client, tableName, options.tenantId, options.dryRun);
    for (const { outcome, personIds } of outcomes) {
      if (outcome === 'unchanged') continue;
      io.out(
        `  ${outcome.padEnd(17)} ${outcome === 'conflict' ? 'persons ' : 'person '}${personIds.join(', ')}`,
      );
    }
    const count = (outcome: HolderOutcome['outcome']) =>
      outcomes.filter((row) => row.outcome === outcome).length;
    io.out(
      `${options.tenantId}: ${count(options.dryRun ? 'would_write' : 'written')} holders ${options.dryRun ? 'to write' : 'written'}, ` +
        `${count('unchanged')} unchanged, ${count('conflict')} conflicts, ${count('changed_meanwhile')} changed on every try, table ${tableName}.`,
    );
    if (count('conflict')) {
      io.err(
        '✖ numbers held by more than one person: merge each pair listed (「同一人物として統合」) and run again; nothing was written for them',
      );
      return 3;
    }
    return count('changed_meanwhile') ? 1 : 0;
  });

runAsScript(import.meta.url, 'recipient holder backfill failed', run);
