import { keys } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseBody, startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * SECURITY.md row 6: nobody raises their own privileges. Role and office change only through the
 * tenant admin's membership route; every other caller is refused and the directory keeps the role;
 * a body naming a role, tenant or office where the route does not take one is a 400; the admin
 * cannot change or remove themselves (another admin must). The Cognito side (custom attributes not
 * writable by the app client) is proven by infra/test/security.test.ts, row 6.
 */

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const TENANT = 'kibougaoka';
const userItem = async (userId: string) =>
  (await api.queryPartition(keys.user(TENANT, userId).pk)).find(
    (item) => item.sk === keys.user(TENANT, userId).sk,
  );

describe('a user who is not the tenant admin', () => {
  it.each([
    ['a specialist', 'sato@kibou.example', 'user-sato'],
    ['an office manager', 'tanaka@kibou.example', 'user-tanaka'],
    ['a core supervisor', 'takahashi@kibou.example', 'user-takahashi'],
    ['a municipal officer', 'ito@kibou.example', 'user-ito'],
  ])('%s cannot make themselves tenant admin: 403, role and office unchanged', async (_, email, userId) => {
    const before = await userItem(userId);
    expect(before).toBeDefined();
    const response = await api.call('PUT', `/api/users/${userId}/membership`, {
      as: email,
      body: { officeId: String(before?.officeId), role: 'tenant_admin' },
    });
    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe('forbidden');
    expect(await userItem(userId)).toEqual(before);
    const me = await api.call('GET', '/api/me', { as: email });
    expect(me.status).toBe(200);
    expect(me.json.role).toBe(before?.role);
  });

  it('cannot remove or move a colleague either', async () => {
    const before = await userItem('user-suzuki');
    const moved = await api.call('PUT', '/api/users/user-suzuki/membership', {
      as: 'tanaka@kibou.example',
      body: { officeId: 'himawari', role: 'office_manager' },
    });
    const removed = await api.call('DELETE', '/api/users/user-suzuki', { as: 'tanaka@kibou.example' });
    expect([moved.status, removed.status]).toEqual([403, 403]);
    expect(await userItem('user-suzuki')).toEqual(before);
  });

  it.each([
    ['role', { role: 'tenant_admin' }],
    ['tenantId', { tenantId: 'hokushin' }],
    ['officeId at the top level', { officeId: 'aozora' }],
    ['createdBy', { createdBy: 'user-admin' }],
  ])('cannot smuggle %s into a write: 400 naming it, nothing stored', async (field, extra) => {
    const before = (await api.allItems()).length;
    const response = await api.call('POST', '/api/cases', {
      as: 'sato@kibou.example',
      body: { ...newCaseBody(), ...extra },
      headers: { 'idempotency-key': `escalation-${field.replace(/\W/g, '-')}` },
    });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('validation_failed');
    const named = (response.json.error.fields as { field: string }[]).map((entry) => entry.field).join(' ');
    expect(named).toContain(Object.keys(extra)[0]);
    expect((await api.allItems()).length).toBe(before);
  });
});

describe('the tenant admin', () => {
  it('cannot change or remove their own membership (another admin must): 409, unchanged', async () => {
    const before = await userItem('user-admin');
    const changed = await api.call('PUT', '/api/users/user-admin/membership', {
      as: 'admin@kibou.example',
      body: { officeId: 'himawari', role: 'specialist' },
    });
    const removed = await api.call('DELETE', '/api/users/user-admin', { as: 'admin@kibou.example' });
    expect([changed.status, removed.status]).toEqual([409, 409]);
    expect(await userItem('user-admin')).toEqual(before);
  });

  it('cannot give a user of another tenant a role here: 404, their directory untouched', async () => {
    const other = keys.user('hokushin', 'user-yamamoto');
    const before = (await api.queryPartition(other.pk)).find((item) => item.sk === other.sk);
    expect(before).toBeDefined();
    const response = await api.call('PUT', '/api/users/user-yamamoto/membership', {
      as: 'admin@kibou.example',
      body: { officeId: 'himawari', role: 'tenant_admin' },
    });
    expect(response.status).toBe(404);
    expect((await api.queryPartition(other.pk)).find((item) => item.sk === other.sk)).toEqual(before);
  });
});
