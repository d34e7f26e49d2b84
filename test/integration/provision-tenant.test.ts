import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../services/local/stack.ts';
import { localClient } from '../../services/local/table.ts';
import { onTable } from '../../services/src/data/client.ts';
import { emailDigest } from '../../services/src/data/directory-store.ts';
import { listRegisteredTenants } from '../../services/src/data/retention-store.ts';
import { run } from '../../services/ops/provision-tenant.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * Onboarding a tenant (`npm run tenant:provision`) against DynamoDB Local: the example town's
 * users can sign in and see their tenant and office, a re-run writes nothing, and a file with a
 * broken reference is refused before anything is written.
 */

const EXAMPLE_PATH = join(REPO_ROOT, 'services', 'ops', 'tenant.example.json');
const example = () => JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8'));
const TENANT = 'minamiyama';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const provision = async (file: string, ...options: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(
    [file, '--endpoint', api.stack.dynamoDbEndpoint, ...options],
    { TABLE_NAME: api.tableName },
    { out: (line) => out.push(line), err: (line) => err.push(line) },
  );
  return { code, out, err };
};

const tempFile = (content: unknown) => {
  const path = join(mkdtempSync(join(tmpdir(), 'kikan-provision-')), 'tenant.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
};

/** Every item, keyed and serialised, so two snapshots compare as a whole. */
const snapshot = async () =>
  new Map((await api.allItems()).map((item) => [`${item.pk}|${item.sk}`, JSON.stringify(item)]));

const tokenFor = (user: { userId: string; email: string; officeId: string; role: string }) =>
  api.stack.issuer.mint({ ...user, tenantId: TENANT });

describe('provisioning the example tenant', () => {
  it('creates the tenant, offices, users, plan-period definitions and registry entry; its users then get /api/me', async () => {
    const before = await snapshot();
    expect([...before.keys()].some((key) => key.startsWith(`T#${TENANT}#`))).toBe(false);

    const { code, out, err } = await provision(EXAMPLE_PATH);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out.filter((line) => line.trimStart().startsWith('created'))).toHaveLength(15);
    expect(out).toContain(`15 created, 0 already present, table ${api.tableName}.`);
    expect(out.filter((line) => line.includes('admin-create-user'))).toHaveLength(3);

    const after = await snapshot();
    const added = [...after.keys()].filter((key) => !before.has(key)).sort();
    expect(added).toEqual(
      [
        keys.tenant(TENANT),
        keys.office(TENANT, 'yamabiko'),
        // やまびこ's 事業所番号 and its one holder in the tenant (ADR 0031).
        keys.officeNumberHolder(TENANT, '2990000013'),
        keys.office(TENANT, 'minamiyama-town'),
        ...example().users.map((user: { userId: string }) => keys.user(TENANT, user.userId)),
        // Each user's e-mail and its one holder in the tenant (ADR 0033).
        ...example().users.map((user: { email: string }) =>
          keys.userEmailHolder(TENANT, emailDigest(user.email)),
        ),
        // 第7期 and 第8期 as the tenant's version 1 (ADR 0030): the current item and the version's copy.
        ...['p7', 'p8'].flatMap((periodId) => [
          keys.planPeriod(TENANT, periodId),
          keys.planPeriodVersion(TENANT, periodId, 1),
        ]),
        keys.tenantRegistry(TENANT),
      ]
        .map((key) => `${key.pk}|${key.sk}`)
        .sort(),
    );
    // Nothing that was there before changed.
    for (const [key, value] of before) expect(after.get(key)).toBe(value);
    // The retention sweeper's list of tenants now has it.
    const registry = {
      client: DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint)),
      name: api.tableName,
    };
    expect(await onTable(registry, listRegisteredTenants)).toContain(TENANT);
    registry.client.destroy();

    const [specialist, , admin] = example().users;
    const me = await api.call('GET', '/api/me', { token: await tokenFor(specialist) });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({
      tenantId: TENANT,
      tenantName: '南山町',
      members: [{ code: '990031', name: '南山町' }],
      officeId: 'yamabiko',
      officeName: '相談支援事業所やまびこ',
      role: 'specialist',
      userId: specialist.userId,
      displayName: '山田 春香',
    });
    const adminMe = await api.call('GET', '/api/me', { token: await tokenFor(admin) });
    expect(adminMe.status).toBe(200);
    expect(adminMe.json).toMatchObject({ officeName: '南山町 福祉課', role: 'tenant_admin' });
    // The directory the requests authorise against is the provisioned one: both offices are the tenant's.
    const offices = await api.call('GET', '/api/offices', { token: await tokenFor(admin) });
    expect(offices.status).toBe(200);
    expect(offices.json.items.map((office: { officeId: string }) => office.officeId).sort()).toEqual([
      'minamiyama-town',
      'yamabiko',
    ]);
  });

  it('a token for someone not in the file is refused: the directory, not the token, decides', async () => {
    const stranger = await tokenFor({
      userId: '7a1c3e52-0b4d-4f6a-9e21-3c5d8f0a1b99',
      email: 'stranger@minamiyama.example',
      officeId: 'yamabiko',
      role: 'specialist',
    });
    const response = await api.call('GET', '/api/me', { token: stranger });
    expect(response.status).toBe(401);
  });

  it('a re-run reports everything already present and changes nothing, even an item edited since', async () => {
    // A tenant admin changes the office manager's role after onboarding: a re-run must not undo it.
    const [, manager, admin] = example().users;
    const changed = await api.call('PUT', `/api/users/${manager.userId}/membership`, {
      token: await tokenFor(admin),
      body: { officeId: 'yamabiko', role: 'specialist' },
    });
    expect(changed.status).toBe(200);
    const before = await snapshot();

    const { code, out } = await provision(EXAMPLE_PATH);
    expect(code).toBe(0);
    expect(out).toContain(`0 created, 15 already present, table ${api.tableName}.`);
    expect(out.filter((line) => line.trimStart().startsWith('already present'))).toHaveLength(15);
    const managerLine = out.find((line) => line.includes(`user ${manager.userId}`));
    expect(managerLine).toMatch(/stored item differs in: confirmsFigures, notBefore, role; left as it is/);

    expect(await snapshot()).toEqual(before);
  });
});

describe('a refused file', () => {
  it('with a user in an unknown office writes nothing, also through the npm script entry', async () => {
    const file = example();
    file.tenant.tenantId = 'nishikawa';
    file.users[2].officeId = 'nishikawa-town';
    const path = tempFile(file);
    const before = await snapshot();

    const { code, out, err } = await provision(path);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err.join('\n')).toContain('users.2.officeId: office nishikawa-town is not one of the file');

    // The command line an operator runs (`npm run tenant:provision` is this tsx call).
    const cli = await promisify(execFile)(
      process.execPath,
      [
        join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        join(REPO_ROOT, 'services', 'ops', 'provision-tenant.ts'),
        path,
        '--endpoint',
        api.stack.dynamoDbEndpoint,
      ],
      { cwd: REPO_ROOT, env: { ...process.env, TABLE_NAME: api.tableName } },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('users.2.officeId');

    expect(await snapshot()).toEqual(before);
    expect(await api.queryPartition(keys.tenant('nishikawa').pk)).toEqual([]);
  });
});
