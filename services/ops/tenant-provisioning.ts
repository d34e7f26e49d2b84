import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { Office, Tenant, User, UserId, type ItemKey } from '@kikan/shared';
import * as z from 'zod';
import { TENANT_CLAIMS } from '../src/cognito/pre-token-generation.ts';
import {
  officeItem,
  officeNumberHolderItem,
  tenantItem,
  userEmailHolderItem,
  userItem,
} from '../src/data/directory-store.ts';
import { seededPlanPeriodItems } from '../src/data/plan-period-store.ts';
import { tenantRegistryItem } from '../src/data/retention-store.ts';

/**
 * Onboarding a tenant in a deployed table: the tenant profile, its offices, its staff and its
 * registry entry, the same items the demo seed writes (the same item builders), from a JSON file
 * an operator keeps. Pure parts (validation, plan, Cognito commands) are separate from the writes.
 */

// ── The input file ────────────────────────────────────────────────────────────

/**
 * A member of staff as the file lists them: the shared `User` without what the directory adds
 * later (status, notBefore) and without the tenant (the file's). `userId` is the user's Cognito
 * `sub`; it may be missing only while the Cognito users are still to be created
 * (`--cognito-commands`), never when writing.
 */
export const StaffEntry = User.omit({ tenantId: true, status: true, notBefore: true }).extend({
  userId: UserId.optional(),
  senior: z.boolean().default(false),
});
export type StaffEntry = z.infer<typeof StaffEntry>;

export const TenantFile = z.strictObject({
  tenant: Tenant,
  offices: z.array(Office).min(1),
  users: z.array(StaffEntry).min(1),
});
export type TenantFile = z.infer<typeof TenantFile>;

/** One problem with the file, named by its path (`users.2.officeId`). */
export interface FileProblem {
  path: string;
  message: string;
}

export const formatProblems = (problems: readonly FileProblem[]): string =>
  problems.map((problem) => `  ${problem.path || '(file)'}: ${problem.message}`).join('\n');

const pathOf = (path: readonly PropertyKey[]): string => path.map(String).join('.');

const duplicates = <T>(values: readonly T[], keyOf: (value: T) => string | undefined) => {
  const seen = new Map<string, number>();
  const found: { index: number; first: number }[] = [];
  values.forEach((value, index) => {
    const key = keyOf(value);
    if (key === undefined) return;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else found.push({ index, first });
  });
  return found;
};

/**
 * What the schemas cannot see: references between the file's parts. Each user's office must be
 * one of the file's offices; each office's municipality one of the tenant's members (the ledger
 * counts an event for its office's municipality and accepts members only); ids and e-mail
 * addresses (the Cognito sign-in name, case-insensitive) are unique.
 *
 * No rule ties a role to an office type: the shared schemas and the access policy have none (a
 * core supervisor or a tenant admin may sit in any office; OFFICE_BOUND_ROLES only limits case
 * access to the user's own office), so none is invented here.
 */
export const referenceProblems = (file: TenantFile): FileProblem[] => {
  const problems: FileProblem[] = [];
  const officeIds = new Set(file.offices.map((office) => office.officeId));
  const memberCodes = new Set(file.tenant.members.map((member) => member.code));
  for (const { index, first } of duplicates(file.tenant.members, (member) => member.code)) {
    problems.push({ path: `tenant.members.${index}.code`, message: `same code as tenant.members.${first}` });
  }
  for (const { index, first } of duplicates(file.offices, (office) => office.officeId)) {
    problems.push({ path: `offices.${index}.officeId`, message: `same officeId as offices.${first}` });
  }
  file.offices.forEach((office, index) => {
    if (!memberCodes.has(office.municipalityCode)) {
      problems.push({
        path: `offices.${index}.municipalityCode`,
        message: `${office.municipalityCode} is not one of tenant.members`,
      });
    }
  });
  for (const { index, first } of duplicates(file.offices, (office) => office.officeNumber)) {
    problems.push({
      path: `offices.${index}.officeNumber`,
      message: `same officeNumber as offices.${first}`,
    });
  }
  for (const { index, first } of duplicates(file.users, (user) => user.userId)) {
    problems.push({ path: `users.${index}.userId`, message: `same userId as users.${first}` });
  }
  for (const { index, first } of duplicates(file.users, (user) => user.email.toLowerCase())) {
    problems.push({ path: `users.${index}.email`, message: `same email as users.${first}` });
  }
  file.users.forEach((user, index) => {
    if (!officeIds.has(user.officeId)) {
      problems.push({
        path: `users.${index}.officeId`,
        message: `office ${user.officeId} is not one of the file's offices`,
      });
    }
  });
  return problems;
};

export type ParsedFile = { ok: true; file: TenantFile } | { ok: false; problems: FileProblem[] };

