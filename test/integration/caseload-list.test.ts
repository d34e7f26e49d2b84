import { keys, lastDayOfMonth, todayInJapan } from '@kikan/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../support/csv.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * The caseload list an office works from (issue 15 point 5): sorted, filtered and counted over the
 * office's own cases, with 担当者 and 受給者証番号, and the same list as a file. The stored case
 * items are the truth the answers are checked against.
 */

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
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Item = Record<string, unknown>;
interface Row {
  caseId: string;
  caseCode: string;
  visibility: string;
  personKana?: string;
  nextMonitoringDueOn: string | null;
  openedOn: string;
  phase: string;
  serviceKind: string;
  specialistUserId?: string;
  specialistName?: string;
  recipientNumber?: string;
}

const storedCases = async (officeId: string): Promise<Item[]> =>
  (await api.allItems()).filter((item) => item.entity === 'case' && item.officeId === officeId);

/** Every page of a list, with the total each page gave. */
const wholeList = async (as: string, query: string) => {
  const rows: Row[] = [];
  const totals: unknown[] = [];
  let cursor: string | null = null;
  do {
    const response = await api.call(
      'GET',
      `/api/cases?limit=7&${query}${cursor ? `&cursor=${cursor}` : ''}`,
      { as },
    );
    expect(response.status, `${as} ${query}`).toBe(200);
    rows.push(...response.json.items);
    totals.push(response.json.total);
    cursor = response.json.nextCursor;
  } while (cursor);
  return { rows, totals };
};

const ids = (rows: readonly { caseId: unknown }[]) => rows.map((row) => String(row.caseId));
const sortedIds = (rows: readonly { caseId: unknown }[]) => ids(rows).sort();

describe("an office's caseload list", () => {
  it('lists every case of the office and none of another, with the total on every page', async () => {
    const stored = await storedCases('himawari');
    const { rows, totals } = await wholeList(SATO, '');
    expect(sortedIds(rows)).toEqual(sortedIds(stored.map((item) => ({ caseId: item.caseId }))));
    expect(new Set(totals)).toEqual(new Set([stored.length]));
    expect(rows.every((row) => row.visibility === 'full')).toBe(true);
  });

  it('sorts by kana (the default), by next due date (none last) and by opened date (newest first)', async () => {
    const byKana = (await wholeList(SATO, '')).rows.map((row) => row.personKana ?? '');
    expect(byKana).toEqual([...byKana].sort());

    const byDue = (await wholeList(SATO, 'sort=next_due')).rows.map((row) => row.nextMonitoringDueOn);
    const dated = byDue.filter((day) => day !== null);
    expect(dated).toEqual([...dated].sort());
    expect(byDue.slice(dated.length).every((day) => day === null)).toBe(true);

    const byOpened = (await wholeList(SATO, 'sort=opened_on')).rows.map((row) => row.openedOn);
    expect(byOpened).toEqual([...byOpened].sort().reverse());
  });

  it('filters by phase, service kind and due status as the stored cases say, and counts the filtered list', async () => {
    const stored = await storedCases('himawari');
    const today = todayInJapan();
    const monthEnd = lastDayOfMonth(today.slice(0, 7));
    const expected = {
      'phase=monitoring': stored.filter((item) => item.phase === 'monitoring'),
      'serviceKind=child_plan_consultation': stored.filter(
        (item) => item.serviceKind === 'child_plan_consultation',
      ),
      'due=overdue': stored.filter(
        (item) => typeof item.nextMonitoringDueOn === 'string' && item.nextMonitoringDueOn < today,
      ),
      'due=due_this_month': stored.filter(
        (item) =>
          typeof item.nextMonitoringDueOn === 'string' &&
          item.nextMonitoringDueOn >= today &&
          item.nextMonitoringDueOn <= monthEnd,
      ),
      'due=none': stored.filter((item) => !item.nextMonitoringDueOn),
    };
    for (const [query, items] of Object.entries(expected)) {
      const { rows, totals } = await wholeList(SATO, query);
      expect(sortedIds(rows), query).toEqual(sortedIds(items.map((item) => ({ caseId: item.caseId }))));
      expect(totals[0], query).toBe(items.length);
    }
    expect(expected['due=overdue'].length + expected['due=none'].length).toBeGreaterThan(0);
  });

  it("filters by specialist and names each case's 担当者 and 受給者証番号", async () => {
    const stored = await storedCases('aozora');
    const suzukis = stored.filter((item) => item.specialistUserId === 'user-suzuki');
    const { rows, totals } = await wholeList(TANAKA, 'specialistUserId=user-suzuki');
    expect(sortedIds(rows)).toEqual(sortedIds(suzukis.map((item) => ({ caseId: item.caseId }))));
    expect(totals[0]).toBe(suzukis.length);
    expect(rows.every((row) => row.specialistName === '鈴木 健一')).toBe(true);

    const [first] = rows;
    const person = (
      await api.call(
        'GET',
        `/api/persons/${String(suzukis.find((item) => item.caseId === first?.caseId)?.personId)}`,
        { as: TANAKA },
      )
    ).json;
    expect(first?.recipientNumber).toBe(person.recipientNumber);
  });

  it('a new case shows at once, counted, with its number', async () => {
    const before = (await api.call('GET', '/api/cases?limit=1', { as: SUZUKI })).json.total;
    const created = await api.call('POST', '/api/cases', {
      as: SUZUKI,
      body: {
        person: {
          name: '一覧 確認',
          kana: 'イチラン カクニン',
          birthDate: '1980-01-02',
          municipalityCode: '990001',
          recipientNumber: '5550001111',
        },
        serviceKind: 'plan_consultation',
        planAuthor: 'specialist',
        monitoringPeriodMonths: 6,
        openedOn: '2026-04-01',
      },
    });
    expect(created.status).toBe(201);
    const { rows, totals } = await wholeList(SUZUKI, 'due=none');
    expect(rows.find((row) => row.caseId === created.json.caseId)).toMatchObject({
      recipientNumber: '5550001111',
      specialistName: '鈴木 健一',
    });
    expect((await api.call('GET', '/api/cases?limit=1', { as: SUZUKI })).json.total).toBe(before + 1);
    expect(totals[0]).toBeGreaterThan(0);
  });
});

