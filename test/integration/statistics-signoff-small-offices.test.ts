import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * Issue 14 point 8: a sign-off that can finish when offices have no manager (ひまわり and みどり in
 * the demo). The tenant admin named their specialist to confirm the office's figures (数値確認者);
 * the core center records, with a reason and an audit entry, an office that confirmed on paper; the
 * year then goes through the core center to the municipality's approval. FY2024 has no demo
 * sign-off state, and this file has its own table.
 */

let api: TestApi;
const YEAR = 2024;
const SATO = 'sato@kibou.example'; // specialist at ひまわり, named to confirm its figures
const KOBAYASHI = 'kobayashi@kibou.example'; // specialist at みどり, named too
const SUZUKI = 'suzuki@kibou.example'; // specialist at あおぞら, which has a manager: not named
const TANAKA = 'tanaka@kibou.example'; // あおぞら's manager
const TAKAHASHI = 'takahashi@kibou.example';
const ITO = 'ito@kibou.example';
const ADMIN = 'admin@kibou.example';

const path = (step = '') => `/api/statistics/signoff/${YEAR}${step}`;
const post = (as: string, step: string, body?: unknown) =>
  api.call('POST', path(step), { as, ...(body === undefined ? {} : { body }) });

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

describe('sign-off by offices without a manager', () => {
  it('refuses a specialist who was not named to confirm (403), and writes nothing', async () => {
    const before = (await api.call('GET', path(), { as: ITO })).json.version;
    const response = await post(SUZUKI, '/office-confirmation');
    expect(response.status).toBe(403);
    expect(response.json.error.message).toMatch(/数値確認者/);
    expect((await api.call('GET', path(), { as: ITO })).json.version).toBe(before);
  });

  it("lets the named specialist confirm their own office's figures, shown with their name", async () => {
    const response = await post(SATO, '/office-confirmation');
    expect(response.status).toBe(200);
    const himawari = response.json.offices.find(
      (office: { officeId: string }) => office.officeId === 'himawari',
    );
    expect(himawari.confirmation).toMatchObject({ by: 'user-sato', byName: '佐藤 美咲' });
    expect(himawari.confirmation.recorded).toBeUndefined();
  });

  it("shows a specialist their own office's row only", async () => {
    const response = await api.call('GET', path(), { as: SATO });
    expect(response.status).toBe(200);
    expect(response.json.offices.map((office: { officeId: string }) => office.officeId)).toEqual([
      'himawari',
    ]);
  });

  it('refuses to record "no activity" for an office that has figures (409)', async () => {
    const response = await post(TAKAHASHI, '/offices/midori/recorded-confirmation', {
      basis: 'no_activity',
      reason: '年度内の活動なし',
    });
    expect(response.status).toBe(409);
  });

  it('names the field when the reason is missing (400)', async () => {
    const response = await post(TAKAHASHI, '/offices/midori/recorded-confirmation', { basis: 'paper' });
    expect(response.status).toBe(400);
    expect(response.json.error.fields.map((field: { field: string }) => field.field)).toContain(
      'body.reason',
    );
  });

  it("records an office's paper confirmation for it with its reason, in the record and the audit log", async () => {
    const response = await post(TAKAHASHI, '/offices/midori/recorded-confirmation', {
      basis: 'paper',
      reason: '令和7年4月10日に管理者の押印のある確認書を受領',
    });
    expect(response.status).toBe(200);
    const midori = response.json.offices.find((office: { officeId: string }) => office.officeId === 'midori');
    expect(midori.confirmation).toMatchObject({
      by: 'user-takahashi',
      recorded: { basis: 'paper', reason: '令和7年4月10日に管理者の押印のある確認書を受領' },
    });
    const entries = (await api.allItems()).filter(
      (item) =>
        item.entity === 'audit' &&
        item.recordType === 'figures_sign_off' &&
        item.actorUserId === 'user-takahashi',
    );
    expect(entries).toHaveLength(1);
    // The log keeps who, what and when; the reason stays in the sign-off record.
    expect(JSON.stringify(entries[0])).not.toContain('確認書');
  });

  it('goes on to the core confirmation and the municipal approval once every office is confirmed', async () => {
    // Before あおぞら confirms, the core center is told which office is missing.
    const early = await post(TAKAHASHI, '/core-confirmation');
    expect(early.status).toBe(409);
    expect(early.json.error.message).toMatch(/あおぞら/);

    expect((await post(TANAKA, '/office-confirmation')).status).toBe(200);
    expect((await post(TAKAHASHI, '/core-confirmation')).status).toBe(200);
    const approved = await post(ITO, '/approval');
    expect(approved.status).toBe(200);
    expect(approved.json.status).toBe('approved');
  });

  it("lets みどり's named specialist see the year approved", async () => {
    const response = await api.call('GET', path(), { as: KOBAYASHI });
    expect(response.status).toBe(200);
    expect(response.json.status).toBe('approved');
    expect(response.json.offices).toHaveLength(1);
  });

  it('ends the designation when the tenant admin changes the membership without it', async () => {
    const change = await api.call('PUT', '/api/users/user-kobayashi/membership', {
      as: ADMIN,
      body: { officeId: 'midori', role: 'specialist', confirmsFigures: false },
    });
    expect(change.status).toBe(200);
    expect(change.json.confirmsFigures).toBe(false);
    const refused = await api.call('PUT', '/api/users/user-kobayashi/membership', {
      as: ADMIN,
      body: { officeId: 'midori', role: 'office_manager', confirmsFigures: true },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.fields.map((field: { field: string }) => field.field)).toEqual([
      'body.confirmsFigures',
    ]);
  });
});
