import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * SECURITY.md row 25: every change the tenant admin makes to a user's office, role or status leaves
 * exactly one audit entry — who changed whom, before → after as codes (office id, role, status),
 * and the request — written in the same transaction as the change. A refused change leaves none.
 */

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const ADMIN = 'admin@kibou.example';
type Item = Record<string, unknown>;
const keyOf = (item: Item) => `${String(item.pk)}|${String(item.sk)}`;

/** The audit entries written since `before`. */
const auditsSince = async (before: readonly Item[]) => {
  const known = new Set(before.map(keyOf));
  return (await api.allItems()).filter((item) => item.entity === 'audit' && !known.has(keyOf(item)));
};

/** What a user-change entry may hold: who, whom, what, when, which request. No name, no e-mail. */
const ENTRY_KEYS = [
  'pk',
  'sk',
  'entity',
  'at',
  'requestId',
  'actorUserId',
  'actorRole',
  'actorOfficeId',
  'action',
  'recordType',
  'recordId',
  'before',
  'after',
].sort();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const seenRequestIds = new Set<string>();

const expectOneChangeEntry = (entries: Item[], expected: Item) => {
  expect(entries).toHaveLength(1);
  const [entry] = entries;
  expect(entry).toMatchObject({
    entity: 'audit',
    actorUserId: 'user-admin',
    actorRole: 'tenant_admin',
    actorOfficeId: 'kibou-city',
    recordType: 'user',
    ...expected,
  });
  expect(Object.keys(entry ?? {}).sort()).toEqual(ENTRY_KEYS);
  // The request's own id (the gateway's), in the entry's key as well: one request, one entry.
  const requestId = String(entry?.requestId);
  expect(requestId).toMatch(UUID);
  expect(String(entry?.sk)).toContain(`#${requestId}#`);
  expect(seenRequestIds.has(requestId)).toBe(false);
  seenRequestIds.add(requestId);
  expect(JSON.stringify(entry)).not.toMatch(/小林|kobayashi@/);
};

describe('the tenant admin changing a user', () => {
  it('moving a user to another office leaves one entry: actor, target, office before → after, request id', async () => {
    const before = await api.allItems();

    const response = await api.call('PUT', '/api/users/user-kobayashi/membership', {
      as: ADMIN,
      body: { officeId: 'aozora', role: 'specialist' },
    });

    expect(response.status).toBe(200);
    expectOneChangeEntry(await auditsSince(before), {
      action: 'update',
      recordId: 'user-kobayashi',
      before: { officeId: 'midori', role: 'specialist', status: 'active' },
      after: { officeId: 'aozora', role: 'specialist', status: 'active' },
    });
  });

  it('changing a user’s role leaves one entry with the role before → after', async () => {
    const before = await api.allItems();

    const response = await api.call('PUT', '/api/users/user-kobayashi/membership', {
      as: ADMIN,
      body: { officeId: 'aozora', role: 'office_manager' },
    });

    expect(response.status).toBe(200);
    expectOneChangeEntry(await auditsSince(before), {
      action: 'update',
      recordId: 'user-kobayashi',
      before: { officeId: 'aozora', role: 'specialist', status: 'active' },
      after: { officeId: 'aozora', role: 'office_manager', status: 'active' },
    });
  });

  it('removing a user leaves one entry with the status before → after', async () => {
    const before = await api.allItems();

    const response = await api.call('DELETE', '/api/users/user-kobayashi', { as: ADMIN });

    expect(response.status).toBe(200);
    expectOneChangeEntry(await auditsSince(before), {
      action: 'delete',
      recordId: 'user-kobayashi',
      before: { officeId: 'aozora', role: 'office_manager', status: 'active' },
      after: { officeId: 'aozora', role: 'office_manager', status: 'removed' },
    });
  });
});

describe('a refused change to a user', () => {
  it.each([
    ['the admin changing themselves (409)', 'PUT', '/api/users/user-admin/membership', ADMIN, 409],
    ['the admin removing themselves (409)', 'DELETE', '/api/users/user-admin', ADMIN, 409],
    ['an unknown user (404)', 'PUT', '/api/users/user-nobody/membership', ADMIN, 404],
    ['a user already removed (404)', 'DELETE', '/api/users/user-kobayashi', ADMIN, 404],
    ['a user of another tenant (404)', 'PUT', '/api/users/user-yamamoto/membership', ADMIN, 404],
    ['an office manager (403)', 'PUT', '/api/users/user-suzuki/membership', 'tanaka@kibou.example', 403],
  ])('%s leaves no entry and changes nothing', async (_, method, path, as, status) => {
    const before = await api.allItems();

    const response = await api.call(method, path, {
      as,
      ...(method === 'PUT' ? { body: { officeId: 'himawari', role: 'specialist' } } : {}),
    });

    expect(response.status).toBe(status);
    expect(await api.allItems()).toEqual(before);
  });
});
