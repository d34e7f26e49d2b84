import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { Supervision, keys } from '@kikan/shared';
import { db, tableName } from './client.ts';
import { queryPage, type Page } from './paging.ts';
import type { DerivedWrites } from './ledger-store.ts';
import {
  putIfVersion,
  putNew,
  writeTransaction,
  type IdempotentCreate,
  type TransactItem,
  type WriteContext,
} from './transaction.ts';

/**
 * A supervision record lives in its own partition; the tenant's list and each supervised
 * specialist's list hold a pointer (`<heldOn>#<id>`), so "mine" and "all" are one Query each and a
 * change to the record (a follow-up done) is written once.
 */

export const supervisionItem = (tenantId: string, supervision: Supervision) => ({
  ...keys.supervision(tenantId, supervision.supervisionId),
  entity: 'supervision',
  tenantId,
  ...supervision,
});

const pointer = (key: { pk: string; sk: string }, supervision: Supervision) => ({
  ...key,
  entity: 'supervision_pointer',
  supervisionId: supervision.supervisionId,
  heldOn: supervision.heldOn,
});

export const supervisionPointerItems = (tenantId: string, supervision: Supervision) => [
  pointer(keys.supervisionByTenant(tenantId, supervision.heldOn, supervision.supervisionId), supervision),
  ...supervision.specialistUserIds.map((userId) =>
    pointer(
      keys.supervisionBySpecialist(tenantId, userId, supervision.heldOn, supervision.supervisionId),
      supervision,
    ),
  ),
];

const withoutKeys = (item: Record<string, unknown>) => {
  const { pk: _pk, sk: _sk, entity: _entity, tenantId: _tenantId, ...rest } = item;
  return rest;
};

/** With the ledger event the supervision produces, if any (ADR 0027), in the same transaction. */
export const createSupervision = ({
  write,
  supervision,
  create,
  derived,
}: {
  write: WriteContext;
  supervision: Supervision;
  create: IdempotentCreate;
  derived: DerivedWrites;
}) => {
  const tenantId = write.ctx.tenantId;
  return writeTransaction(
    write,
    [
      putNew(supervisionItem(tenantId, supervision)),
      ...supervisionPointerItems(tenantId, supervision).map(putNew),
      ...derived.items,
    ],
    [
      {
        action: 'create',
        recordType: 'supervision',
        recordId: supervision.supervisionId,
        recordOfficeId: write.ctx.officeId,
      },
      ...derived.audits,
    ],
    create,
  );
};

/** Written only at the version the caller read (412 with the current ETag otherwise). */
export const saveSupervision = ({
  write,
  supervision,
  expectedVersion,
  create,
}: {
  write: WriteContext;
  supervision: Supervision;
  expectedVersion: number;
  create: IdempotentCreate;
}) =>
  writeTransaction(
    write,
    [putIfVersion(supervisionItem(write.ctx.tenantId, supervision), expectedVersion)],
    [
      {
        action: 'update',
        recordType: 'supervision',
        recordId: supervision.supervisionId,
        recordOfficeId: write.ctx.officeId,
      },
    ],
    create,
  );

const keyString = ({ pk, sk }: { pk: string; sk: string }) => `${pk}\n${sk}`;

/**
 * A correction as writes: the record at the version read, and its pointers moved when its date or
 * its specialists changed (a kept pointer is only put: one operation per item and transaction).
 */
export const supervisionCorrection = (
  tenantId: string,
  before: Supervision,
  after: Supervision,
): TransactItem[] => {
  const next = supervisionPointerItems(tenantId, after);
  const kept = new Set(next.map(keyString));
  const gone = supervisionPointerItems(tenantId, before).filter((item) => !kept.has(keyString(item)));
  return [
    putIfVersion(supervisionItem(tenantId, after), before.version),
    ...next.map((item) => ({ Put: { TableName: tableName(), Item: item } })),
    ...gone.map(({ pk, sk }) => ({ Delete: { TableName: tableName(), Key: { pk, sk } } })),
  ];
};

/** The correction and the ledger event following it (ADR 0027), in one transaction. */
export const correctSupervision = async ({
  write,
  items,
  supervisionId,
  derived,
}: {
  write: WriteContext;
  items: TransactItem[];
  supervisionId: string;
  derived: DerivedWrites;
}): Promise<void> => {
  await writeTransaction(
    write,
    [...items, ...derived.items],
    [
      {
        action: 'update',
        recordType: 'supervision',
        recordId: supervisionId,
        recordOfficeId: write.ctx.officeId,
      },
      ...derived.audits,
    ],
  );
};

export const getSupervision = async (
  tenantId: string,
  supervisionId: string,
): Promise<Supervision | null> => {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.supervision(tenantId, supervisionId),
      ConsistentRead: true,
    }),
  );
  return Item ? Supervision.parse(withoutKeys(Item)) : null;
};

const getSupervisionsByIds = async (tenantId: string, ids: string[]): Promise<Map<string, Supervision>> => {
  const found = new Map<string, Supervision>();
  if (!ids.length) return found;
  let pending: Record<string, unknown>[] = ids.map((id) => ({ ...keys.supervision(tenantId, id) }));
  for (let attempt = 0; pending.length; attempt += 1) {
    if (attempt > 5) throw new Error('BatchGet kept unprocessed keys');
    const result = await db().send(
      new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending } } }),
    );
    for (const item of result.Responses?.[tableName()] ?? []) {
      const supervision = Supervision.parse(withoutKeys(item));
      found.set(supervision.supervisionId, supervision);
    }
    pending = result.UnprocessedKeys?.[tableName()]?.Keys ?? [];
    if (pending.length) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
  }
  return found;
};

/** Newest first: the tenant's supervisions, or those about one specialist. */
export const listSupervisions = async (
  tenantId: string,
  specialistUserId: string | undefined,
  limit: number,
  cursor: string | undefined,
): Promise<Page<Supervision>> => {
  const { pk } = specialistUserId
    ? keys.supervisionBySpecialist(tenantId, specialistUserId)
    : keys.supervisionByTenant(tenantId);
  const { items: ids, nextCursor } = await queryPage(
    {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ScanIndexForward: false,
      Limit: limit,
    },
    { cursor, partition: { pk } },
    (item) => String(item.supervisionId),
  );
  const records = await getSupervisionsByIds(tenantId, ids);
  return { items: ids.flatMap((id) => records.get(id) ?? []), nextCursor };
};
