import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { officeItems, tenantItem, userItems } from '../src/data/directory-store.ts';
import { seededPlanPeriodItems } from '../src/data/plan-period-store.ts';
import { tenantRegistryItem } from '../src/data/retention-store.ts';
import { DEMO_OFFICES, DEMO_TENANTS, DEMO_USERS } from '../local/demo-data.ts';
import { run } from './provision-tenant.ts';
import {
  cognitoCreateUserCommand,
  missingUserIds,
  parseTenantFile,
  planItems,
  provisionItems,
  shellQuote,
  TRANSACTION_LIMIT,
  type FileProblem,
} from './tenant-provisioning.ts';

const EXAMPLE_PATH = join(import.meta.dirname, 'tenant.example.json');
const example = () => JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8'));

const problemsOf = (input: unknown): FileProblem[] => {
  const parsed = parseTenantFile(input);
  if (parsed.ok) throw new Error('expected the file to be refused');
  return parsed.problems;
};
const pathsOf = (input: unknown) => problemsOf(input).map((problem) => problem.path);

/** The demo's directory written as a tenant file, userIds included. */
const demoFile = (tenantId: string) => ({
  tenant: DEMO_TENANTS.find((tenant) => tenant.tenantId === tenantId),
  offices: DEMO_OFFICES[tenantId],
  users: DEMO_USERS.filter((user) => user.tenantId === tenantId).map(
    ({ tenantId: _tenantId, ...user }) => user,
  ),
});

describe('the tenant file', () => {
  it('accepts the example: a small town with 2 offices and 3 users', () => {
    const parsed = parseTenantFile(example());
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.file.offices).toHaveLength(2);
    expect(parsed.file.users).toHaveLength(3);
    expect(missingUserIds(parsed.file)).toEqual([]);
  });

  it('names the field of every schema problem', () => {
    const file = example();
    file.tenant.tenantId = 'Bad#Tenant';
    file.offices[1].type = 'castle';
    file.users[0].email = 'not-an-address';
    file.users[2].role = 'superuser';
    file.users[1].userId = 'a#b';
    expect(pathsOf(file).sort()).toEqual(
      ['offices.1.type', 'tenant.tenantId', 'users.0.email', 'users.1.userId', 'users.2.role'].sort(),
    );
  });

  it('is strict: an unknown key is refused, named by its path', () => {
    const file = example();
    file.users[0].tenantId = 'minamiyama';
    file.offices[0].manager = 'someone';
    const problems = problemsOf(file);
    expect(problems).toContainEqual({ path: 'users.0.tenantId', message: 'unknown key' });
    expect(problems).toContainEqual({ path: 'offices.0.manager', message: 'unknown key' });
    expect(pathsOf({ ...example(), extra: true })).toEqual(['extra']);
  });

  it('needs a tenant with members, at least one office and one user', () => {
    const file = example();
    file.tenant.members = [];
    file.offices = [];
    file.users = [];
    expect(pathsOf(file).sort()).toEqual(['offices', 'tenant.members', 'users']);
  });

  it("refuses a user whose office is not one of the file's", () => {
    const file = example();
    file.users[1].officeId = 'kibou-core';
    expect(problemsOf(file)).toEqual([
      { path: 'users.1.officeId', message: "office kibou-core is not one of the file's offices" },
    ]);
  });

  it("refuses an office outside the tenant's member municipalities", () => {
    const file = example();
    file.offices[0].municipalityCode = '990001';
    expect(pathsOf(file)).toEqual(['offices.0.municipalityCode']);
  });

  it('refuses duplicate office ids, user ids, e-mail addresses (any case) and member codes', () => {
    const file = example();
    file.offices[1].officeId = file.offices[0].officeId;
    file.users[1].userId = file.users[0].userId;
    file.users[2].email = file.users[0].email.toUpperCase();
    file.tenant.members.push({ ...file.tenant.members[0], name: '別名' });
    expect(pathsOf(file).sort()).toEqual(
      [
        'offices.1.officeId',
        'tenant.members.1.code',
        'users.1.userId',
        'users.2.email',
        // Office 1 now repeats office 0's id: the town division that user 2 sits in is gone.
        'users.2.officeId',
      ].sort(),
    );
  });

  it('refuses two offices with one 事業所番号: it has one holder in the tenant (ADR 0031)', () => {
    const file = example();
    file.offices[1].officeNumber = file.offices[0].officeNumber;
    expect(problemsOf(file)).toEqual([
      { path: 'offices.1.officeNumber', message: 'same officeNumber as offices.0' },
    ]);
  });

  it('ties no role to an office type (the shared rules have none): a tenant admin at a consultation office is fine', () => {
    const file = example();
    file.users[2].officeId = 'yamabiko';
    file.users[0].role = 'core_supervisor';
    expect(parseTenantFile(file).ok).toBe(true);
  });

  it('lets userIds be missing only until writing', () => {
    const file = example();
    delete file.users[0].userId;
    delete file.users[2].userId;
    const parsed = parseTenantFile(file);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(missingUserIds(parsed.file).map((problem) => problem.path)).toEqual([
      'users.0.userId',
      'users.2.userId',
    ]);
    expect(() => planItems(parsed.file)).toThrow(/userId/);
  });
});

