import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const SATO = 'sato@kibou.example';
interface Found {
  caseId: string;
  officeId: string;
  personName: string;
  personKana: string;
  visibility: string;
}
const search = async (email: string, q: string, extra = '') => {
  const response = await api.call('GET', `/api/cases/search?q=${encodeURIComponent(q)}${extra}`, {
    as: email,
  });
  return {
    status: response.status,
    items: (response.json?.items ?? []) as Found[],
    next: response.json?.nextCursor,
  };
};
const everyPage = async (email: string, q: string, limit: number) => {
  const items: Found[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await search(email, q, `&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.items);
    cursor = page.next;
    pages += 1;
  } while (cursor);
  return { items, pages };
};

describe('searching cases', () => {
  it('finds by kana prefix, typed in hiragana or katakana, with or without the space', async () => {
    // ひまわり holds アオキ リン (case 001) and アオキ ミナト (case 026).
    for (const q of ['あおき', 'アオキ', 'ｱｵｷ']) {
      const { items } = await search(SATO, q);
      expect(items.map((item) => item.personKana).sort(), q).toEqual(['アオキ ミナト', 'アオキ リン']);
    }
    for (const q of ['あおき　りん', 'アオキリ']) {
      expect(
        (await search(SATO, q)).items.map((item) => item.caseId),
        q,
      ).toEqual(['demo-kibougaoka-case-001']);
    }
  });

  it('finds by part of the name', async () => {
    const { items } = await search(SATO, '青木');
    expect(items.length).toBe(2);
    expect(items.every((item) => item.personName.startsWith('青木') && item.visibility === 'full')).toBe(
      true,
    );
  });

  it('finds by a full recipient number without reading the caseload, only at the caller office', async () => {
    expect((await search(SATO, '9000001000')).items.map((item) => item.caseId)).toEqual([
      'demo-kibougaoka-case-001',
    ]);
    expect((await search('suzuki@kibou.example', '9000001000')).items).toEqual([]);
    expect((await search('yamamoto@hokushin.example', '9000001000')).items).toEqual([]);
  });

  it("never shows another office's cases, not even to the core center", async () => {
    // あおぞら holds アオキ ヒマリ; the core center's own cases have no アオキ.
    const aozora = await search('suzuki@kibou.example', 'アオキ');
    expect(aozora.items.map((item) => item.officeId)).toEqual(['aozora']);
    expect((await search('takahashi@kibou.example', 'アオキ')).items).toEqual([]);
    expect((await search('takahashi@kibou.example', '青木')).items).toEqual([]);
  });

  it('pages through every match exactly once', async () => {
    const all = (await search(SATO, 'ア', '&limit=100')).items;
    const paged = await everyPage(SATO, 'ア', 1);
    expect(paged.items.map((item) => item.caseId)).toEqual(all.map((item) => item.caseId));
    expect(paged.pages).toBeGreaterThanOrEqual(all.length);
  });

  it('refuses an empty query and a foreign cursor (400), and municipal officers (403)', async () => {
    expect((await search(SATO, ' ')).status).toBe(400);
    const forged = Buffer.from(JSON.stringify({ gsi1pk: 'T#kibougaoka#OFFICE#aozora#CASES' })).toString(
      'base64url',
    );
    expect((await search(SATO, 'ア', `&cursor=${forged}`)).status).toBe(400);
    expect((await search('ito@kibou.example', 'ア')).status).toBe(403);
  });
});

describe('listing staff', () => {
  const staff = (email: string, officeId?: string) =>
    api.call('GET', `/api/users${officeId ? `?officeId=${officeId}` : ''}`, { as: email });

  it("gives office staff their own office's colleagues, without email addresses", async () => {
    const response = await staff('suzuki@kibou.example');
    expect(response.status).toBe(200);
    expect(response.json.items.map((user: { userId: string }) => user.userId).sort()).toEqual([
      'user-suzuki',
      'user-tanaka',
    ]);
    expect(response.json.items.find((user: { userId: string }) => user.userId === 'user-tanaka')).toEqual({
      userId: 'user-tanaka',
      displayName: '田中 陽子',
      role: 'office_manager',
      officeId: 'aozora',
      senior: true,
      confirmsFigures: false,
    });
    expect((await staff('suzuki@kibou.example', 'himawari')).status).toBe(403);
  });

  it('lets the core center and the tenant admin list any office of their own tenant only', async () => {
    for (const email of ['takahashi@kibou.example', 'admin@kibou.example']) {
      const himawari = await staff(email, 'himawari');
      expect(himawari.json.items.map((user: { userId: string }) => user.userId)).toEqual(['user-sato']);
      expect((await staff(email, 'hokushin-sakura')).status).toBe(404);
    }
    expect((await staff('ito@kibou.example')).status).toBe(403);
  });
});
