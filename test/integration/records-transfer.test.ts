import { keys, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { expectOnlyDenials } from '../support/refusal.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const SATO = 'sato@kibou.example';
const SUZUKI = 'suzuki@kibou.example';
const TODAY = todayInJapan();
/** ひまわり's 17-year-olds (demo-data.ts) turn 18 within months; case 017's person is 16. */
const caseOf = (n: number) => `demo-kibougaoka-case-${String(n).padStart(3, '0')}`;

const stored = async (caseId: string, tenantId = 'kibougaoka') =>
  (await api.queryPartition(keys.caseItem(tenantId, caseId).pk)).find((item) => item.sk === 'CASE');
const casesOfPerson = async (personId: string) =>
  (await api.allItems()).filter((item) => item.entity === 'case' && item.personId === personId);
const transfer = (
  caseId: string,
  body: Record<string, unknown>,
  headers: Record<string, string>,
  as = SATO,
) => api.call('POST', `/api/cases/${caseId}/transfer-to-adult`, { as, body, headers });
const current = async (caseId: string) => ({ 'if-match': `"${String((await stored(caseId))?.version)}"` });

describe('moving a child plan to an adult plan at 18', () => {
  it('closes the child case and opens the linked adult case at the receiving office in one write', async () => {
    const child = caseOf(20);
    const note = '本人・家族と移行先を見学して決めた';
    const response = await transfer(
      child,
      { transferOn: TODAY, targetOfficeId: 'aozora', note },
      await current(child),
    );
    expect(response.status).toBe(201);
    expect(response.json.closedCase).toMatchObject({
      caseId: child,
      phase: 'closed',
      closedOn: TODAY,
      version: 2,
    });
    expect(response.json.newCaseOfficeId).toBe('aozora');

    const closed = await stored(child);
    const adult = await stored(response.json.newCaseId);
    expect(closed).toMatchObject({ closureReason: 'life_stage_move', nextCaseId: response.json.newCaseId });
    expect(closed).not.toHaveProperty('gsi3pk');
    expect(adult).toMatchObject({
      previousCaseId: child,
      personId: closed?.personId,
      personName: closed?.personName,
      officeId: 'aozora',
      serviceKind: 'plan_consultation',
      phase: 'intake',
      openedOn: TODAY,
      specialistUserId: 'user-tanaka',
      caseCode: response.json.newCaseCode,
    });

    expect((await api.call('GET', `/api/cases/${response.json.newCaseId}`, { as: SUZUKI })).status).toBe(200);
    expect((await api.call('GET', `/api/cases/${response.json.newCaseId}`, { as: SATO })).status).toBe(404);
    const person = await api.call('GET', `/api/persons/${String(closed?.personId)}`, { as: SUZUKI });
    expect(person.json.caseIds).toEqual([response.json.newCaseId]);
    const timeline = await api.call('GET', `/api/cases/${child}/timeline`, { as: SATO });
    expect(timeline.json.entries).toContainEqual(
      expect.objectContaining({
        kind: 'phase',
        record: expect.objectContaining({
          to: 'closed',
          closure: { closedOn: TODAY, reason: 'life_stage_move', postEvaluation: note },
        }),
      }),
    );
  });

  it('opens the adult case at the same office with the caller as specialist when it gives adult plans', async () => {
    const response = await transfer(
      'demo-hokushin-case-003',
      { transferOn: TODAY, targetOfficeId: 'hokushin-sakura' },
      { 'if-match': '"1"' },
      'yamamoto@hokushin.example',
    );
    expect(response.status).toBe(201);
    expect(await stored(response.json.newCaseId, 'hokushin')).toMatchObject({
      officeId: 'hokushin-sakura',
      specialistUserId: 'user-yamamoto',
    });
  });

  it('leaves both cases as they were when the receiving office does not give adult plans (400)', async () => {
    const child = caseOf(21);
    const before = await stored(child);
    const personCases = (await casesOfPerson(String(before?.personId))).length;
    for (const targetOfficeId of ['midori', 'himawari', 'kibou-core', 'no-such-office', 'hokushin-sakura']) {
      const response = await transfer(child, { transferOn: TODAY, targetOfficeId }, await current(child));
      expect(response.status, targetOfficeId).toBe(400);
      expect(response.json.error.fields[0].field).toBe('body.targetOfficeId');
    }
    expect(await stored(child)).toEqual(before);
    expect(await casesOfPerson(String(before?.personId))).toHaveLength(personCases);
  });

  it('refuses a person under 17½ and a case that is not a child plan (409, reason in Japanese)', async () => {
    const young = await transfer(
      caseOf(17),
      { transferOn: TODAY, targetOfficeId: 'aozora' },
      await current(caseOf(17)),
    );
    expect(young.status).toBe(409);
    expect(young.json.error.message).toBe('成人の計画相談支援への移行は17歳6か月から行えます');
    const adultCase = caseOf(30);
    const adult = await transfer(
      adultCase,
      { transferOn: TODAY, targetOfficeId: 'aozora' },
      await current(adultCase),
      SUZUKI,
    );
    expect(adult.status).toBe(409);
    expect(adult.json.error.message).toBe('障害児相談支援のケースだけが計画相談支援へ移行できます');
  });

  it('needs the current version of the child case: 428 without, 412 stale', async () => {
    const child = caseOf(19);
    expect((await transfer(child, { transferOn: TODAY, targetOfficeId: 'aozora' }, {})).status).toBe(428);
    const stale = await transfer(
      child,
      { transferOn: TODAY, targetOfficeId: 'aozora' },
      { 'if-match': '"9"' },
    );
    expect(stale.status).toBe(412);
  });

  it('refuses a specialist who does not work at the receiving office (400)', async () => {
    const child = caseOf(19);
    const response = await transfer(
      child,
      { transferOn: TODAY, targetOfficeId: 'aozora', specialistUserId: 'user-sato' },
      await current(child),
    );
    expect(response.status).toBe(400);
    expect(response.json.error.fields[0].field).toBe('body.specialistUserId');
  });

  it('replays a retried transfer and refuses a second one of a closed case', async () => {
    const child = caseOf(18);
    const headers = { ...(await current(child)), 'idempotency-key': 'transfer-retry-01' };
    const body = { transferOn: TODAY, targetOfficeId: 'aozora', specialistUserId: 'user-suzuki' };
    const first = await transfer(child, body, headers);
    const second = await transfer(child, body, headers);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.json).toEqual(first.json);
    expect(await casesOfPerson(String((await stored(child))?.personId))).toHaveLength(2);
    const again = await transfer(child, body, await current(child));
    expect(again.status).toBe(409);
  });

  it('is a 404 for another office (the core center too) and another tenant, with nothing written', async () => {
    const child = caseOf(19);
    const before = await api.allItems();
    for (const email of [SUZUKI, 'takahashi@kibou.example', 'yamamoto@hokushin.example']) {
      const response = await transfer(
        child,
        { transferOn: TODAY, targetOfficeId: 'aozora' },
        await current(child),
        email,
      );
      expect(response.status, email).toBe(404);
    }
    await expectOnlyDenials(api, before, 2);
  });

  it('offers a part-timer (兼務) whose second office is the receiving one as its specialist', async () => {
    // 小林 works at みどり and, from now on, also at あおぞら (ADR 0033).
    const membership = await api.call('PUT', '/api/users/user-kobayashi/offices/aozora', {
      as: 'admin@kibou.example',
      body: { role: 'specialist' },
    });
    expect(membership.status).toBe(200);
    const child = caseOf(21);

    const response = await transfer(
      child,
      { transferOn: TODAY, targetOfficeId: 'aozora', specialistUserId: 'user-kobayashi' },
      await current(child),
    );

    expect(response.status).toBe(201);
    expect(await stored(response.json.newCaseId)).toMatchObject({
      officeId: 'aozora',
      specialistUserId: 'user-kobayashi',
    });
  });
});