describe('the plan of items', () => {
  it("is the demo seed's own items for the demo's directory: same builders, same keys", () => {
    for (const tenant of DEMO_TENANTS) {
      const parsed = parseTenantFile(demoFile(tenant.tenantId));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
      const planned = planItems(parsed.file).map(({ item }) => item);
      const seeded = [
        ...(DEMO_OFFICES[tenant.tenantId] ?? []).flatMap((office) => officeItems(tenant.tenantId, office)),
        ...DEMO_USERS.filter((user) => user.tenantId === tenant.tenantId).flatMap(userItems),
        ...seededPlanPeriodItems(tenant.tenantId),
        tenantItem(tenant),
        tenantRegistryItem(tenant.tenantId),
      ];
      expect(planned).toEqual(seeded);
    }
  });

  it('writes the example under its tenant prefix, plus the registry entry', () => {
    const parsed = parseTenantFile(example());
    if (!parsed.ok) throw new Error('refused');
    const plan = planItems(parsed.file);
    expect(plan.map(({ kind }) => kind)).toEqual([
      'office',
      'office_number_holder',
      'office',
      'user',
      'user_email_holder',
      'user',
      'user_email_holder',
      'user',
      'user_email_holder',
      'plan_period',
      'plan_period',
      'plan_period',
      'plan_period',
      'tenant',
      'tenant_registry',
    ]);
    expect(plan.find(({ kind }) => kind === 'tenant')?.item).toMatchObject(keys.tenant('minamiyama'));
    expect(plan.find(({ kind }) => kind === 'tenant_registry')?.item).toMatchObject({
      ...keys.tenantRegistry('minamiyama'),
      tenantId: 'minamiyama',
    });
    const users = plan.filter(({ kind }) => kind === 'user').map(({ item }) => item);
    expect(users[1]).toEqual({
      ...keys.user('minamiyama', '7a1c3e52-0b4d-4f6a-9e21-3c5d8f0a1b02'),
      entity: 'user',
      tenantId: 'minamiyama',
      userId: '7a1c3e52-0b4d-4f6a-9e21-3c5d8f0a1b02',
      email: 'mori@minamiyama.example',
      displayName: '森 誠',
      role: 'office_manager',
      officeId: 'yamabiko',
      senior: false,
    });
    // Operator output names ids and roles, never a name or an e-mail address.
    for (const { label } of plan) expect(label).not.toMatch(/@|山田|森 誠|池田/);
  });
});

