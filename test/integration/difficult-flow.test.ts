import { randomUUID } from 'node:crypto';
import { addDays, keys, todayInJapan } from '@kikan/shared';
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
const SUZUKI = 'suzuki@kibou.example';
const TANAKA = 'tanaka@kibou.example';
const TAKAHASHI = 'takahashi@kibou.example';
const NAKAMURA = 'nakamura@hokushin.example';
const TODAY = todayInJapan();

/** Himawari's demo cases: the n-th case is the n-th person's (demo-data.ts). */
const caseOf = (n: number) => `demo-kibougaoka-case-${String(n).padStart(3, '0')}`;
const personOf = (n: number) => `demo-kibougaoka-person-${String(n).padStart(3, '0')}`;
/** demo-records.ts: persons 1, 4, 7… (index % 3 = 0) consented to core-center sharing; 6 revoked it. */
const CONSENTED = 4;
const NOT_CONSENTED = 2;
const ABUSE = 8;
const ACCEPTED_LONG_AGO = 25;

const storedCase = async (caseId: string) =>
  (await api.queryPartition(keys.caseItem('kibougaoka', caseId).pk)).find((item) => item.sk === 'CASE');
const ifMatch = async (caseId: string) => ({
  'if-match': `"${String((await storedCase(caseId))?.version)}"`,
});
const newKey = () => ({ 'idempotency-key': `flow-${randomUUID()}` });
const auditOf = async (recordId: string) =>
  (await api.queryPartition(keys.auditDay('kibougaoka', new Date().toISOString().slice(0, 10)).pk)).filter(
    (entry) => entry.recordId === recordId,
  );

/** A status move at the case's current version, with a fresh Idempotency-Key. */
const move = async (n: number, step: string, as: string, body?: unknown) =>
  api.call('POST', `/api/cases/${caseOf(n)}/difficulty${step}`, {
    as,
    ...(body === undefined ? {} : { body }),
    headers: { ...(await ifMatch(caseOf(n))), ...newKey() },
  });

const flag = (n: number, categories: string[]) =>
  move(n, '', SATO, { categories, note: '家族全体の支援が必要' });

