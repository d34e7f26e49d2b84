import { randomUUID } from 'node:crypto';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { keys } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClient } from '../../services/local/table.ts';
import { backfillUserHolder, run } from '../../services/ops/backfill-email-holders.ts';
import {
  STALE_EMAIL_CLAIM_MS,
  emailDigest,
  userEmailHolderItem,
} from '../../services/src/data/directory-store.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * Users of tenants provisioned before ADR 0033 have no holder item for their e-mail, so adding a
 * staff member with such a user's e-mail is not refused. `npm run tenant:backfill-email-holders`
 * writes the missing holders of one tenant (removed users too), lists an e-mail held by two users
 * by user ids only, writing neither, with exit code 3, and treats a pending claim of POST
 * /api/users as that route does: fresh left alone, stale taken over. Proven on the demo tenant
 * with its holders deleted (a table written before the change).
 */

let api: TestApi;
let documents: DynamoDBDocumentClient;
beforeAll(async () => {
  api = await startTestApi();
  documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
});
afterAll(async () => {
  documents.destroy();
  await api.stop();
});

const TENANT = 'kibougaoka';
const ADMIN = 'admin@kibou.example';

const runScript = async (...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(
    [TENANT, '--endpoint', api.stack.dynamoDbEndpoint, ...argv],
    { TABLE_NAME: api.tableName },
    { out: (line) => out.push(line), err: (line) => err.push(line) },
  );
  return { code, out, err, text: [...out, ...err].join('\n') };
};
const linesOf = (lines: readonly string[], outcome: string) =>
  lines.filter((line) => line.trim().startsWith(`${outcome} `));

const snapshot = async () =>
  new Map((await api.allItems()).map((item) => [`${item.pk}|${item.sk}`, JSON.stringify(item)]));

const tenantUsers = () => api.queryPartition(keys.user(TENANT, '').pk);
const emailOf = async (userId: string) =>
  String((await tenantUsers()).find((user) => user.userId === userId)?.email);
const holders = async () =>
  (await api.allItems()).filter(
    (item) => item.entity === 'user_email_holder' && String(item.pk).startsWith(`T#${TENANT}#`),
  );
const holderOf = async (email: string) =>
  (await api.queryPartition(keys.userEmailHolder(TENANT, emailDigest(email)).pk))[0];

const setEmail = (userId: string, email: string) =>
  documents.send(
    new UpdateCommand({
      TableName: api.tableName,
      Key: keys.user(TENANT, userId),
      UpdateExpression: 'SET email = :email',
      ExpressionAttributeValues: { ':email': email },
    }),
  );
const putPendingClaim = (email: string, pendingSince: Date) =>
  documents.send(
    new PutCommand({
      TableName: api.tableName,
      Item: userEmailHolderItem(TENANT, email, { pendingSince: pendingSince.toISOString() }),
    }),
  );

const addStaff = (email: string) =>
  api.call('POST', '/api/users', {
    as: ADMIN,
    body: { displayName: '重複 登録', email, officeId: 'aozora', role: 'specialist' },
    headers: { 'idempotency-key': randomUUID() },
  });

