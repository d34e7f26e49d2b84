import { randomUUID } from 'node:crypto';
import { PutCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createUserRoute } from '@kikan/shared/contracts/admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityProvider, NewIdentity } from '../../services/src/admin/identity-provider.ts';
import { createUserWith } from '../../services/src/admin/user-create.ts';
import { userItems } from '../../services/src/data/directory-store.ts';
import { bind, createFunction } from '../../services/src/http/create-function.ts';
import { lambdaContext, toApiGatewayEvent } from '../../services/local/api-event.ts';
import { localClient } from '../../services/local/table.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * Staff added by the tenant admin (issue 15 point 1, ADR 0033): the sign-in identity and the
 * directory entry are made together or not at all, the e-mail has one holder in the tenant, the
 * write is audited, and the new user signs in locally at once (the local issuer reads the directory).
 */

let api: TestApi;
let hokushinAdmin: string;
beforeAll(async () => {
  api = await startTestApi();
  // The demo has no admin of 北信圏域: one is put in its directory for the isolation checks.
  const admin = {
    userId: 'user-hokushin-admin',
    tenantId: 'hokushin',
    email: 'admin@hokushin.example',
    displayName: '管理 次郎',
    role: 'tenant_admin' as const,
    officeId: 'hokushin-city',
    senior: false,
  };
  const documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
  for (const item of userItems(admin)) {
    await documents.send(new PutCommand({ TableName: api.tableName, Item: item }));
  }
  hokushinAdmin = await api.stack.issuer.mint(admin);
});
afterAll(async () => {
  await api.stop();
});

const ADMIN = 'admin@kibou.example';
type Item = Record<string, unknown>;
const keyOf = (item: Item) => `${String(item.pk)}|${String(item.sk)}`;
const itemsSince = async (before: readonly Item[]) => {
  const known = new Set(before.map(keyOf));
  return (await api.allItems()).filter((item) => !known.has(keyOf(item)));
};
const fieldsOf = (json: { error?: { fields?: { field: string }[] } }) =>
  (json.error?.fields ?? []).map((field) => field.field);

const newStaff = (overrides: Record<string, unknown> = {}) => ({
  displayName: '高橋 花子',
  email: `takahashi-${randomUUID().slice(0, 8)}@kibou.example`,
  officeId: 'aozora',
  role: 'specialist',
  senior: true,
  ...overrides,
});
const addStaff = (body: unknown, options: { as?: string; token?: string } = {}) =>
  api.call('POST', '/api/users', {
    ...(options.token ? { token: options.token } : { as: options.as ?? ADMIN }),
    body,
    headers: { 'idempotency-key': randomUUID() },
  });