describe('a difficult case from flag to closure', () => {
  it('needs If-Match to flag (428) and the current one (412 with the ETag)', async () => {
    const path = `/api/cases/${caseOf(CONSENTED)}/difficulty`;
    const body = { categories: ['eighty_fifty'] };
    const missing = await api.call('POST', path, { as: SATO, body });
    const stale = await api.call('POST', path, { as: SATO, body, headers: { 'if-match': '"99"' } });

    expect(missing.status).toBe(428);
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe(`"${String((await storedCase(caseOf(CONSENTED)))?.version)}"`);
  });

  it('is flagged by its office: the case carries the status, unshared', async () => {
    const before = (await storedCase(caseOf(CONSENTED)))?.version;
    const response = await flag(CONSENTED, ['eighty_fifty', 'poverty']);

    expect(response.status).toBe(201);
    expect(response.json).toMatchObject({
      caseId: caseOf(CONSENTED),
      sharedWithCore: false,
      difficulty: { status: 'flagged', categories: ['eighty_fifty', 'poverty'], flaggedOn: TODAY },
    });
    expect(response.headers.get('etag')).toBe(`"${Number(before) + 1}"`);
    expect(await storedCase(caseOf(CONSENTED))).toMatchObject({
      difficulty: { status: 'flagged' },
      sharedWithCore: false,
    });
  });

  it('cannot be accepted by the core center before it is shared (404), nor flagged by another office', async () => {
    expect((await move(CONSENTED, '/accept', TAKAHASHI)).status).toBe(404);
    expect((await flag(CONSENTED, ['poverty'])).status).toBe(409);
    const other = await api.call('POST', `/api/cases/${caseOf(CONSENTED)}/difficulty`, {
      as: SUZUKI,
      body: { categories: ['poverty'] },
      headers: await ifMatch(caseOf(CONSENTED)),
    });
    expect(other.status).toBe(404);
  });

  it('is escalated with the consent on record and shared with the core center, audited', async () => {
    const key = newKey();
    const headers = { ...(await ifMatch(caseOf(CONSENTED))), ...key };
    const body = { reason: '8050の状況で、母の入院が近い' };
    const response = await api.call('POST', `/api/cases/${caseOf(CONSENTED)}/difficulty/escalate`, {
      as: SATO,
      body,
      headers,
    });

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      sharedWithCore: true,
      sharing: { basis: 'escalation', since: TODAY },
      difficulty: { status: 'escalated', escalation: { basis: 'escalation', reason: body.reason } },
    });
    const actions = (await auditOf(caseOf(CONSENTED))).map((entry) => `${entry.action}:${entry.recordType}`);
    expect(actions).toEqual(expect.arrayContaining(['update:case', 'update:difficulty']));

    const count = (await api.allItems()).length;
    const retry = await api.call('POST', `/api/cases/${caseOf(CONSENTED)}/difficulty/escalate`, {
      as: SATO,
      body,
      headers,
    });
    expect(retry.status).toBe(200);
    expect(retry.json).toEqual(response.json);
    expect((await api.allItems()).length).toBe(count);
  });

  it('opens in full to the core center once shared: the case and the person, each read audited', async () => {
    const caseRead = await api.call('GET', `/api/cases/${caseOf(CONSENTED)}`, { as: TAKAHASHI });
    const personRead = await api.call('GET', `/api/persons/${personOf(CONSENTED)}`, { as: TAKAHASHI });

    expect(caseRead.json.visibility).toBe('full');
    expect(personRead.status).toBe(200);
    expect(personRead.json.personId).toBe(personOf(CONSENTED));
    const reads = (await auditOf(personOf(CONSENTED))).filter(
      (entry) => entry.actorUserId === 'user-takahashi',
    );
    expect(reads.map((entry) => entry.action)).toEqual(['read']);
  });

  it('is accepted by the core center, and holds a support meeting with agencies, roles and a review date', async () => {
    expect((await move(CONSENTED, '/accept', TAKAHASHI)).json.difficulty).toMatchObject({
      status: 'accepted',
      acceptedOn: TODAY,
    });
    const meeting = await api.call('POST', `/api/cases/${caseOf(CONSENTED)}/difficulty/support-meetings`, {
      as: TAKAHASHI,
      body: {
        heldOn: TODAY,
        agencies: [
          { name: '地域包括支援センター', contribution: '母の介護保険サービスを見直す' },
          { name: '相談支援事業所ひまわり', contribution: '本人の日中活動の見学に同行する' },
        ],
        summary: '各機関が少しずつ役割を広げる',
        assignments: [
          { who: '地域包括支援センター', what: '担当ケアマネジャーと情報共有', dueOn: addDays(TODAY, 14) },
        ],
        nextReviewOn: addDays(TODAY, 30),
      },
      headers: newKey(),
    });

    expect(meeting.status).toBe(201);
    expect(meeting.json.agencies).toHaveLength(2);
    expect(meeting.json.assignments[0]).toMatchObject({
      assignmentId: expect.any(String),
      dueOn: addDays(TODAY, 14),
    });
    const detail = await api.call('GET', `/api/cases/${caseOf(CONSENTED)}/difficulty`, { as: TAKAHASHI });
    expect(detail.json.difficulty.nextReviewOn).toBe(addDays(TODAY, 30));
    expect(detail.json.meetings.map((m: { meetingId: string }) => m.meetingId)).toEqual([
      meeting.json.meetingId,
    ]);
  });

  it('lists overdue reviews: the core center sees every office, an office only its own', async () => {
    // Demo case 25 (ひまわり) was accepted months ago (demo-difficult.ts): a meeting whose review has passed.
    const late = await api.call(
      'POST',
      `/api/cases/${caseOf(ACCEPTED_LONG_AGO)}/difficulty/support-meetings`,
      {
        as: SATO,
        body: {
          heldOn: addDays(TODAY, -40),
          agencies: [{ name: '市 障害福祉課', contribution: '短期入所の緊急枠を確認する' }],
          nextReviewOn: addDays(TODAY, -1),
        },
        headers: newKey(),
      },
    );
    expect(late.status).toBe(201);

    const core = (await api.call('GET', '/api/difficult-cases/reviews/overdue', { as: TAKAHASHI })).json;
    const himawari = (await api.call('GET', '/api/difficult-cases/reviews/overdue', { as: SATO })).json;
    const aozora = (await api.call('GET', '/api/difficult-cases/reviews/overdue', { as: SUZUKI })).json;
    const hokushin = (await api.call('GET', '/api/difficult-cases/reviews/overdue', { as: NAKAMURA })).json;

    const listed = (list: { items: { case: { caseId: string } }[] }) =>
      list.items.map((item) => item.case.caseId);
    expect(
      core.items.find((item: { case: { caseId: string } }) => item.case.caseId === caseOf(ACCEPTED_LONG_AGO)),
    ).toMatchObject({
      nextReviewOn: addDays(TODAY, -1),
      reviewOverdue: true,
      status: 'accepted',
      case: { visibility: 'full' },
    });
    // Not overdue: the review set at today's meeting is a month ahead.
    expect(listed(core)).not.toContain(caseOf(CONSENTED));
    // The demo data holds an overdue review at みどり too.
    expect(
      new Set(core.items.map((item: { case: { officeId: string } }) => item.case.officeId)).size,
    ).toBeGreaterThan(1);
    expect(
      himawari.items.every((item: { case: { officeId: string } }) => item.case.officeId === 'himawari'),
    ).toBe(true);
    expect(listed(himawari)).toContain(caseOf(ACCEPTED_LONG_AGO));
    expect(
      aozora.items.every((item: { case: { officeId: string } }) => item.case.officeId === 'aozora'),
    ).toBe(true);
    expect(listed(hokushin).every((caseId) => caseId.startsWith('demo-hokushin-'))).toBe(true);
    for (const item of [...core.items, ...himawari.items]) expect(item.nextReviewOn < TODAY).toBe(true);
  });

  it('closes only with a core supervisor’s approval: the office proposes, cannot approve (403)', async () => {
    const proposed = await move(CONSENTED, '/propose-closure', SATO, {
      outcome: '母の入院中の支援体制が整った',
    });
    expect(proposed.json.difficulty).toMatchObject({
      status: 'closing_proposed',
      closure: { outcome: '母の入院中の支援体制が整った', proposedBy: 'user-sato' },
    });

    for (const office of [SATO, TANAKA]) {
      const refused = await move(CONSENTED, '/approve-closure', office);
      expect(refused.status, office).toBe(403);
    }
    expect((await move(CONSENTED, '/approve-closure', NAKAMURA)).status).toBe(404);
    expect((await storedCase(caseOf(CONSENTED)))?.difficulty).toMatchObject({ status: 'closing_proposed' });

    const approved = await move(CONSENTED, '/approve-closure', TAKAHASHI);
    expect(approved.status).toBe(200);
    expect(approved.json).toMatchObject({
      sharedWithCore: true,
      difficulty: { status: 'closed', closure: { approvedBy: 'user-takahashi', approvedOn: TODAY } },
    });
    expect(approved.json.difficulty).not.toHaveProperty('nextReviewOn');
    expect(approved.json.difficulty.history.map((entry: { status: string }) => entry.status)).toEqual([
      'flagged',
      'escalated',
      'accepted',
      'closing_proposed',
      'closed',
    ]);
  });

  it('leaves the overdue list once closed, and shows on the board under its status', async () => {
    const overdue = (await api.call('GET', '/api/difficult-cases/reviews/overdue', { as: TAKAHASHI })).json;
    expect(overdue.items.map((item: { case: { caseId: string } }) => item.case.caseId)).not.toContain(
      caseOf(CONSENTED),
    );
    const closed = (await api.call('GET', '/api/difficult-cases?status=closed', { as: TAKAHASHI })).json;
    expect(
      closed.items.find((item: { case: { caseId: string } }) => item.case.caseId === caseOf(CONSENTED)),
    ).toMatchObject({ status: 'closed', case: { visibility: 'full' } });
  });
});

