import { keys } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AOZORA_CASE, HIMAWARI_CASE, HOKUSHIN_CASE } from '../support/personas.ts';
import { newCaseBody, startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * SECURITY.md row 14: a user removed, or moved to another office or role, loses access on the next
 * request even with a token that is still valid. The refused request writes nothing, not even an
 * audit entry. A revoked session is a 401 (`session_revoked`), not the 404 of a record that is not
 * the caller's: the token no longer speaks for anyone, and the portal must send the user to sign
 * in again rather than show "not found".
 */

let api: TestApi;
/** Where the local issuer's clock stands against the real one: tokens are stamped at will. */
let issuerOffsetMs = 0;
beforeAll(async () => {
  api = await startTestApi({ issuerClock: () => Date.now() + issuerOffsetMs, observeWrites: true });
});
afterAll(async () => {
  await api.stop();
});

const ADMIN = 'admin@kibou.example';
const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
/** The writes the stack acknowledged since `writesFrom()` was called. */
const writesFrom = () => {
  const observer = api.observer;
  if (!observer) throw new Error('the stack runs without the write observer');
  observer.clear();
  return () => observer.writes.map((write) => write.operation);
};

/**
 * Runs `issue` with the issuer's clock `offsetMs` away from now. `iat` has whole seconds, so a
 * token of the very second of a change counts as before it: one second later is after it.
 */
const issuedAt = async <T>(offsetMs: number, issue: () => Promise<T>): Promise<T> => {
  issuerOffsetMs = offsetMs;
  try {
    return await issue();
  } finally {
    issuerOffsetMs = 0;
  }
};
const userItem = async (tenantId: string, userId: string) =>
  (await api.queryPartition(keys.user(tenantId, userId).pk)).find(
    (item) => item.sk === keys.user(tenantId, userId).sk,
  );

describe('a user moved to another office', () => {
  it('loses the old office with the token they still hold, and nothing the refused requests did is stored', async () => {
    const oldToken = await api.tokenOf('sato@kibou.example');
    expect((await api.call('GET', `/api/cases/${HIMAWARI_CASE}`, { token: oldToken })).status).toBe(200);

    const moved = await api.call('PUT', '/api/users/user-sato/membership', {
      as: ADMIN,
      body: { officeId: 'aozora', role: 'specialist' },
    });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ userId: 'user-sato', officeId: 'aozora', status: 'active' });

    const written = writesFrom();
    const read = await api.call('GET', `/api/cases/${HIMAWARI_CASE}`, { token: oldToken });
    const write = await api.call('POST', '/api/cases', {
      token: oldToken,
      body: newCaseBody(),
      headers: { 'idempotency-key': 'revoked-create-1' },
    });
    const me = await api.call('GET', '/api/me', { token: oldToken });

    for (const response of [read, write, me]) {
      expect(response.status).toBe(401);
      expect(response.json.error.code).toBe('session_revoked');
      expect(response.headers.get('www-authenticate')).toContain('Bearer');
    }
    // Not even the audit entry of the read: every write of a refused request waits for the check.
    expect(written()).toEqual([]);
  });

  it('signs in to the new office: the local issuer mints from the directory', async () => {
    // Signed in a second after the move (the clock moved, not waited for).
    const login = await issuedAt(1000, () =>
      fetch(`${api.stack.url}/local-auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'sato@kibou.example' }),
      }),
    );
    const { accessToken } = (await login.json()) as { accessToken: string };
    expect(claimsOf(accessToken)['custom:office']).toBe('aozora');

    expect((await api.call('GET', `/api/cases/${AOZORA_CASE}`, { token: accessToken })).status).toBe(200);
    expect((await api.call('GET', `/api/cases/${HIMAWARI_CASE}`, { token: accessToken })).status).toBe(404);
    expect((await api.call('GET', '/api/me', { token: accessToken })).json.officeId).toBe('aozora');
  });

  it('refuses a token issued before a change even when office and role are the same again', async () => {
    // Issued a second before the changes below (the clock moved back, not waited for).
    const token = await issuedAt(-1000, () =>
      api.stack.issuer.mint({
        userId: 'user-kobayashi',
        email: 'kobayashi@kibou.example',
        tenantId: 'kibougaoka',
        officeId: 'midori',
        role: 'specialist',
      }),
    );
    expect((await api.call('GET', '/api/cases', { token })).status).toBe(200);

    const there = await api.call('PUT', '/api/users/user-kobayashi/membership', {
      as: ADMIN,
      body: { officeId: 'himawari', role: 'specialist' },
    });
    const back = await api.call('PUT', '/api/users/user-kobayashi/membership', {
      as: ADMIN,
      body: { officeId: 'midori', role: 'specialist' },
    });
    expect([there.status, back.status]).toEqual([200, 200]);

    const response = await api.call('GET', '/api/cases', { token });
    expect(response.status).toBe(401);
    expect(response.json.error.code).toBe('session_revoked');
  });

  it('refuses a token whose role the admin changed', async () => {
    const token = await api.tokenOf('tanaka@kibou.example');
    expect((await api.call('GET', '/api/cases', { token })).status).toBe(200);

    const changed = await api.call('PUT', '/api/users/user-tanaka/membership', {
      as: ADMIN,
      body: { officeId: 'aozora', role: 'specialist' },
    });
    expect(changed.status).toBe(200);
    expect((await api.call('GET', '/api/cases', { token })).status).toBe(401);
  });
});

describe('a removed user', () => {
  it('is refused on the next request and can no longer sign in; the audit log still names them', async () => {
    const token = await api.tokenOf('suzuki@kibou.example');
    expect((await api.call('GET', `/api/cases/${AOZORA_CASE}`, { token })).status).toBe(200);

    const removed = await api.call('DELETE', '/api/users/user-suzuki', { as: ADMIN });
    expect(removed.status).toBe(200);
    expect(removed.json).toMatchObject({ userId: 'user-suzuki', status: 'removed' });

    const written = writesFrom();
    const read = await api.call('GET', `/api/cases/${AOZORA_CASE}`, { token });
    expect(read.status).toBe(401);
    expect(read.json.error.code).toBe('session_revoked');
    expect(written()).toEqual([]);

    const login = await fetch(`${api.stack.url}/local-auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'suzuki@kibou.example' }),
    });
    expect(login.status).toBe(400);

    // The item stays, marked removed, so the audit log can still name who read what.
    expect(await userItem('kibougaoka', 'user-suzuki')).toMatchObject({ status: 'removed' });
    const today = new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10);
    const suzukiEntries: { actorName: string }[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `from=${today}&to=${today}&limit=100${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await api.call('GET', `/api/audit?${query}`, { as: ADMIN });
      expect(page.status).toBe(200);
      suzukiEntries.push(
        ...page.json.items.filter((entry: { actorUserId: string }) => entry.actorUserId === 'user-suzuki'),
      );
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(suzukiEntries.length).toBeGreaterThan(0);
    expect(suzukiEntries[0]?.actorName).toBe('鈴木 健一');
  });

  it('is no longer on the staff lists, and cannot be removed or moved again', async () => {
    const staff = await api.call('GET', '/api/users?officeId=aozora', { as: ADMIN });
    expect(staff.status).toBe(200);
    const ids = staff.json.items.map((member: { userId: string }) => member.userId);
    expect(ids).toContain('user-sato');
    expect(ids).not.toContain('user-suzuki');
    expect((await api.call('DELETE', '/api/users/user-suzuki', { as: ADMIN })).status).toBe(404);
    expect(
      (
        await api.call('PUT', '/api/users/user-suzuki/membership', {
          as: ADMIN,
          body: { officeId: 'aozora', role: 'specialist' },
        })
      ).status,
    ).toBe(404);
  });
});

describe('the admin routes', () => {
  it('refuse a user of another tenant as not found, and change nothing', async () => {
    const before = await userItem('hokushin', 'user-yamamoto');
    const response = await api.call('DELETE', '/api/users/user-yamamoto', { as: ADMIN });
    expect(response.status).toBe(404);
    expect(await userItem('hokushin', 'user-yamamoto')).toEqual(before);
    const yamamoto = await api.call('GET', `/api/cases/${HOKUSHIN_CASE}`, {
      as: 'yamamoto@hokushin.example',
    });
    expect(yamamoto.status).toBe(200);
  });

  it("refuse an office that is not the tenant's", async () => {
    const response = await api.call('PUT', '/api/users/user-takahashi/membership', {
      as: ADMIN,
      body: { officeId: 'hokushin-sakura', role: 'core_supervisor' },
    });
    expect(response.status).toBe(400);
    expect(response.json.error.fields[0].field).toBe('body.officeId');
  });

  it('refuse an admin changing or removing themselves', async () => {
    expect((await api.call('DELETE', '/api/users/user-admin', { as: ADMIN })).status).toBe(409);
    expect(
      (
        await api.call('PUT', '/api/users/user-admin/membership', {
          as: ADMIN,
          body: { officeId: 'kibou-city', role: 'specialist' },
        })
      ).status,
    ).toBe(409);
  });

  it('are for the tenant admin only', async () => {
    const response = await api.call('DELETE', '/api/users/user-kobayashi', { as: 'takahashi@kibou.example' });
    expect(response.status).toBe(403);
    expect(await userItem('kibougaoka', 'user-kobayashi')).not.toHaveProperty('status', 'removed');
  });
});