/** The file checked against the shared schemas (strict: an unknown key is a problem), then its references. */
export const parseTenantFile = (input: unknown): ParsedFile => {
  const parsed = TenantFile.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        path: pathOf(
          issue.code === 'unrecognized_keys' && issue.keys.length
            ? [...issue.path, issue.keys.join(',')]
            : issue.path,
        ),
        message: issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message,
      })),
    };
  }
  const problems = referenceProblems(parsed.data);
  return problems.length ? { ok: false, problems } : { ok: true, file: parsed.data };
};

/** Writing needs every user's Cognito `sub` as their userId. */
export const missingUserIds = (file: TenantFile): FileProblem[] =>
  file.users.flatMap((user, index) =>
    user.userId
      ? []
      : [
          {
            path: `users.${index}.userId`,
            message: 'missing: create the Cognito user first and put its sub here (--cognito-commands)',
          },
        ],
  );

// ── The items ─────────────────────────────────────────────────────────────────

export type PlannedKind =
  | 'office'
  | 'office_number_holder'
  | 'user'
  | 'user_email_holder'
  | 'plan_period'
  | 'tenant'
  | 'tenant_registry';

export interface PlannedItem {
  kind: PlannedKind;
  /** What the operator reads: the entity's id, never a name or an e-mail address. */
  label: string;
  item: Record<string, unknown> & ItemKey;
}

/**
 * Every item the file stands for, built by the directory's own builders (as the demo seed does).
 * Offices first and the tenant profile and its registry entry last: should a large tenant need
 * more than one transaction, a tenant appears to /api/me only once its offices and staff exist.
 */
export const planItems = (file: TenantFile): PlannedItem[] => {
  const tenantId = file.tenant.tenantId;
  return [
    ...file.offices.flatMap((office) => [
      {
        kind: 'office' as const,
        label: `office ${office.officeId} (${office.type})`,
        item: officeItem(tenantId, office),
      },
      // The 事業所番号's one holder in the tenant (ADR 0031), as the demo seed writes it.
      ...(office.officeNumber
        ? [
            {
              kind: 'office_number_holder' as const,
              label: `事業所番号 holder of office ${office.officeId}`,
              item: officeNumberHolderItem(tenantId, office.officeNumber, office.officeId),
            },
          ]
        : []),
    ]),
    ...file.users.flatMap((user) => {
      if (!user.userId) throw new Error('planItems: every user needs a userId (see missingUserIds)');
      return [
        {
          kind: 'user' as const,
          label: `user ${user.userId} (${user.role} at ${user.officeId})`,
          item: userItem({ ...user, userId: user.userId, tenantId }),
        },
        // The e-mail's one holder in the tenant (ADR 0033), as the demo seed writes it.
        {
          kind: 'user_email_holder' as const,
          label: `e-mail holder of user ${user.userId}`,
          item: userEmailHolderItem(tenantId, user.email, { userId: user.userId }),
        },
      ];
    }),
    // The product's indicator definitions of each plan period, as the tenant's version 1 (ADR 0030).
    ...seededPlanPeriodItems(tenantId).map((item) => ({
      kind: 'plan_period' as const,
      label: `plan period ${String(item.periodId)} v${String(item.version)} (${String(item.entity)})`,
      item,
    })),
    { kind: 'tenant', label: `tenant ${tenantId} (${file.tenant.kind})`, item: tenantItem(file.tenant) },
    { kind: 'tenant_registry', label: `registry entry of ${tenantId}`, item: tenantRegistryItem(tenantId) },
  ];
};

// ── Writing ───────────────────────────────────────────────────────────────────

/** DynamoDB's limit of actions in one TransactWriteItems. */
export const TRANSACTION_LIMIT = 100;
/** DynamoDB's limit of keys in one BatchGetItem. */
const BATCH_GET_LIMIT = 100;

export interface ItemOutcome {
  planned: PlannedItem;
  outcome: 'created' | 'already_present';
  /** Top-level attributes whose stored value differs from the file's (already present items only). */
  differs: string[];
}

const keyOf = (key: ItemKey) => `${key.pk}\u0000${key.sk}`;

const chunks = <T>(values: readonly T[], size: number): T[][] => {
  const result: T[][] = [];
  for (let start = 0; start < values.length; start += size) result.push(values.slice(start, start + size));
  return result;
};