describe('the consent gate of an escalation', () => {
  it('refuses an escalation without the consent (409, Japanese) and writes nothing', async () => {
    expect((await flag(NOT_CONSENTED, ['eighty_fifty'])).status).toBe(201);
    const before = await api.allItems();

    const refused = await move(NOT_CONSENTED, '/escalate', SATO, { reason: '支援の調整が難しい' });

    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toContain('同意');
    expect((await api.allItems()).length).toBe(before.length);
    expect(await storedCase(caseOf(NOT_CONSENTED))).toMatchObject({
      sharedWithCore: false,
      difficulty: { status: 'flagged' },
    });
  });

  it('refuses an emergency without consent when the case is not one of abuse', async () => {
    const refused = await move(NOT_CONSENTED, '/escalate', SATO, {
      reason: '支援の調整が難しい',
      emergency: { reason: '急いでいる' },
    });
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toContain('虐待');
  });

  it('refuses a revoked consent like a missing one', async () => {
    expect((await flag(6, ['poverty'])).status).toBe(201);
    expect((await move(6, '/escalate', SATO, { reason: '支援の調整が難しい' })).status).toBe(409);
  });

  it('allows an emergency escalation of abuse without consent, shared on the emergency and audited', async () => {
    expect((await flag(ABUSE, ['abuse', 'young_carer'])).status).toBe(201);
    const response = await move(ABUSE, '/escalate', SATO, {
      reason: '身体的虐待の疑い',
      emergency: { reason: '本人の身体にあざがあり、市へ通報した' },
    });

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      sharedWithCore: true,
      sharing: { basis: 'emergency' },
      difficulty: {
        escalation: { basis: 'emergency', emergencyReason: '本人の身体にあざがあり、市へ通報した' },
      },
    });
    const emergency = (await auditOf(caseOf(ABUSE))).filter((entry) => entry.action === 'emergency_share');
    expect(emergency).toHaveLength(1);
    expect(emergency[0]).toMatchObject({
      actorUserId: 'user-sato',
      recordType: 'case',
      recordOfficeId: 'himawari',
    });
    expect(JSON.stringify(emergency[0])).not.toContain('あざ');
    expect((await api.call('GET', `/api/cases/${caseOf(ABUSE)}`, { as: TAKAHASHI })).json.visibility).toBe(
      'full',
    );
  });
});