describe('the Cognito commands', () => {
  it('set the immutable attributes the trigger copies into tokens and print the sub', () => {
    const command = cognitoCreateUserCommand('minamiyama', {
      userId: undefined,
      email: 'mori@minamiyama.example',
      displayName: '森 誠',
      role: 'office_manager',
      officeId: 'yamabiko',
      senior: false,
    });
    expect(command).toContain('--username mori@minamiyama.example');
    const json = /--user-attributes '([^']*)'/.exec(command)?.[1];
    expect(JSON.parse(json ?? 'null')).toEqual([
      { Name: 'email', Value: 'mori@minamiyama.example' },
      { Name: 'email_verified', Value: 'true' },
      { Name: 'name', Value: '森 誠' },
      { Name: 'custom:tenant', Value: 'minamiyama' },
      { Name: 'custom:office', Value: 'yamabiko' },
      { Name: 'custom:role', Value: 'office_manager' },
    ]);
    expect(command).toContain(`--query "User.Attributes[?Name=='sub'].Value"`);
  });

  it('quote shell words that need it', () => {
    expect(shellQuote('a@b.example')).toBe('a@b.example');
    expect(shellQuote("O'Brien x")).toBe(`'O'\\''Brien x'`);
    expect(shellQuote('$(rm -rf /)')).toBe("'$(rm -rf /)'");
  });
});

describe('the command line (no AWS call)', () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) } };
  };
  const tempFile = (content: unknown) => {
    const path = join(mkdtempSync(join(tmpdir(), 'kikan-ops-')), 'tenant.json');
    writeFileSync(path, JSON.stringify(content));
    return path;
  };

  it('--dry-run lists every item with its key and writes nothing', async () => {
    const { out, io } = capture();
    expect(await run([EXAMPLE_PATH, '--dry-run'], { TABLE_NAME: 'Kikan-Table' }, io)).toBe(0);
    // 2 offices, 3 users, 2 plan periods (current + version 1 each), the tenant and its registry entry.
    expect(out[0]).toMatch(/15 items for table Kikan-Table/);
    expect(out.join('\n')).toContain('[T#minamiyama#USERS / USER#7a1c3e52-0b4d-4f6a-9e21-3c5d8f0a1b01]');
    expect(out.join('\n')).toContain('[T#_registry#TENANTS / TENANT#minamiyama]');
  });

  it('refuses a file with a user in an unknown office, naming the field (exit 1)', async () => {
    const file = example();
    file.users[0].officeId = 'nowhere';
    const { out, err, io } = capture();
    expect(await run([tempFile(file), '--dry-run'], {}, io)).toBe(1);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(/refused, nothing written:\n {2}users\.0\.officeId: office nowhere/);
  });

  it('--cognito-commands works before the subs are known; writing then demands them', async () => {
    const file = example();
    for (const user of file.users) delete user.userId;
    const path = tempFile(file);
    const first = capture();
    expect(await run([path, '--cognito-commands'], {}, first.io)).toBe(0);
    expect(first.out.filter((line) => line.includes('admin-create-user'))).toHaveLength(3);
    const second = capture();
    expect(await run([path], { TABLE_NAME: 'Kikan-Table' }, second.io)).toBe(1);
    expect(second.err.join('\n')).toContain('users.2.userId: missing');
  });

  it('says how to use it when the arguments are wrong (exit 2)', async () => {
    const { err, io } = capture();
    expect(await run([], {}, io)).toBe(2);
    expect(await run([EXAMPLE_PATH, '--force'], {}, io)).toBe(2);
    expect(await run([EXAMPLE_PATH], {}, io)).toBe(2);
    expect(err.join('\n')).toMatch(/TABLE_NAME is not set/);
  });
});

/**
 * A table in memory behind the two commands provisionItems sends, checking each conditional put as
 * DynamoDB does. `beforeWrite` may slip items in between the read and the write (another operator).
 */