/** JSON with object keys sorted: a map read back from DynamoDB need not keep its key order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );

const differingAttributes = (stored: Record<string, unknown>, wanted: Record<string, unknown>): string[] =>
  [...new Set([...Object.keys(stored), ...Object.keys(wanted)])]
    .filter((name) => canonical(stored[name]) !== canonical(wanted[name]))
    .sort();

const readExisting = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: ItemKey[],
): Promise<Map<string, Record<string, unknown>>> => {
  const found = new Map<string, Record<string, unknown>>();
  for (const batch of chunks(keys, BATCH_GET_LIMIT)) {
    let pending: Record<string, unknown>[] = batch.map(({ pk, sk }) => ({ pk, sk }));
    for (let attempt = 0; pending.length; attempt += 1) {
      if (attempt > 8) throw new Error('DynamoDB kept returning unprocessed keys');
      const { Responses, UnprocessedKeys } = await client.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of Responses?.[tableName] ?? []) found.set(keyOf(item as ItemKey), item);
      pending = UnprocessedKeys?.[tableName]?.Keys ?? [];
      if (pending.length) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  }
  return found;
};

/**
 * Writes the items that are not in the table yet: each one a put conditional on its key being
 * free (`attribute_not_exists(pk)`), so a re-run never overwrites an item someone has edited since,
 * grouped in transactions of at most 100. An item that appears between the read and the write
 * cancels its transaction; it is then reported as present and the rest of that group is retried.
 */
export const provisionItems = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  plan: readonly PlannedItem[],
): Promise<ItemOutcome[]> => {
  const existing = await readExisting(
    client,
    tableName,
    plan.map(({ item }) => ({ pk: item.pk, sk: item.sk })),
  );
  const outcomes = new Map<PlannedItem, ItemOutcome>();
  const present = (planned: PlannedItem, stored: Record<string, unknown> | undefined) =>
    outcomes.set(planned, {
      planned,
      outcome: 'already_present',
      differs: stored ? differingAttributes(stored, planned.item) : [],
    });
  const toWrite: PlannedItem[] = [];
  for (const planned of plan) {
    const stored = existing.get(keyOf(planned.item));
    if (stored) present(planned, stored);
    else toWrite.push(planned);
  }
  for (const group of chunks(toWrite, TRANSACTION_LIMIT)) {
    let pending = group;
    while (pending.length) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: pending.map(({ item }) => ({
              Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
            })),
          }),
        );
        for (const planned of pending) outcomes.set(planned, { planned, outcome: 'created', differs: [] });
        pending = [];
      } catch (error) {
        const reasons = error instanceof TransactionCanceledException ? error.CancellationReasons : undefined;
        const taken = new Set(
          pending.filter((_, index) => reasons?.[index]?.Code === 'ConditionalCheckFailed'),
        );
        if (!taken.size) throw error;
        const stored = await readExisting(
          client,
          tableName,
          [...taken].map(({ item }) => ({ pk: item.pk, sk: item.sk })),
        );
        for (const planned of taken) present(planned, stored.get(keyOf(planned.item)));
        pending = pending.filter((planned) => !taken.has(planned));
      }
    }
  }
  return plan.map((planned) => {
    const outcome = outcomes.get(planned);
    if (!outcome) throw new Error(`no outcome for ${planned.label}`);
    return outcome;
  });
};

// ── Cognito ───────────────────────────────────────────────────────────────────

/** A POSIX shell word: single-quoted unless it is plainly safe. */
export const shellQuote = (value: string): string =>
  /^[A-Za-z0-9@%+=:,./_-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;

/**
 * The `aws cognito-idp admin-create-user` line of one user: the e-mail address is the user name
 * (the pool signs in by e-mail), and the immutable `custom:tenant`, `custom:office`, `custom:role`
 * the pre-token-generation trigger copies into access tokens. The attributes are given as JSON,
 * not the CLI's shorthand, so a comma in a name cannot split them. The command prints the new
 * user's `sub`, which becomes their userId in the file.
 */
export const cognitoCreateUserCommand = (tenantId: string, user: StaffEntry): string => {
  const [tenantAttribute, officeAttribute, roleAttribute] = TENANT_CLAIMS;
  const attributes = [
    { Name: 'email', Value: user.email },
    { Name: 'email_verified', Value: 'true' },
    { Name: 'name', Value: user.displayName },
    { Name: tenantAttribute, Value: tenantId },
    { Name: officeAttribute, Value: user.officeId },
    { Name: roleAttribute, Value: user.role },
  ];
  return [
    'aws cognito-idp admin-create-user',
    '--user-pool-id "$USER_POOL_ID"',
    `--username ${shellQuote(user.email)}`,
    `--user-attributes ${shellQuote(JSON.stringify(attributes))}`,
    '--desired-delivery-mediums EMAIL',
    `--query "User.Attributes[?Name=='sub'].Value" --output text`,
  ].join(' ');
};

/** Prints the Cognito `sub` of an existing user: it must equal their userId in the file. */
export const cognitoSubCommand = (user: StaffEntry): string =>
  [
    'aws cognito-idp admin-get-user',
    '--user-pool-id "$USER_POOL_ID"',
    `--username ${shellQuote(user.email)}`,
    `--query "UserAttributes[?Name=='sub'].Value" --output text`,
  ].join(' ');