describe('the board by status', () => {
  it('shows the core center every office of its tenant, pseudonymised unless shared', async () => {
    const board = (await api.call('GET', '/api/difficult-cases?limit=100', { as: TAKAHASHI })).json;
    const offices = new Set(board.items.map((item: { case: { officeId: string } }) => item.case.officeId));

    expect([...offices].sort()).toEqual(['aozora', 'himawari', 'midori']);
    for (const item of board.items) {
      expect(item.case.caseId).not.toMatch(/^demo-hokushin-/);
      expect(item.case.visibility).toBe(item.case.sharedWithCore ? 'full' : 'pseudonymised');
      if (!item.case.sharedWithCore) expect(item.case).not.toHaveProperty('personName');
    }
  });

  it('filters by status and by office for the core center', async () => {
    const flagged = (await api.call('GET', '/api/difficult-cases?status=flagged', { as: TAKAHASHI })).json;
    const aozora = (await api.call('GET', '/api/difficult-cases?officeId=aozora', { as: TAKAHASHI })).json;

    expect(flagged.items.length).toBeGreaterThan(0);
    expect(flagged.items.every((item: { status: string }) => item.status === 'flagged')).toBe(true);
    expect(aozora.items.length).toBeGreaterThan(0);
    expect(
      aozora.items.every((item: { case: { officeId: string } }) => item.case.officeId === 'aozora'),
    ).toBe(true);
  });

  it('shows an office its own cases only, and refuses it another office’s filter (403)', async () => {
    const own = (await api.call('GET', '/api/difficult-cases', { as: SUZUKI })).json;
    expect(own.items.length).toBeGreaterThan(0);
    for (const item of own.items) {
      expect(item.case.officeId).toBe('aozora');
      expect(item.case.visibility).toBe('full');
    }
    expect((await api.call('GET', '/api/difficult-cases?officeId=himawari', { as: SUZUKI })).status).toBe(
      403,
    );
  });

  it('refuses municipal officers and tenant admins (403)', async () => {
    for (const as of ['ito@kibou.example', 'admin@kibou.example']) {
      expect((await api.call('GET', '/api/difficult-cases', { as })).status).toBe(403);
      expect((await api.call('GET', '/api/difficult-cases/reviews/overdue', { as })).status).toBe(403);
    }
  });
});
