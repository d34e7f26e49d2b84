import { createHash } from 'node:crypto';
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  Office,
  OfficeView,
  Tenant,
  TenantProfile,
  User,
  keys,
  type MemberMunicipality,
  type OfficeChange,
  type OfficeMembership,
  type Role,
  type TenantContext,
  type UserMembershipState,
} from '@kikan/shared';
import type { z } from 'zod';
import { ConflictError } from '../kernel/errors.ts';
import type { Idempotency } from '../kernel/idempotency.ts';
import type { StoredResponse } from './idempotency.ts';
import type { UserChangeEvent } from './audit.ts';
import { db, tableName, type ClientRegistry } from './client.ts';
import { queryAll } from './paging.ts';
import {
  OFFICE_NUMBER_HOLDER_ENTITY,
  USER_EMAIL_HOLDER_ENTITY,
  putNew,
  writeTransaction,
  type TransactItem,
  type WriteContext,
} from './transaction.ts';

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

/**
 * The one holder of a staff e-mail in the tenant (ADR 0033), keyed by the digest of the e-mail as
 * stored (trimmed, lower-case). It names the user once they exist; while their sign-in identity is
 * being made it holds only the instant it was claimed (`pendingSince`).
 */
export const emailDigest = (email: string): string =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

export const userEmailHolderItem = (
  tenantId: string,
  email: string,
  holder: { userId: string } | { pendingSince: string },
) => ({
  ...keys.userEmailHolder(tenantId, emailDigest(email)),
  entity: USER_EMAIL_HOLDER_ENTITY,
  ...holder,
});

/** A user's items as a seed writes them: the user and the holder of their e-mail. */
export const userItems = (user: z.infer<typeof User>) => [
  userItem(user),
  userEmailHolderItem(user.tenantId, user.email, { userId: user.userId }),
];

/** The item's own fields: keys, entity, tenant and version are the table's, not the record's. */
const strip = <T extends Record<string, unknown>>(item: T) => {
  const { pk: _pk, sk: _sk, entity: _entity, tenantId: _tenantId, version: _version, ...rest } = item;
  return rest;
};

/** Offices and tenant profiles written before ADR 0031 (seed, provisioning) have no version: 0. */
const versionOf = (item: Record<string, unknown>): number =>
  typeof item.version === 'number' ? item.version : 0;

const officeViewOf = (item: Record<string, unknown>): OfficeView =>
  OfficeView.parse({ ...strip(item), version: versionOf(item) });

export const listOffices = async (tenantId: string): Promise<OfficeView[]> => {
  const { pk } = keys.offices(tenantId);
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pk },
  });
  return items.map(officeViewOf);
};

/** The tenant profile with its member municipalities (the split of every figure). */
export const getTenant = async (tenantId: string): Promise<Tenant | null> => {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.tenant(tenantId) }));
  return Item ? Tenant.parse({ tenantId, ...strip(Item) }) : null;
};

/** The tenant profile at its version, read strongly: what a member is added to. */
export const getTenantProfile = async (tenantId: string): Promise<TenantProfile | null> => {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.tenant(tenantId), ConsistentRead: true }),
  );
  return Item ? TenantProfile.parse({ tenantId, ...strip(Item), version: versionOf(Item) }) : null;
};

/** The office at its version, read strongly: what an edit is checked against. */
export const getOfficeView = async (tenantId: string, officeId: string): Promise<OfficeView | null> => {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.office(tenantId, officeId), ConsistentRead: true }),
  );
  return Item ? officeViewOf(Item) : null;
};

/**
 * The one holder of a 事業所番号 in the tenant (ADR 0031): seeds write it with their offices, and
 * the transaction adding an office claims it under attribute_not_exists, so two offices with one
 * number cannot both be written, however close together.
 */
export const officeNumberHolderItem = (tenantId: string, officeNumber: string, officeId: string) => ({
  ...keys.officeNumberHolder(tenantId, officeNumber),
  entity: OFFICE_NUMBER_HOLDER_ENTITY,
  officeId,
});

/** An office's items as a seed writes them: the office and, if it has a number, its holder. */
export const officeItems = (tenantId: string, office: z.infer<typeof Office>) => [
  officeItem(tenantId, office),
  ...(office.officeNumber ? [officeNumberHolderItem(tenantId, office.officeNumber, office.officeId)] : []),
];

/**
 * The condition of a versioned directory item: at the version read, and an item never versioned
 * (0) only while it still has none. A refusal returns the item, so the 412 names its version.
 */