describe('backfilling the e-mail holders of a tenant written before ADR 0033', () => {
  let addedTwice: [string, string];
  let sharedBefore: [string, string];

  it('lists e-mails held twice by user ids only (exit 3), and writes every other holder, removed users too', async () => {
    // A removed user keeps their holder: removed before the holders go, as an old table has them.
    expect((await api.call('DELETE', '/api/users/user-ito', { as: ADMIN })).status).toBe(200);
    for (const holder of await holders()) {
      await documents.send(
        new DeleteCommand({ TableName: api.tableName, Key: { pk: holder.pk, sk: holder.sk } }),
      );
    }

    // Without a holder the gap is open: an existing user's e-mail (in capitals) is accepted.
    const accepted = await addStaff('SUZUKI@Kibou.example');
    expect(accepted.status).toBe(201);
    addedTwice = ['user-suzuki', String(accepted.json.userId)].sort() as [string, string];
    // Two users entered with one e-mail before the change, differing only in case.
    await setEmail('user-kobayashi', 'Tanaka@Kibou.EXAMPLE');
    sharedBefore = ['user-kobayashi', 'user-tanaka'];
    // An addition that stopped after claiming an existing user's e-mail, an hour ago.
    const staleSince = new Date(Date.now() - 4 * STALE_EMAIL_CLAIM_MS);
    await putPendingClaim('takahashi@kibou.example', staleSince);

    const users = await tenantUsers();
    expect(users.length).toBeGreaterThanOrEqual(8);
    expect(users.find((user) => user.userId === 'user-ito')?.status).toBe('removed');

    const before = await snapshot();
    const dryRun = await runScript('--dry-run');
    expect(dryRun.code).toBe(3);
    expect(await snapshot()).toEqual(before);
    // Everyone but the four users of the two conflicts (the stale claim among them).
    expect(linesOf(dryRun.out, 'would_write')).toHaveLength(users.length - 4);
    expect(linesOf(dryRun.out, 'would_write')).toContain('  would_write       user user-takahashi');

    const written = await runScript();
    expect(written.code).toBe(3);
    expect(linesOf(written.out, 'conflict').sort()).toEqual(
      [
        `  conflict          users ${addedTwice.join(', ')}`,
        `  conflict          users ${sharedBefore.join(', ')}`,
      ].sort(),
    );
    expect(written.err.join('\n')).toMatch(/held by more than one user/);
    expect(linesOf(written.out, 'written')).toHaveLength(users.length - 4);

    // Ids only: no e-mail (in any case), digest or name of anyone leaves in the output.
    for (const user of users) {
      const email = String(user.email);
      for (const value of [email, email.toLowerCase(), emailDigest(email), String(user.displayName)]) {
        expect(written.text.toLowerCase()).not.toContain(value.toLowerCase());
        expect(dryRun.text.toLowerCase()).not.toContain(value.toLowerCase());
      }
    }

    // Every user alone with their e-mail holds it now, as the API writes the holder — the removed
    // user's and the stale claim's too.
    const conflicting = new Set([...addedTwice, ...sharedBefore]);
    const alone = users.filter((user) => !conflicting.has(String(user.userId)));
    expect(alone.map((user) => user.userId)).toEqual(
      expect.arrayContaining(['user-ito', 'user-takahashi', 'user-sato', 'user-admin']),
    );
    for (const user of alone) {
      expect(await holderOf(String(user.email))).toEqual(
        userEmailHolderItem(TENANT, String(user.email), { userId: String(user.userId) }),
      );
    }
    // The conflicts: nothing written; the holder claimed after the change left as it was.
    expect(await holderOf('tanaka@kibou.example')).toBeUndefined();
    expect((await holderOf('suzuki@kibou.example'))?.userId).toBe(accepted.json.userId);
  });

  it('a second run writes nothing and lists the same conflicts', async () => {
    const before = await snapshot();
    const again = await runScript();
    expect(again.code).toBe(3);
    expect(linesOf(again.out, 'written')).toEqual([]);
    expect(linesOf(again.out, 'conflict')).toHaveLength(2);
    expect(await snapshot()).toEqual(before);
  });

  it('after the backfill an existing user’s e-mail is refused (409), a removed user’s too', async () => {
    const before = await snapshot();
    for (const email of ['SATO@kibou.example', 'admin@kibou.example', 'ito@kibou.example']) {
      const refused = await addStaff(email);
      expect(refused.status).toBe(409);
      expect(refused.json.error.fields.map((field: { field: string }) => field.field)).toEqual([
        'body.email',
      ]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('once the conflicting user items are corrected, their holders are written and the run exits 0', async () => {
    // The operator's correction: the sign-in identity of each e-mail decides who keeps it.
    await setEmail('user-kobayashi', 'kobayashi@kibou.example');
    await setEmail('user-suzuki', 'suzuki.old@kibou.example');

    const finished = await runScript();
    expect(finished.err).toEqual([]);
    expect(finished.code).toBe(0);
    expect(linesOf(finished.out, 'written').sort()).toEqual(
      ['user-kobayashi', 'user-suzuki', 'user-tanaka'].map((userId) => `  written           user ${userId}`),
    );
    expect((await holderOf('kobayashi@kibou.example'))?.userId).toBe('user-kobayashi');
    expect((await holderOf('tanaka@kibou.example'))?.userId).toBe('user-tanaka');
    expect((await holderOf('suzuki.old@kibou.example'))?.userId).toBe('user-suzuki');
    expect((await addStaff('Tanaka@kibou.example')).status).toBe(409);
  });

  it('leaves a fresh pending claim alone (exit 1) and takes it over once stale, as POST /api/users does', async () => {
    const email = await emailOf('user-sato');
    await putPendingClaim(email, new Date());
    const before = await snapshot();

    const pending = await runScript();
    expect(pending.code).toBe(1);
    expect(linesOf(pending.out, 'claim_pending')).toEqual(['  claim_pending     user user-sato']);
    expect(pending.err.join('\n')).toMatch(/run again in 15 minutes/);
    expect(await snapshot()).toEqual(before);

    await putPendingClaim(email, new Date(Date.now() - STALE_EMAIL_CLAIM_MS - 60_000));
    const taken = await runScript();
    expect(taken.code).toBe(0);
    expect(linesOf(taken.out, 'written')).toEqual(['  written           user user-sato']);
    expect(await holderOf(email)).toEqual(userEmailHolderItem(TENANT, email, { userId: 'user-sato' }));
  });

  it('writes no holder for an e-mail the user item no longer carries (changed on every try)', async () => {
    const key = keys.userEmailHolder(TENANT, emailDigest(await emailOf('user-admin')));
    await documents.send(new DeleteCommand({ TableName: api.tableName, Key: key }));
    // Between each read and its write, the user's e-mail changes (as an operator's correction would).
    let changes = 0;
    const changing = new Proxy(documents, {
      get(target, property, receiver) {
        if (property !== 'send') return Reflect.get(target, property, receiver);
        return async (command: Parameters<DynamoDBDocumentClient['send']>[0]) => {
          if (command instanceof TransactWriteCommand) {
            changes += 1;
            await setEmail('user-admin', `admin-${changes}@kibou.example`);
          }
          return target.send(command as never);
        };
      },
    });

    const outcome = await backfillUserHolder(changing, api.tableName, TENANT, 'user-admin', false);

    expect(outcome).toEqual({ outcome: 'changed_meanwhile', userIds: ['user-admin'] });
    expect(changes).toBe(3);
    const emails = ['admin@kibou.example', 'admin-1@kibou.example', 'admin-2@kibou.example'];
    for (const email of emails) expect(await holderOf(email)).toBeUndefined();
  });

  it('refuses a call without a tenant or a table (exit 2)', async () => {
    const io = { out: () => undefined, err: () => undefined };
    expect(await run([], { TABLE_NAME: api.tableName }, io)).toBe(2);
    expect(await run([TENANT, '--endpoint', api.stack.dynamoDbEndpoint], {}, io)).toBe(2);
    expect(await run(['Bad#Tenant'], { TABLE_NAME: api.tableName }, io)).toBe(2);
  });
});