const localLogin = async (email: string) => {
  const response = await fetch(`${api.stack.url}/local-auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  return { status: response.status, json: (await response.json()) as { accessToken?: string } };
};

describe('adding a staff member', () => {
  it('the admin adds a specialist who is listed on the local login, signs in at once and is their office on /api/me', async () => {
    const before = await api.allItems();
    const input = newStaff();
    const response = await addStaff(input);

    expect(response.status).toBe(201);
    expect(response.json).toMatchObject({
      displayName: '高橋 花子',
      officeId: 'aozora',
      role: 'specialist',
      senior: true,
      confirmsFigures: false,
    });
    const written = await itemsSince(before);
    expect(written.map((item) => item.entity).sort()).toEqual([
      'audit',
      'idempotency',
      'user',
      'user_email_holder',
    ]);
    const audit = written.find((item) => item.entity === 'audit');
    expect(audit).toMatchObject({
      action: 'create',
      recordType: 'user',
      recordId: response.json.userId,
      after: { officeId: 'aozora', role: 'specialist', status: 'active', confirmsFigures: false },
    });
    // No personal data in a key: the holder is keyed by the e-mail's digest.
    expect(written.map(keyOf).join(' ')).not.toContain(input.email);

    const listed = (await (await fetch(`${api.stack.url}/local-auth/users`)).json()) as {
      items: { email: string; officeName: string; tenantName: string }[];
    };
    expect(listed.items).toContainEqual(
      expect.objectContaining({ email: input.email, officeName: expect.stringContaining('あおぞら') }),
    );
    const login = await localLogin(input.email);
    expect(login.status).toBe(200);
    const me = await api.call('GET', '/api/me', { token: login.json.accessToken ?? '' });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ userId: response.json.userId, officeId: 'aozora', role: 'specialist' });

    const staff = await api.call('GET', '/api/users?officeId=aozora', { as: ADMIN });
    expect(staff.json.items).toContainEqual(response.json);
  });

  it('an e-mail already on the staff (typed in capitals) is a 409 naming body.email, and nothing is written', async () => {
    const before = await api.allItems();
    const response = await addStaff(newStaff({ email: 'SATO@Kibou.Example' }));

    expect(response.status).toBe(409);
    expect(fieldsOf(response.json)).toEqual(['body.email']);
    expect(await itemsSince(before)).toEqual([]);
  });

  it('the same e-mail added twice: the second is a 409', async () => {
    const input = newStaff();
    expect((await addStaff(input)).status).toBe(201);
    const again = await addStaff({ ...input, displayName: '別人 太郎' });
    expect(again.status).toBe(409);
    expect(fieldsOf(again.json)).toEqual(['body.email']);
  });

  it('a malformed e-mail is a 400 naming body.email', async () => {
    const response = await addStaff(newStaff({ email: 'takahashi@' }));

    expect(response.status).toBe(400);
    expect(fieldsOf(response.json)).toContain('body.email');
  });

  it('数値確認者 only for a specialist: a manager named one is a 400 on body.confirmsFigures', async () => {
    const response = await addStaff(newStaff({ role: 'office_manager', confirmsFigures: true }));

    expect(response.status).toBe(400);
    expect(fieldsOf(response.json)).toContain('body.confirmsFigures');
  });

  it("another tenant's admin cannot add a user to this tenant's office (400 on body.officeId, nothing written)", async () => {
    const before = await api.allItems();
    const response = await addStaff(newStaff(), { token: hokushinAdmin });

    expect(response.status).toBe(400);
    expect(fieldsOf(response.json)).toEqual(['body.officeId']);
    expect(await itemsSince(before)).toEqual([]);
  });

  it('a 市町村ケースワーカー sits only in a municipal division: at an office it is a 400 naming body.role, nothing written', async () => {
    const before = await api.allItems();
    const response = await addStaff({ ...newStaff(), role: 'municipal_caseworker' });

    expect(response.status).toBe(400);
    expect(fieldsOf(response.json)).toEqual(['body.role']);
    expect(await itemsSince(before)).toEqual([]);

    const atDivision = await addStaff({
      ...newStaff(),
      role: 'municipal_caseworker',
      officeId: 'kibou-city',
    });
    expect(atDivision.status).toBe(201);
  });

  it('a specialist and an office manager are refused (403), nothing written', async () => {
    const before = await api.allItems();
    expect((await addStaff(newStaff(), { as: 'sato@kibou.example' })).status).toBe(403);
    expect((await addStaff(newStaff(), { as: 'tanaka@kibou.example' })).status).toBe(403);
    expect(await itemsSince(before)).toEqual([]);
  });
});

/**
 * Both failure paths, through the real function core and table with an injected identity port:
 * the identity failing leaves no directory entry, and the directory write failing removes the
 * identity again — neither leaves the other.
 */
describe('a failure of either side leaves neither', () => {
  const invoke = async (provider: IdentityProvider, body: unknown) => {
    const handler = createFunction([
      bind(
        createUserRoute,
        createUserWith(() => Promise.resolve(provider)),
      ),
    ]);
    const requestId = randomUUID();
    const event = toApiGatewayEvent(
      {
        method: 'POST',
        url: new URL('http://localhost/api/users'),
        headers: {
          authorization: `Bearer ${await api.tokenOf(ADMIN)}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: Buffer.from(JSON.stringify(body)),
        sourceIp: '127.0.0.1',
      },
      createUserRoute,
      {},
    );
    return handler(event, lambdaContext('kikan-admin', requestId));
  };

  it('the identity provider fails: no user, no e-mail holder, no audit entry; the e-mail can be added afterwards', async () => {
    const before = await api.allItems();
    const input = newStaff();
    const failing: IdentityProvider = {
      createIdentity: () => Promise.reject(new Error('identity provider unavailable')),
      deleteIdentity: () => Promise.resolve(),
    };

    const result = await invoke(failing, input);

    expect(result.statusCode).toBe(500);
    expect(await itemsSince(before)).toEqual([]);
    expect((await addStaff(input)).status).toBe(201);
  });

  it('the directory write fails after the identity was made: the identity is deleted again and nothing is written', async () => {
    const before = await api.allItems();
    const input = newStaff();
    const made: NewIdentity[] = [];
    const deleted: { email: string; userId: string }[] = [];
    // The identity's id collides with a user the directory already has: the transaction is refused.
    const colliding: IdentityProvider = {
      createIdentity: (identity) => {
        made.push(identity);
        return Promise.resolve({ userId: 'user-sato' });
      },
      deleteIdentity: (identity) => {
        deleted.push(identity);
        return Promise.resolve();
      },
    };

    const result = await invoke(colliding, input);

    expect(result.statusCode).toBeGreaterThanOrEqual(400);
    expect(made.map((identity) => identity.email)).toEqual([input.email]);
    expect(deleted).toEqual([{ email: input.email, userId: 'user-sato' }]);
    expect(await itemsSince(before)).toEqual([]);
    expect((await addStaff(input)).status).toBe(201);
  });
});

/**
 * A part-timer (ADR 0033): one membership per office, each request acting for exactly one of them
 * (the office header, checked against the token's memberships), and a removed membership ending
 * the sessions that carried it.
 */