describe('life-stage alerts', () => {
  const alerts = async (email: string, scope: 'mine' | 'office') =>
    (await api.call('GET', `/api/life-stage-alerts?scope=${scope}`, { as: email })).json;

  it("list the office's people turning 6, 18, 40 or 65 within six months, nearest first, with what changes", async () => {
    const list = await alerts(SATO, 'office');
    expect(list.truncated).toBe(false);
    const dates = list.items.map((item: { reachesOn: string }) => item.reachesOn);
    expect(dates).toEqual([...dates].sort());
    const eighteen = list.items.filter((item: { age: number }) => item.age === 18);
    expect(eighteen.length).toBeGreaterThan(0);
    expect(eighteen[0].note).toBe('障害児支援利用計画からサービス等利用計画への移行');
    expect(list.items.some((item: { age: number }) => item.age === 6)).toBe(true);
    for (const item of list.items) expect(item.caseId).toMatch(/^demo-kibougaoka-case-0(0|1|2)/);
  });

  it('leave closed cases out: a person who moved to an adult plan is listed by the new office only', async () => {
    const closedChild = caseOf(20);
    expect((await stored(closedChild))?.phase).toBe('closed');
    expect(
      (await alerts(SATO, 'office')).items.some((item: { caseId: string }) => item.caseId === closedChild),
    ).toBe(false);
  });

  it("show 'mine' only the caller's own cases (65 at あおぞら)", async () => {
    const mine = await alerts('tanaka@kibou.example', 'mine');
    expect(mine.items.length).toBeGreaterThan(0);
    expect(
      mine.items.every((item: { specialistUserId: string }) => item.specialistUserId === 'user-tanaka'),
    ).toBe(true);
    expect(mine.items.some((item: { age: number }) => item.age === 65)).toBe(true);
  });

  it('are not for municipal officers or tenant admins (403)', async () => {
    for (const email of ['ito@kibou.example', 'admin@kibou.example']) {
      expect((await api.call('GET', '/api/life-stage-alerts', { as: email })).status).toBe(403);
    }
  });
});
