import { LEDGER_EVENT_KIND_LABELS, fiscalYearOf, formatJapaneseEraDate, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCases } from '../../services/local/demo-data.ts';
import { demoLedgerEvents } from '../../services/local/demo-ledger.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { parseCsv } from '../support/csv.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const TAKAHASHI = 'takahashi@kibou.example';
const TANAKA = 'tanaka@kibou.example';
const SATO = 'sato@kibou.example';
const NOW = new Date();
const PREVIOUS = fiscalYearOf(todayInJapan(NOW)) - 1;
const DEMO = demoLedgerEvents('kibougaoka', NOW);

const download = async (email: string, query: string) => {
  const response = await fetch(`${api.stack.url}/api/ledger/participation.csv?${query}`, {
    headers: { authorization: `Bearer ${await api.tokenOf(email)}` },
  });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
};

describe('participation record', () => {
  it("groups the events an office took part in by kind, with the demo year's counts", async () => {
    const response = await api.call('GET', `/api/ledger/participation?fiscalYear=${PREVIOUS}`, {
      as: TANAKA,
    });

    expect(response.status).toBe(200);
    const expected = DEMO.filter(
      (event) => fiscalYearOf(event.heldOn) === PREVIOUS && event.officeIds.includes('aozora'),
    );
    expect(response.json).toMatchObject({ officeId: 'aozora', fiscalYear: PREVIOUS, total: expected.length });
    for (const group of response.json.groups) {
      expect(group.count).toBe(expected.filter((event) => event.kind === group.kind).length);
      expect(group.label).toBe(LEDGER_EVENT_KIND_LABELS[group.kind as keyof typeof LEDGER_EVENT_KIND_LABELS]);
    }
    expect(response.json.groups.map((group: { kind: string }) => group.kind)).toEqual([
      'advice_visit',
      'training',
      'collaboration',
      'case_review',
      'council_session',
      'subcommittee_session',
    ]);
  });

  it('lets the core center read any office of its tenant, and no office of another', async () => {
    const midori = await api.call('GET', `/api/ledger/participation?officeId=midori&fiscalYear=${PREVIOUS}`, {
      as: TAKAHASHI,
    });
    expect(midori.status).toBe(200);
    expect(midori.json.officeName).toBe('地域移行支援センターみどり');
    const other = await api.call('GET', '/api/ledger/participation?officeId=hokushin-sakura', {
      as: TAKAHASHI,
    });
    expect(other.status).toBe(404);
  });

  it("refuses an office worker another office's record, and the municipality any", async () => {
    expect((await api.call('GET', '/api/ledger/participation?officeId=aozora', { as: SATO })).status).toBe(
      403,
    );
    expect(
      (await api.call('GET', '/api/ledger/participation.csv?officeId=aozora', { as: SATO })).status,
    ).toBe(403);
    expect((await api.call('GET', '/api/ledger/participation', { as: 'ito@kibou.example' })).status).toBe(
      403,
    );
  });
});

describe('participation CSV', () => {
  it('starts with the UTF-8 BOM, is offered as an attachment with a Japanese file name, and is not cached', async () => {
    const { response, bytes } = await download(TANAKA, `fiscalYear=${PREVIOUS}`);

    expect(response.status).toBe(200);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const disposition = response.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toMatch(
      /^参加記録_相談支援事業所あおぞら_令和\d+年度\.csv$/,
    );
  });

  it('parses back to the rows of the JSON record, dates also in 令和', async () => {
    const json = (await api.call('GET', `/api/ledger/participation?fiscalYear=${PREVIOUS}`, { as: TANAKA }))
      .json;
    const { bytes } = await download(TANAKA, `fiscalYear=${PREVIOUS}`);

    const text = bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = text.slice(1).split('\r\n');
    expect(rows.at(-1)).toBe('');
    const [header, ...body] = rows.slice(0, -1).map((line) => line.split(','));
    expect(header).toEqual([
      '日付',
      '日付（和暦）',
      '種別',
      '名称',
      '参加事業所数',
      '参加機関数',
      '参加機関',
      '参加者数',
      '関連事例数',
    ]);
    const fromJson = json.groups.flatMap(
      (group: {
        label: string;
        events: {
          heldOn: string;
          title: string;
          officeCount: number;
          organisationCount: number;
          organisations: string[];
          participantCount: number;
          linkedCaseCount: number;
        }[];
      }) =>
        group.events.map((event) => [
          event.heldOn,
          formatJapaneseEraDate(event.heldOn),
          group.label,
          event.title,
          String(event.officeCount),
          String(event.organisationCount),
          event.organisations.join('、'),
          String(event.participantCount),
          String(event.linkedCaseCount),
        ]),
    );
    expect(body).toEqual(fromJson);
    expect(body.length).toBe(json.total);
  });

  it('quotes a title holding a comma, quotes and a line break so the file still parses', async () => {
    const title = '研修 "虐待防止", 第1回\n午後の部';
    const created = await api.call('POST', '/api/ledger/events', {
      as: TAKAHASHI,
      body: { kind: 'training', heldOn: '2023-06-01', title, officeIds: ['midori'], participantCount: 5 },
    });
    expect(created.status).toBe(201);

    const { bytes } = await download(TAKAHASHI, 'officeId=midori&fiscalYear=2023');

    const rows = parseCsv(bytes.toString('utf8').slice(1));
    expect(rows).toHaveLength(2);
    expect(rows[1]?.slice(0, 4)).toEqual(['2023-06-01', '令和5年6月1日', '人材育成', title]);
  });
});

describe('linked cases', () => {
  it('are never named in any ledger response: no person name, kana, recipient number, case id or code', async () => {
    const event = await api.call('POST', '/api/ledger/events', {
      as: TAKAHASHI,
      body: {
        kind: 'case_review',
        heldOn: `${PREVIOUS}-10-01`,
        title: '事例検討会',
        officeIds: ['himawari', 'aozora'],
        participantCount: 6,
        caseIds: demoCases('kibougaoka', NOW)
          .slice(0, 40)
          .map(({ record }) => record.caseId),
      },
    });
    expect(event.status).toBe(201);
    expect(event.json.linkedCaseCount).toBe(40);

    const responses: string[] = [event.text];
    for (const email of [TAKAHASHI, SATO, TANAKA]) {
      responses.push(
        (await api.call('GET', `/api/ledger/events?fiscalYear=${PREVIOUS}&limit=100`, { as: email })).text,
      );
      responses.push((await api.call('GET', `/api/ledger/events/${event.json.eventId}`, { as: email })).text);
      responses.push(
        (await api.call('GET', `/api/ledger/participation?fiscalYear=${PREVIOUS}`, { as: email })).text,
      );
      responses.push((await download(email, `fiscalYear=${PREVIOUS}`)).bytes.toString('utf8'));
    }
    responses.push(
      (
        await api.call('PATCH', `/api/ledger/events/${event.json.eventId}`, {
          as: TAKAHASHI,
          body: { notes: '検証済み' },
          headers: { 'if-match': '"1"' },
        })
      ).text,
    );

    const all = responses.join('\n');
    expect(all).toContain(event.json.eventId);
    for (const { person, record } of demoCases('kibougaoka', NOW)) {
      for (const secret of [
        person.name,
        person.kana,
        person.recipientNumber,
        record.caseId,
        record.caseCode,
      ]) {
        if (secret) expect(all).not.toContain(secret);
      }
    }
  });
});
