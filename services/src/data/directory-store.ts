import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { Office, Tenant, User, keys, type Role, type TenantContext } from '@kikan/shared';
import type { z } from 'zod';
import { db, tableName, type ClientRegistry } from './client.ts';

/** Tenants, offices and users: the directory every context reads. */

export const tenantItem = (tenant: z.infer<typeof Tenant>) => ({
  ...keys.tenant(tenant.tenantId),
  entity: 'tenant',
  ...tenant,
});
export const officeItem = (tenantId: string, office: z.infer<typeof Office>) => ({
  ...keys.office(tenantId, office.officeId),
  entity: 'office',
  tenantId,
  ...office,
});
export const userItem = (user: z.infer<typeof User>) => ({
  ...keys.user(user.tenantId, user.userId),
  entity: 'user',
  ...user,
});

const strip = <T extends Record<string, unknown>>(item: T) => {
  const { pk: _pk, sk: _sk, entity: _entity, tenantId: _tenantId, ...rest } = item;
  return rest;
};

export const listOffices = async (tenantId: string): Promise<Office[]> => {
  const { pk } = keys.offices(tenantId);
  const offices: Office[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ExclusiveStartKey: startKey,
      }),
    );
    offices.push(...(page.Items ?? []).map((item) => Office.parse(strip(item))));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return offices;
};

/** The tenant profile with its member municipalities (the split of every figure). */
export const getTenant = async (tenantId: string): Promise<Tenant | null> => {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.tenant(tenantId) }));
  return Item ? Tenant.parse({ tenantId, ...strip(Item) }) : null;
};

/** A removed user is no longer on the staff: gone for every lookup but the audit log's names. */
const isActive = (user: User): boolean => user.status !== 'removed';

export const getOffice = async (tenantId: string, officeId: string): Promise<Office | null> => {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.office(tenantId, officeId) }),
  );
  return Item ? Office.parse(strip(Item)) : null;
};

/** One GetItem of a user item on `client`; null if unknown or removed. */
const readUser = async (
  client: DynamoDBDocumentClient,
  table: string,
  tenantId: string,
  userId: string,
): Promise<User | null> => {
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: keys.user(tenantId, userId) }));
  return activeUserOf(Item);
};

/** The user as the directory holds them now; null if unknown or removed. */
export const getUser = (tenantId: string, userId: string): Promise<User | null> =>
  readUser(db(), tableName(), tenantId, userId);

/**
 * The user's entry for a sign-in (the Cognito pre-token trigger): outside an HTTP request, on the
 * client `registry` gives the signing-in user's tenant, from the table named by the trigger.
 */
export const getUserForSignIn = (
  registry: ClientRegistry,
  table: string,
  signIn: TenantContext,
): Promise<User | null> =>
  readUser(
    registry.forScope({ requestId: `sign-in-${signIn.userId}`, ctx: signIn }),
    table,
    signIn.tenantId,
    signIn.userId,
  );

/** A user item as the directory means it: null when absent or removed. */
export const activeUserOf = (item: Record<string, unknown> | undefined): User | null => {
  if (!item) return null;
  const { pk: _pk, sk: _sk, entity: _entity, ...user } = item;
  const parsed = User.parse(user);
  return isActive(parsed) ? parsed : null;
};

const toUser = (tenantId: string, attributes: Record<string, unknown> | undefined): User | null =>
  attributes ? User.parse({ tenantId, ...strip(attributes) }) : null;

/** Only an existing user who has not been removed may be changed. */
const ACTIVE_USER_CONDITION =
  'attribute_exists(pk) AND (attribute_not_exists(#status) OR #status <> :removed)';

const updateActiveUser = async (
  tenantId: string,
  userId: string,
  update: string,
  names: Record<string, string>,
  values: Record<string, unknown>,
): Promise<User | null> => {
  try {
    const { Attributes } = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.user(tenantId, userId),
        UpdateExpression: update,
        ConditionExpression: ACTIVE_USER_CONDITION,
        ExpressionAttributeNames: { '#status': 'status', ...names },
        ExpressionAttributeValues: { ':removed': 'removed', ...values },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toUser(tenantId, Attributes);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return null;
    throw error;
  }
};

/**
 * Moves a user to another office and/or role. `notBefore` becomes now, so every token issued
 * before the change is refused on its next request (SECURITY.md row 14). Null: no such active user.
 */
export const changeUserMembership = (
  tenantId: string,
  userId: string,
  change: { officeId: string; role: Role },
  now: Date,
): Promise<User | null> =>
  updateActiveUser(
    tenantId,
    userId,
    'SET #officeId = :officeId, #role = :role, #notBefore = :now',
    { '#officeId': 'officeId', '#role': 'role', '#notBefore': 'notBefore' },
    { ':officeId': change.officeId, ':role': change.role, ':now': now.toISOString() },
  );

/** Marks a user removed (the item stays for the audit log's names) and ends their sessions. */
export const removeUser = (tenantId: string, userId: string, now: Date): Promise<User | null> =>
  updateActiveUser(
    tenantId,
    userId,
    'SET #status = :removed, #notBefore = :now',
    { '#notBefore': 'notBefore' },
    { ':now': now.toISOString() },
  );

/** The caller's tenant, office and user records in one round trip. */
export const getDirectoryEntries = async (tenantId: string, officeId: string, userId: string) => {
  const table = tableName();
  const wanted = [keys.tenant(tenantId), keys.office(tenantId, officeId), keys.user(tenantId, userId)];
  const { Responses } = await db().send(new BatchGetCommand({ RequestItems: { [table]: { Keys: wanted } } }));
  const items = Responses?.[table] ?? [];
  const find = (key: { pk: string; sk: string }) =>
    items.find((item) => item.pk === key.pk && item.sk === key.sk);
  const [tenantItem, officeItem, userItem] = wanted.map(find);
  return {
    tenant: tenantItem ? Tenant.parse({ tenantId, ...strip(tenantItem) }) : null,
    office: officeItem ? Office.parse(strip(officeItem)) : null,
    user: userItem ? ([User.parse({ tenantId, ...strip(userItem) })].find(isActive) ?? null) : null,
  };
};

/**
 * Every user of a tenant: one partition, tens to a few hundred staff, read page by page. Removed
 * users only when asked (the audit log names them).
 */
export const listUsers = async (
  tenantId: string,
  options: { includeRemoved?: boolean } = {},
): Promise<User[]> => {
  const { pk } = keys.user(tenantId, '');
  const users: User[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ExclusiveStartKey: startKey,
      }),
    );
    users.push(...(page.Items ?? []).map((item) => User.parse({ tenantId, ...strip(item) })));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return options.includeRemoved ? users : users.filter(isActive);
};