describe('a staff member working at two offices', () => {
  const HIMAWARI_CASE = 'demo-kibougaoka-case-001';
  const AOZORA_CASE = 'demo-kibougaoka-case-030';
  const as = (token: string, office?: string) => ({
    token,
    ...(office ? { headers: { 'x-kikan-office': office } } : {}),
  });
  let userId: string;
  let email: string;
  let token: string;

  beforeAll(async () => {
    const input = newStaff({ officeId: 'himawari', senior: false });
    const added = await addStaff(input);
    expect(added.status).toBe(201);
    userId = added.json.userId;
    email = input.email;
  });

  it('the admin adds a second membership with its own role: audited, the user listed on both offices', async () => {
    const before = await api.allItems();
    const response = await api.call('PUT', `/api/users/${userId}/offices/aozora`, {
      as: ADMIN,
      body: { role: 'office_manager' },
    });

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      officeId: 'himawari',
      role: 'specialist',
      otherMemberships: [{ officeId: 'aozora', role: 'office_manager' }],
    });
    const written = await itemsSince(before);
    expect(written.find((item) => item.entity === 'audit')).toMatchObject({
      action: 'update',
      recordType: 'user',
      recordId: userId,
      after: { otherMemberships: [{ officeId: 'aozora', role: 'office_manager' }] },
    });
    const aozora = await api.call('GET', '/api/users?officeId=aozora', { as: ADMIN });
    expect(aozora.json.items).toContainEqual(
      expect.objectContaining({
        userId,
        role: 'office_manager',
        officeId: 'aozora',
        firstOfficeId: 'himawari',
      }),
    );
    const himawari = await api.call('GET', '/api/users?officeId=himawari', { as: ADMIN });
    expect(himawari.json.items).toContainEqual(
      expect.objectContaining({ userId, role: 'specialist', officeId: 'himawari' }),
    );
  });

  it('a third office is a 409; the first office as a second is a 409', async () => {
    const third = await api.call('PUT', `/api/users/${userId}/offices/midori`, {
      as: ADMIN,
      body: { role: 'specialist' },
    });
    expect(third.status).toBe(409);
    const first = await api.call('PUT', `/api/users/${userId}/offices/himawari`, {
      as: ADMIN,
      body: { role: 'specialist' },
    });
    expect(first.status).toBe(409);
  });

  it('signs in with both memberships; each request acts for the office it names, with that role, and only its cases', async () => {
    // Signed in after the change (the change's second is refused, as any token of it).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const login = await localLogin(email);
    token = login.json.accessToken ?? '';

    const first = await api.call('GET', '/api/me', as(token));
    expect(first.json).toMatchObject({ officeId: 'himawari', role: 'specialist' });
    expect(first.json.memberships).toEqual([
      expect.objectContaining({ officeId: 'himawari', role: 'specialist' }),
      expect.objectContaining({ officeId: 'aozora', role: 'office_manager' }),
    ]);
    const second = await api.call('GET', '/api/me', as(token, 'aozora'));
    expect(second.json).toMatchObject({ officeId: 'aozora', role: 'office_manager' });

    // Acting for あおぞら: its case is readable, ひまわり's is not (the request is scoped to one office).
    expect((await api.call('GET', `/api/cases/${AOZORA_CASE}`, as(token, 'aozora'))).status).toBe(200);
    expect((await api.call('GET', `/api/cases/${HIMAWARI_CASE}`, as(token, 'aozora'))).status).toBe(404);
    // Acting for ひまわり: the reverse.
    expect((await api.call('GET', `/api/cases/${HIMAWARI_CASE}`, as(token, 'himawari'))).status).toBe(200);
    expect((await api.call('GET', `/api/cases/${AOZORA_CASE}`, as(token))).status).toBe(404);
  });

  it('an office header naming an office the token has no membership of is a 403', async () => {
    const forged = await api.call('GET', `/api/cases/${HIMAWARI_CASE}`, as(token, 'midori'));
    expect(forged.status).toBe(403);
    // The demo specialist of one office cannot borrow another's either.
    const sato = await api.call('GET', '/api/me', {
      as: 'sato@kibou.example',
      headers: { 'x-kikan-office': 'aozora' },
    });
    expect(sato.status).toBe(403);
  });

  it('removing the second membership ends the sessions that carried it; the next sign-in has one office', async () => {
    const removed = await api.call('DELETE', `/api/users/${userId}/offices/aozora`, { as: ADMIN });
    expect(removed.status).toBe(200);
    expect(removed.json.otherMemberships).toEqual([]);

    expect((await api.call('GET', '/api/me', as(token, 'aozora'))).status).toBe(401);
    expect((await api.call('GET', '/api/me', as(token))).status).toBe(401);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    const again = (await localLogin(email)).json.accessToken ?? '';
    const me = await api.call('GET', '/api/me', as(again));
    expect(me.json).toMatchObject({ officeId: 'himawari', role: 'specialist' });
    expect(me.json.memberships).toBeUndefined();
    expect((await api.call('GET', '/api/me', as(again, 'aozora'))).status).toBe(403);
  });
});
