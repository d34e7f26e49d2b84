import { randomUUID } from 'node:crypto';
import { addDays, fiscalYearOf, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * ADR 0027: a supervision of office staff and a support meeting produce their own ledger events,
 * which the indicators count and which follow their record; no hand entry, no direct edit.
 */

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const TAKAHASHI = 'takahashi@kibou.example';
const SATO = 'sato@kibou.example';
const SUZUKI = 'suzuki@kibou.example';
const ITO = 'ito@kibou.example';
const TODAY = todayInJapan();
/** demo-difficult.ts: case 25 (ひまわり) was accepted by the core center months ago. */
const ACCEPTED_CASE = 'demo-kibougaoka-case-025';

const newKey = () => ({ 'idempotency-key': `derived-${randomUUID()}` });

/** The indicator's count in the month of `day`, read as the municipality reads it. */
const countIn = async (indicatorId: string, day: string): Promise<number> => {
  const response = await api.call('GET', `/api/statistics/figures?fiscalYear=${fiscalYearOf(day)}`, {
    as: ITO,
  });
  expect(response.status).toBe(200);
  const { months, indicators } = response.json.figures as {
    months: string[];
    indicators: { indicatorId: string; total: { months: (number | null)[] } }[];
  };
  const indicator = indicators.find((candidate) => candidate.indicatorId === indicatorId);
  return indicator?.total.months[months.indexOf(day.slice(0, 7))] ?? 0;
};

const recordSupervision = async (specialistUserIds: string[], heldOn = TODAY) => {
  const response = await api.call('POST', '/api/supervisions', {
    as: TAKAHASHI,
    body: {
      kind: specialistUserIds.length === 1 ? 'individual' : 'group',
      heldOn,
      specialistUserIds,
      topics: ['アセスメントの深め方'],
      summary: '本人の言葉で希望を書く練習をした',
    },
    headers: newKey(),
  });
  expect(response.status).toBe(201);
  return response.json as { supervisionId: string; version: number };
};

const correct = (supervisionId: string, version: number, body: unknown) =>
  api.call('PATCH', `/api/supervisions/${supervisionId}`, {
    as: TAKAHASHI,
    body,
    headers: { 'if-match': `"${version}"` },
  });

const eventOf = (id: string, as = TAKAHASHI) => api.call('GET', `/api/ledger/events/${id}`, { as });

/** A day in the month before today's, in today's fiscal year when there is one. */
const LAST_MONTH = addDays(`${TODAY.slice(0, 7)}-01`, -1).slice(0, 8) + '10';

describe('a supervision of office staff', () => {
  it('puts its advice event in the ledger, and the advice indicator rises by one', async () => {
    const before = await countIn('advice_visits', TODAY);

    const supervision = await recordSupervision(['user-sato', 'user-suzuki']);

    const event = await eventOf(supervision.supervisionId);
    expect(event.status).toBe(200);
    expect(event.json).toMatchObject({
      kind: 'advice_visit',
      heldOn: TODAY,
      officeIds: ['himawari', 'aozora'],
      title: 'グループスーパービジョン',
      notes: '',
      source: { kind: 'supervision', id: supervision.supervisionId },
    });
    expect(JSON.stringify(event.json)).not.toContain('本人の言葉');
    expect(await countIn('advice_visits', TODAY)).toBe(before + 1);
  });

  it('moves its event, and the figure, when its date is corrected into another month', async () => {
    const supervision = await recordSupervision(['user-sato']);
    const [thisMonthBefore, lastMonthBefore] = [
      await countIn('advice_visits', TODAY),
      await countIn('advice_visits', LAST_MONTH),
    ];

    const corrected = await correct(supervision.supervisionId, supervision.version, { heldOn: LAST_MONTH });

    expect(corrected.status).toBe(200);
    expect(corrected.json).toMatchObject({ heldOn: LAST_MONTH, version: 2 });
    expect((await eventOf(supervision.supervisionId)).json).toMatchObject({ heldOn: LAST_MONTH, version: 2 });
    expect(await countIn('advice_visits', TODAY)).toBe(thisMonthBefore - 1);
    expect(await countIn('advice_visits', LAST_MONTH)).toBe(lastMonthBefore + 1);
  });

  it("removes its event when a correction leaves only the core center's own staff", async () => {
    const supervision = await recordSupervision(['user-sato']);
    const before = await countIn('advice_visits', TODAY);

    const corrected = await correct(supervision.supervisionId, supervision.version, {
      specialistUserIds: ['user-takahashi'],
    });

    expect(corrected.status).toBe(200);
    expect((await eventOf(supervision.supervisionId)).status).toBe(404);
    expect(await countIn('advice_visits', TODAY)).toBe(before - 1);
    const stored = (await api.allItems()).filter(
      (item) => item.eventId === supervision.supervisionId && item.entity !== 'idempotency',
    );
    expect(stored).toEqual([]);
  });

  it('refuses a correction at a stale version (412), leaving the record and its event as they were', async () => {
    const supervision = await recordSupervision(['user-sato']);
    expect((await correct(supervision.supervisionId, supervision.version, { summary: '追記' })).status).toBe(
      200,
    );

    const stale = await correct(supervision.supervisionId, supervision.version, { heldOn: LAST_MONTH });

    expect(stale.status).toBe(412);
    expect((await eventOf(supervision.supervisionId)).json.heldOn).toBe(TODAY);
  });

  it('cannot be edited in the ledger itself (409, in Japanese, naming the record to correct)', async () => {
    const supervision = await recordSupervision(['user-sato']);
    const event = await eventOf(supervision.supervisionId);

    const response = await api.call('PATCH', `/api/ledger/events/${supervision.supervisionId}`, {
      as: TAKAHASHI,
      body: { heldOn: LAST_MONTH },
      headers: { 'if-match': `"${event.json.version}"` },
    });

    expect(response.status).toBe(409);
    expect(response.json.error.message).toContain('元の記録');
    expect((await eventOf(supervision.supervisionId)).json.heldOn).toBe(TODAY);
  });

  it('is seen by the office advised, and not by another office (404, absent from its list)', async () => {
    const supervision = await recordSupervision(['user-sato']);

    expect((await eventOf(supervision.supervisionId, SATO)).status).toBe(200);
    expect((await eventOf(supervision.supervisionId, SUZUKI)).status).toBe(404);
    const listed = await api.call('GET', `/api/ledger/events?fiscalYear=${fiscalYearOf(TODAY)}&limit=100`, {
      as: SUZUKI,
    });
    expect(listed.json.items.map((item: { eventId: string }) => item.eventId)).not.toContain(
      supervision.supervisionId,
    );
  });

  it('is corrected by the core center only (403 for office staff)', async () => {
    const supervision = await recordSupervision(['user-sato']);

    const response = await api.call('PATCH', `/api/supervisions/${supervision.supervisionId}`, {
      as: SATO,
      body: { heldOn: LAST_MONTH },
      headers: { 'if-match': '"1"' },
    });

    expect(response.status).toBe(403);
  });
});

describe("a supervision of the core center's own staff", () => {
  it('advises no office: no ledger event, the figure unchanged', async () => {
    const before = await countIn('advice_visits', TODAY);

    const supervision = await recordSupervision(['user-takahashi']);

    expect((await eventOf(supervision.supervisionId)).status).toBe(404);
    expect(await countIn('advice_visits', TODAY)).toBe(before);
  });
});

describe('a support meeting of an accepted difficult case', () => {
  it("puts its case review in the ledger and the office's participation record", async () => {
    const before = await countIn('case_review_sessions', TODAY);

    const meeting = await api.call('POST', `/api/cases/${ACCEPTED_CASE}/difficulty/support-meetings`, {
      as: SATO,
      body: {
        heldOn: TODAY,
        agencies: [{ name: '市 障害福祉課', contribution: '短期入所の緊急枠を確認する' }],
        nextReviewOn: addDays(TODAY, 30),
      },
      headers: newKey(),
    });
    expect(meeting.status).toBe(201);

    const event = await eventOf(meeting.json.meetingId);
    expect(event.json).toMatchObject({
      kind: 'case_review',
      officeIds: ['himawari'],
      linkedCaseCount: 1,
      organisations: [],
      source: { kind: 'support_meeting', id: meeting.json.meetingId },
    });
    expect(JSON.stringify(event.json)).not.toContain(ACCEPTED_CASE);
    expect(await countIn('case_review_sessions', TODAY)).toBe(before + 1);
    const participation = await api.call(
      'GET',
      `/api/ledger/participation?fiscalYear=${fiscalYearOf(TODAY)}`,
      { as: SATO },
    );
    const reviews = participation.json.groups.find((group: { kind: string }) => group.kind === 'case_review');
    expect(reviews.events.map((entry: { eventId: string }) => entry.eventId)).toContain(
      meeting.json.meetingId,
    );
  });
});
