import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { Office, Tenant, User, keys } from '@kikan/shared';
import type { z } from 'zod';
import { db, tableName } from './client.ts';

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

export const getUser = async (tenantId: string, userId: string): Promise<User | null> => {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.user(tenantId, userId) }),
  );
  if (!Item) return null;
  const { pk: _pk, sk: _sk, entity: _entity, ...user } = Item;
  return User.parse(user);
};

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
    user: userItem ? User.parse({ tenantId, ...strip(userItem) }) : null,
  };
};

/** Every user of a tenant: one partition, tens to a few hundred staff, read page by page. */
export const listUsers = async (tenantId: string): Promise<User[]> => {
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
  return users;
};