const atVersion = (expected: number) =>
  expected === 0
    ? {
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#version)',
        ExpressionAttributeValues: {},
      }
    : { ConditionExpression: '#version = :expected', ExpressionAttributeValues: { ':expected': expected } };

/**
 * Adds an office and claims its number in one transaction with its audit entry; a number already
 * held in the tenant cancels it all (OfficeNumberTakenError). With an Idempotency-Key, a retry gets
 * the first response back (returned) instead of a second office.
 */
export const createOffice = async (
  write: WriteContext,
  office: OfficeView,
  create: { idempotency: Idempotency | null; response: StoredResponse },
): Promise<StoredResponse | null> => {
  const tenantId = write.ctx.tenantId;
  const { version, ...fields } = office;
  const claim: TransactItem[] = office.officeNumber
    ? [
        {
          Put: {
            TableName: tableName(),
            Item: officeNumberHolderItem(tenantId, office.officeNumber, office.officeId),
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ]
    : [];
  return writeTransaction(
    write,
    [putNew({ ...officeItem(tenantId, fields), version }), ...claim],
    [{ action: 'create', recordType: 'office', recordId: office.officeId, recordOfficeId: office.officeId }],
    create,
  );
};

/** The office's name and operator at the version read, with its audit entry. */
export const updateOffice = async (
  write: WriteContext,
  before: OfficeView,
  change: OfficeChange,
): Promise<OfficeView> => {
  const condition = atVersion(before.version);
  const after = { ...before, ...change, version: before.version + 1 };
  await writeTransaction(
    write,
    [
      {
        Update: {
          TableName: tableName(),
          Key: keys.office(write.ctx.tenantId, before.officeId),
          UpdateExpression: 'SET #name = :name, #operator = :operator, #version = :next',
          ConditionExpression: condition.ConditionExpression,
          ExpressionAttributeNames: { '#name': 'name', '#operator': 'operator', '#version': 'version' },
          ExpressionAttributeValues: {
            ...condition.ExpressionAttributeValues,
            ':name': change.name,
            ':operator': change.operator,
            ':next': after.version,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    ],
    [{ action: 'update', recordType: 'office', recordId: before.officeId, recordOfficeId: before.officeId }],
  );
  return after;
};

/**
 * Appends a member municipality to the tenant profile at the version read, with its audit entry.
 * With an Idempotency-Key, a retry gets the first response back (returned).
 */
export const addMember = async (
  write: WriteContext,
  before: TenantProfile,
  member: MemberMunicipality,
  idempotency: Idempotency | null,
): Promise<{ profile: TenantProfile; replayed: StoredResponse | null }> => {
  const condition = atVersion(before.version);
  const after = { ...before, members: [...before.members, member], version: before.version + 1 };
  const replayed = await writeTransaction(
    write,
    [
      {
        Update: {
          TableName: tableName(),
          Key: keys.tenant(write.ctx.tenantId),
          UpdateExpression: 'SET #members = list_append(#members, :member), #version = :next',
          ConditionExpression: condition.ConditionExpression,
          ExpressionAttributeNames: { '#members': 'members', '#version': 'version' },
          ExpressionAttributeValues: {
            ...condition.ExpressionAttributeValues,
            ':member': [member],
            ':next': after.version,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    ],
    [{ action: 'create', recordType: 'member_municipality', recordId: member.code }],
    { idempotency, response: { status: 200, body: after } },
  );
  return { profile: after, replayed };
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
  consistent = false,
): Promise<User | null> => {
  const { Item } = await client.send(
    new GetCommand({ TableName: table, Key: keys.user(tenantId, userId), ConsistentRead: consistent }),
  );
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

/** A user's office, role and status as codes: what an admin change moves and the audit log keeps. */
export const membershipStateOf = (user: User): UserMembershipState => ({
  officeId: user.officeId,
  role: user.role,
  status: user.status ?? 'active',
  confirmsFigures: user.confirmsFigures === true,
  ...(user.otherMemberships?.length ? { otherMemberships: user.otherMemberships } : {}),
});

/**
 * The user item changed only while it is still as `before` was read — same offices and roles, not
 * removed — so the audit entry's "before" is exactly what the change replaced.
 */
const userUpdate = (
  tenantId: string,
  before: User,
  update: string,
  names: Record<string, string>,
  values: Record<string, unknown>,
): TransactItem => ({
  Update: {
    TableName: tableName(),
    Key: keys.user(tenantId, before.userId),
    UpdateExpression: update,
    ConditionExpression:
      'attribute_exists(pk) AND (attribute_not_exists(#status) OR #status <> :removed) AND ' +
      '#officeId = :beforeOfficeId AND #role = :beforeRole AND ' +
      (before.confirmsFigures
        ? '#confirmsFigures = :true'
        : '(attribute_not_exists(#confirmsFigures) OR #confirmsFigures = :false)') +
      (before.otherMemberships?.length
        ? ' AND #otherMemberships = :beforeOther'
        : ' AND (attribute_not_exists(#otherMemberships) OR size(#otherMemberships) = :zero)'),
    ExpressionAttributeNames: {
      '#status': 'status',
      '#officeId': 'officeId',
      '#role': 'role',
      '#confirmsFigures': 'confirmsFigures',
      '#otherMemberships': 'otherMemberships',
      ...names,
    },
    ExpressionAttributeValues: {
      ':removed': 'removed',
      ':beforeOfficeId': before.officeId,
      ':beforeRole': before.role,
      ...(before.confirmsFigures ? { ':true': true } : { ':false': false }),
      ...(before.otherMemberships?.length ? { ':beforeOther': before.otherMemberships } : { ':zero': 0 }),
      ...values,
    },
  },
});

/**
 * Writes the change and its audit entry in one transaction (SECURITY.md row 25): either both exist
 * or neither. Null when the user was removed (or vanished) since `before` was read; a user another
 * admin changed meanwhile is a 409, since the change was decided on what is no longer there.
 */
const writeUserChange = async (
  write: WriteContext,
  before: User,
  after: User,
  action: UserChangeEvent['action'],
  item: TransactItem,
): Promise<User | null> => {
  try {
    await writeTransaction(
      write,
      [item],
      [
        {
          action,
          recordType: 'user',
          recordId: before.userId,
          before: membershipStateOf(before),
          after: membershipStateOf(after),
        },
      ],
    );
    return after;
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const current = await readUser(db(), tableName(), write.ctx.tenantId, before.userId, true);
    if (!current) return null;
    throw new ConflictError('この職員は他の管理者によって変更されました。画面を読み込み直してください');
  }
};

/**
 * Moves `user` (as read) to another office and/or role. `notBefore` becomes now, so every token
 * issued before the change is refused on its next request (SECURITY.md row 14). Null: no such
 * active user any more.
 */
export const changeUserMembership = (
  write: WriteContext,
  user: User,
  change: { officeId: string; role: Role; confirmsFigures?: boolean | undefined },
): Promise<User | null> => {
  const notBefore = write.now.toISOString();
  // Named per membership: left out of a change, the designation ends.
  const confirmsFigures = change.confirmsFigures === true;
  return writeUserChange(
    write,
    user,
    { ...user, officeId: change.officeId, role: change.role, confirmsFigures, notBefore },
    'update',
    userUpdate(
      write.ctx.tenantId,
      user,
      'SET #officeId = :officeId, #role = :role, #confirmsFigures = :confirmsFigures, #notBefore = :now',
      { '#notBefore': 'notBefore' },
      {
        ':officeId': change.officeId,
        ':role': change.role,
        ':confirmsFigures': confirmsFigures,
        ':now': notBefore,
      },
    ),
  );
};

/**
 * Sets the offices `user` (as read) works for beyond the first (ADR 0033): a second membership
 * added, changed or removed. `notBefore` becomes now, so a removed membership's sessions end on
 * their next request, as for any change. Null: no such active user any more.
 */
export const setOtherMemberships = (
  write: WriteContext,
  user: User,
  otherMemberships: OfficeMembership[],
): Promise<User | null> => {
  const notBefore = write.now.toISOString();
  const { otherMemberships: _before, ...rest } = user;
  const after: User = { ...rest, ...(otherMemberships.length ? { otherMemberships } : {}), notBefore };
  return writeUserChange(
    write,
    user,
    after,
    'update',
    otherMemberships.length
      ? userUpdate(
          write.ctx.tenantId,
          user,
          'SET #otherMemberships = :other, #notBefore = :now',
          { '#notBefore': 'notBefore' },
          { ':other': otherMemberships, ':now': notBefore },
        )
      : userUpdate(
          write.ctx.tenantId,
          user,
          'REMOVE #otherMemberships SET #notBefore = :now',
          { '#notBefore': 'notBefore' },
          { ':now': notBefore },
        ),
  );
};

/** Marks `user` removed (the item stays for the audit log's names) and ends their sessions. */
export const removeUser = (write: WriteContext, user: User): Promise<User | null> => {
  const notBefore = write.now.toISOString();
  return writeUserChange(
    write,
    user,
    { ...user, status: 'removed', notBefore },
    'delete',
    userUpdate(
      write.ctx.tenantId,
      user,
      'SET #status = :removed, #notBefore = :now',
      { '#notBefore': 'notBefore' },
      { ':now': notBefore },
    ),
  );
};

/**
 * A pending claim older than this was left by a request that stopped between its steps (ADR 0033):
 * a new claim may take it over. Longer than any request may run (API Gateway stops at 29 s).
 */
export const STALE_EMAIL_CLAIM_MS = 15 * 60 * 1000;

/** What a claim of an e-mail holds until the user item is written, or the claim is released. */
export interface EmailClaim {
  tenantId: string;
  email: string;
  pendingSince: string;
}

/**
 * Step one of adding a staff member: claims the e-mail's holder before any sign-in identity exists,
 * so two admins adding one e-mail at once get one claim and one 409 (UserEmailTakenError). A held
 * e-mail (a user, removed ones too) or a fresh claim refuses; a stale claim is taken over.
 */
export const claimUserEmail = async (write: WriteContext, email: string): Promise<EmailClaim> => {
  const pendingSince = write.now.toISOString();
  const tenantId = write.ctx.tenantId;
  await writeTransaction(
    write,
    [
      {
        Put: {
          TableName: tableName(),
          Item: userEmailHolderItem(tenantId, email, { pendingSince }),
          ConditionExpression:
            'attribute_not_exists(pk) OR (attribute_not_exists(userId) AND pendingSince < :stale)',
          ExpressionAttributeValues: {
            ':stale': new Date(write.now.getTime() - STALE_EMAIL_CLAIM_MS).toISOString(),
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    ],
    [],
  );
  return { tenantId, email, pendingSince };
};

/** Gives a claim up (its identity could not be made): only while it is still this claim. */
export const releaseUserEmail = async (claim: EmailClaim): Promise<void> => {
  try {
    await db().send(
      new DeleteCommand({
        TableName: tableName(),
        Key: keys.userEmailHolder(claim.tenantId, emailDigest(claim.email)),
        ConditionExpression: 'pendingSince = :claimed',
        ExpressionAttributeValues: { ':claimed': claim.pendingSince },
      }),
    );
  } catch (error) {
    // Taken over meanwhile (a stale claim): the holder is someone else's now.
    if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
  }
};

/**
 * The last step of adding a staff member: the user item, the e-mail's holder naming them, and the
 * audit entry in one transaction, only while the claim is still this request's. With an
 * Idempotency-Key, a retry gets the first response back (returned).
 */
export const createUser = (
  write: WriteContext,
  user: User,
  claim: EmailClaim,
  create: { idempotency: Idempotency | null; response: StoredResponse },
): Promise<StoredResponse | null> =>
  writeTransaction(
    write,
    [
      putNew(userItem(user)),
      {
        Update: {
          TableName: tableName(),
          Key: keys.userEmailHolder(claim.tenantId, emailDigest(claim.email)),
          UpdateExpression: 'SET userId = :userId REMOVE pendingSince',
          ConditionExpression: 'pendingSince = :claimed',
          ExpressionAttributeValues: { ':userId': user.userId, ':claimed': claim.pendingSince },
        },
      },
    ],
    [
      {
        action: 'create',
        recordType: 'user',
        recordId: user.userId,
        after: membershipStateOf(user),
      },
    ],
    create,
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
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pk },
  });
  const users = items.map((item) => User.parse({ tenantId, ...strip(item) }));
  return options.includeRemoved ? users : users.filter(isActive);
};

/**
 * The user's own choice of the daily e-mail digest (ADR 0038): one attribute of their item, set
 * only while the user exists and is not removed. False when there is no such user.
 */
export const setDigestPreference = async (
  tenantId: string,
  userId: string,
  enabled: boolean,
): Promise<boolean> => {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.user(tenantId, userId),
        UpdateExpression: 'SET digestEnabled = :enabled',
        ConditionExpression:
          'attribute_exists(pk) AND (attribute_not_exists(#status) OR #status <> :removed)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':enabled': enabled, ':removed': 'removed' },
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
};