const memoryTable = (beforeWrite?: (table: Map<string, Record<string, unknown>>) => void) => {
  const table = new Map<string, Record<string, unknown>>();
  const transactions: number[] = [];
  const keyOf = (item: Record<string, unknown> | undefined) => `${String(item?.pk)}|${String(item?.sk)}`;
  const send = async (command: unknown) => {
    if (command instanceof BatchGetCommand) {
      const found = Object.entries(command.input.RequestItems ?? {}).map(([name, { Keys }]) => [
        name,
        (Keys ?? []).flatMap((key) => table.get(keyOf(key)) ?? []),
      ]);
      return { Responses: Object.fromEntries(found) };
    }
    if (command instanceof TransactWriteCommand) {
      beforeWrite?.(table);
      const puts = (command.input.TransactItems ?? []).flatMap((action) => (action.Put ? [action.Put] : []));
      transactions.push(puts.length);
      if (puts.length > 100) throw new Error('ValidationException: more than 100 items');
      const reasons = puts.map((put) => {
        expect(put.ConditionExpression).toBe('attribute_not_exists(pk)');
        return { Code: table.has(keyOf(put.Item)) ? 'ConditionalCheckFailed' : 'None' };
      });
      if (reasons.some((reason) => reason.Code !== 'None')) {
        throw new TransactionCanceledException({
          message: 'Transaction cancelled',
          $metadata: {},
          CancellationReasons: reasons,
        });
      }
      for (const put of puts) table.set(keyOf(put.Item), structuredClone(put.Item ?? {}));
      return {};
    }
    throw new Error('unexpected command');
  };
  return { table, transactions, client: { send } as unknown as DynamoDBDocumentClient };
};

const examplePlan = () => {
  const parsed = parseTenantFile(example());
  if (!parsed.ok) throw new Error('refused');
  return planItems(parsed.file);
};
const itemAt = (plan: ReturnType<typeof planItems>, index: number) => {
  const planned = plan[index];
  if (!planned) throw new Error(`no item ${index}`);
  return planned.item;
};

describe('writing the plan', () => {
  it('creates what is absent and leaves what is present, naming the attributes that differ', async () => {
    const memory = memoryTable();
    const plan = examplePlan();
    const edited = { ...itemAt(plan, 3), role: 'tenant_admin' };
    memory.table.set(`${edited.pk}|${edited.sk}`, edited);
    const outcomes = await provisionItems(memory.client, 'T', plan);
    expect(outcomes.map(({ outcome }) => outcome)).toEqual([
      'created',
      'created',
      'created',
      'already_present',
      ...Array.from({ length: 11 }, () => 'created'),
    ]);
    expect(outcomes[3]?.differs).toEqual(['role']);
    expect(memory.table.get(`${edited.pk}|${edited.sk}`)?.role).toBe('tenant_admin');
    expect(memory.transactions).toEqual([14]);
  });

  it('an item written by someone else between the read and the write is reported present, the rest still written', async () => {
    const plan = examplePlan();
    const raced = itemAt(plan, 4);
    let slipped = false;
    const memory = memoryTable((table) => {
      if (slipped) return;
      slipped = true;
      table.set(`${raced.pk}|${raced.sk}`, { ...raced });
    });
    const outcomes = await provisionItems(memory.client, 'T', plan);
    expect(outcomes.filter(({ outcome }) => outcome === 'created')).toHaveLength(14);
    expect(outcomes[4]).toMatchObject({ outcome: 'already_present', differs: [] });
    expect(memory.transactions).toEqual([15, 14]);
    expect(memory.table.size).toBe(15);
  });

  it('groups a large tenant into transactions of at most 100 puts', async () => {
    const file = example();
    file.users = Array.from({ length: 180 }, (_, index) => ({
      ...file.users[0],
      userId: `user-${String(index).padStart(4, '0')}`,
      email: `staff${index}@minamiyama.example`,
    }));
    const parsed = parseTenantFile(file);
    if (!parsed.ok) throw new Error('refused');
    const memory = memoryTable();
    const outcomes = await provisionItems(memory.client, 'T', planItems(parsed.file));
    expect(outcomes.every(({ outcome }) => outcome === 'created')).toBe(true);
    // 180 users and their e-mail holders (ADR 0033), 3 office items, 4 plan periods, tenant, registry.
    expect(memory.transactions).toEqual([
      TRANSACTION_LIMIT,
      TRANSACTION_LIMIT,
      TRANSACTION_LIMIT,
      369 - 3 * TRANSACTION_LIMIT,
    ]);
    expect(memory.table.size).toBe(369);
  });
});