describe("the core center's view of another office (pseudonymised)", () => {
  it('is never sorted by kana: kana order and the specialist filter are refused with 400', async () => {
    const kana = await api.call('GET', '/api/cases?officeId=himawari&sort=kana', { as: TAKAHASHI });
    expect(kana.status).toBe(400);
    expect(kana.json.error.fields.map((field: { field: string }) => field.field)).toEqual(['query.sort']);
    const specialist = await api.call('GET', '/api/cases?officeId=himawari&specialistUserId=user-sato', {
      as: TAKAHASHI,
    });
    expect(specialist.status).toBe(400);
    expect(specialist.json.error.fields[0].field).toBe('query.specialistUserId');
  });

  it('goes in case-code order by default and counts the office, naming no specialist or number', async () => {
    const stored = await storedCases('himawari');
    const { rows, totals } = await wholeList(TAKAHASHI, 'officeId=himawari');
    const codes = rows.map((row) => row.caseCode);
    expect(codes).toEqual([...codes].sort());
    expect(totals[0]).toBe(stored.length);
    const hidden = rows.filter((row) => row.visibility === 'pseudonymised');
    expect(hidden.length).toBeGreaterThan(0);
    for (const row of hidden) {
      expect(row).not.toHaveProperty('specialistName');
      expect(row).not.toHaveProperty('recipientNumber');
      expect(row).not.toHaveProperty('personKana');
    }
  });

  it('sorts by due date with ties broken by case code, not by name', async () => {
    const { rows } = await wholeList(TAKAHASHI, 'officeId=himawari&sort=next_due');
    for (let index = 1; index < rows.length; index += 1) {
      const [a, b] = [rows[index - 1], rows[index]];
      if (a && b && a.nextMonitoringDueOn === b.nextMonitoringDueOn)
        expect(a.caseCode < b.caseCode).toBe(true);
    }
  });

  it('refuses orders and filters on the list of every office, which is not counted', async () => {
    expect((await api.call('GET', '/api/cases?sort=next_due', { as: TAKAHASHI })).status).toBe(400);
    expect((await api.call('GET', '/api/cases', { as: TAKAHASHI })).json.total).toBeNull();
  });
});

describe("the office's caseload as a file", () => {
  const download = async (email: string, path: string) => {
    const response = await fetch(`${api.stack.url}${path}`, {
      headers: { authorization: `Bearer ${await api.tokenOf(email)}` },
    });
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  };
  const auditEntries = async (action: string) => {
    const day = new Date().toISOString().slice(0, 10);
    return (await api.queryPartition(keys.auditDay('kibougaoka', day).pk)).filter(
      (entry) => entry.action === action,
    );
  };

  it('holds the list with its filters and order, its 担当者 and 受給者証番号, and leaves one audit entry', async () => {
    const before = (await auditEntries('export')).length;
    const { response, bytes } = await download(SATO, '/api/cases/export.csv?sort=next_due');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = parseCsv(bytes.toString('utf8').slice(1));
    expect(header).toEqual([
      'ケース番号',
      '氏名',
      'フリガナ',
      '生年月日',
      '受給者証番号',
      '担当者',
      'サービス種類',
      'フェーズ',
      '開始日',
      '次回モニタリング期限',
      '期限の状況',
      '終結日',
    ]);
    const list = (await wholeList(SATO, 'sort=next_due')).rows;
    expect(rows.map((row) => row[0])).toEqual(list.map((row) => row.caseCode));
    expect(rows.map((row) => row[4])).toEqual(list.map((row) => row.recipientNumber ?? ''));
    expect(new Set(rows.map((row) => row[5]))).toEqual(new Set(['佐藤 美咲']));

    const entries = await auditEntries('export');
    expect(entries.length).toBe(before + 1);
    expect(entries.at(-1)).toMatchObject({
      actorUserId: 'user-sato',
      recordType: 'caseload',
      recordId: 'himawari',
      recordOfficeId: 'himawari',
    });
  });

  it('as XLSX has the same rows, filtered', async () => {
    const { response, bytes } = await download(TANAKA, '/api/cases/export.xlsx?phase=monitoring');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(XLSX_TYPE);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const sheet = workbook.getWorksheet('ケース一覧');
    const codes: string[] = [];
    sheet?.eachRow((row, number) => {
      if (number > 1) codes.push(String(row.getCell(1).value));
    });
    const list = (await wholeList(TANAKA, 'phase=monitoring')).rows;
    expect(codes).toEqual(list.map((row) => row.caseCode));
    expect(codes.length).toBeGreaterThan(0);
  });

  it("never holds another office's case: each office's file is its own cases", async () => {
    const { bytes } = await download(SUZUKI, '/api/cases/export.csv');
    const codes = new Set(
      parseCsv(bytes.toString('utf8').slice(1))
        .slice(1)
        .map((row) => row[0]),
    );
    const aozora = await storedCases('aozora');
    expect(codes).toEqual(new Set(aozora.map((item) => item.caseCode)));
  });

  it('is refused to the core center (403), and writes no export entry', async () => {
    const before = (await auditEntries('export')).length;
    const { response } = await download(TAKAHASHI, '/api/cases/export.csv');
    expect(response.status).toBe(403);
    expect((await auditEntries('export')).length).toBe(before);
  });
});
