import { formatJapaneseEraDate } from '@kikan/shared';
import { readFile } from 'node:fs/promises';
import { DECISIONS_IMPORT_COLUMNS } from '@kikan/shared/decisions-import';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvOf, runJob, uploadFile, type ImportCells } from '../support/import-files.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * The municipality's service decisions (issue 15 point 3): the municipal officer's file updates
 * the open cases of every office whose person holds the row's 受給者証番号 with the same reading and
 * birth date, as if each office had recorded it; unmatched and ambiguous rows come back as row
 * numbers only; the same file again changes nothing; an office's staff cannot upload one.
 */

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const ITO = 'ito@kibou.example';
const SATO = 'sato@kibou.example';
const ROUTES = '/api/decision-imports';
const HEADERS = DECISIONS_IMPORT_COLUMNS.map((column) => column.header);
const encode = (text: string) => new TextEncoder().encode(`${text}`);

const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const VALID_FROM = dayOffset(-20);
const VALID_TO = dayOffset(340);

/** Every item but the imports' own bookkeeping and the access log. */
const domainItems = async () =>
  (await api.allItems()).filter(
    (item) => !['import_job', 'import_chunk', 'audit'].includes(String(item.entity)),
  );
const stableJson = (items: Record<string, unknown>[]) =>
  items.map((item) => JSON.stringify(item, Object.keys(item).sort())).sort();

interface Subject {
  caseItem: Record<string, unknown>;
  person: Record<string, unknown>;
}

/** Open cases at an office of persons with a number of 990001 and no other open case elsewhere. */
const subjectsAt = (items: Record<string, unknown>[], officeId: string): Subject[] => {
  const persons = new Map(
    items.filter((item) => item.entity === 'person').map((item) => [String(item.personId), item]),
  );
  const openCases = items.filter(
    (item) => item.entity === 'case' && item.tenantId === 'kibougaoka' && item.phase !== 'closed',
  );
  return openCases
    .filter((item) => item.officeId === officeId)
    .flatMap((caseItem) => {
      const person = persons.get(String(caseItem.personId));
      return person?.recipientNumber && person.municipalityCode === '990001' ? [{ caseItem, person }] : [];
    });
};

const rowOf = (person: Record<string, unknown>, cells: ImportCells = {}): ImportCells => ({
  受給者証番号: String(person.recipientNumber),
  カナ氏名: String(person.kana),
  生年月日: String(person.birthDate),
  サービス種類: '居宅介護',
  '支給決定期間 開始': VALID_FROM,
  '支給決定期間 終了': VALID_TO,
  支給量: '20時間/月',
  '計画相談支援給付費の支給期間 開始': VALID_FROM,
  '計画相談支援給付費の支給期間 終了': VALID_TO,
  'モニタリング期間（月）': '3',
  ...cells,
});

describe('decisions import', () => {
  it('updates cases at two offices, reports unmatched and ambiguous rows by number only, and is idempotent', async () => {
    const items = await api.allItems();
    const [himawari, other] = subjectsAt(items, 'himawari');
    const [aozora] = subjectsAt(items, 'aozora');
    if (!himawari || !other || !aozora) throw new Error('demo data lacks open numbered cases');
    const rows: ImportCells[] = [
      rowOf(himawari.person),
      rowOf(aozora.person),
      // A second service of the same person and period: one decision listing both.
      rowOf(aozora.person, { サービス種類: '生活介護', 支給量: '22日/月' }),
      rowOf(himawari.person, { 受給者証番号: '1234567890' }),
      rowOf(other.person, { 生年月日: '1900-01-01' }),
    ];
    const file = encode(csvOf(rows, HEADERS));

    const jobId = await uploadFile(api, ITO, file, ROUTES);
    const checked = await runJob(api, ITO, jobId, 'dry_run', ROUTES);
    expect(checked).toMatchObject({
      state: 'checked',
      rowsTotal: 5,
      // Counted in decisions: rows 3 and 4 are one.
      rowsNew: 2,
      rowsUnchanged: 0,
      problems: [],
      unmatchedRows: [5],
      ambiguousRows: [6],
    });

    const imported = await runJob(api, ITO, jobId, 'import', ROUTES);
    expect(imported).toMatchObject({
      state: 'imported',
      rowsDone: 2,
      unmatchedRows: [5],
      ambiguousRows: [6],
    });
    // What the municipal officer sees names no office, case or person of the matched rows.
    const polled = await api.call('GET', `${ROUTES}/${jobId}`, { as: ITO });
    for (const text of [JSON.stringify(checked), JSON.stringify(imported), polled.text]) {
      for (const { caseItem, person } of [himawari, aozora, other]) {
        for (const secret of [
          caseItem.caseId,
          caseItem.caseCode,
          caseItem.officeId,
          person.name,
          person.kana,
        ]) {
          expect(text).not.toContain(String(secret));
        }
      }
    }

    const after = await api.allItems();
    const caseOf = (subject: Subject) =>
      after.find((item) => item.entity === 'case' && item.caseId === subject.caseItem.caseId);
    for (const subject of [himawari, aozora]) {
      expect(caseOf(subject)).toMatchObject({
        decision: { validFrom: VALID_FROM, validTo: VALID_TO, periodMonths: 3 },
        monitoringPeriodMonths: 3,
        nextMonitoringDueOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      });
    }
    expect(caseOf(other)?.decision).toEqual(other.caseItem.decision);
    const decisions = after.filter(
      (item) =>
        item.entity === 'service_decision' &&
        item.caseId === aozora.caseItem.caseId &&
        item.validFrom === VALID_FROM,
    );
    expect(decisions).toEqual([
      expect.objectContaining({
        officeId: 'aozora',
        services: [
          '居宅介護 20時間/月',
          `計画相談支援給付費 ${formatJapaneseEraDate(VALID_FROM)}〜${formatJapaneseEraDate(VALID_TO)}`,
          '生活介護 22日/月',
        ],
      }),
    ]);
    const audits = after.filter((item) => item.entity === 'audit' && item.recordType === 'decisions_import');
    expect(audits).toEqual([expect.objectContaining({ recordId: jobId, action: 'create', rowCount: 2 })]);

    const before = stableJson(await domainItems());
    const againId = await uploadFile(api, ITO, file, ROUTES);
    const again = await runJob(api, ITO, againId, 'dry_run', ROUTES);
    expect(again).toMatchObject({ state: 'checked', rowsNew: 0, rowsUnchanged: 2, problemCount: 0 });
    const reimported = await runJob(api, ITO, againId, 'import', ROUTES);
    expect(reimported).toMatchObject({ state: 'imported', rowsDone: 0 });
    expect(stableJson(await domainItems())).toEqual(before);
  }, 60_000);

  it('lists row problems and writes nothing while any row has one', async () => {
    const rows: ImportCells[] = [
      rowOf({ recipientNumber: '123', kana: 'ヤマダ', birthDate: '2000-01-01' }),
      rowOf(
        { recipientNumber: '1234567891', kana: 'ヤマダ', birthDate: '2000-01-01' },
        {
          '支給決定期間 終了': dayOffset(-40),
        },
      ),
    ];
    const jobId = await uploadFile(api, ITO, encode(csvOf(rows, HEADERS)), ROUTES);
    const checked = await runJob(api, ITO, jobId, 'dry_run', ROUTES);
    expect(checked.problems).toEqual([
      { row: 2, column: '受給者証番号', message: expect.stringContaining('10桁') },
      { row: 3, column: '支給決定期間 終了', message: '支給決定期間の終了日は開始日より後にしてください' },
    ]);
    const refused = await api.call('POST', `${ROUTES}/${jobId}/runs`, { as: ITO, body: { mode: 'import' } });
    expect(refused.status).toBe(409);
  });

  it("reads the README's sample file: one person's two services are one decision, every row unmatched here", async () => {
    const sample = await readFile(new URL('../../docs/samples/decisions.csv', import.meta.url));
    const jobId = await uploadFile(api, ITO, new Uint8Array(sample), ROUTES);
    const checked = await runJob(api, ITO, jobId, 'dry_run', ROUTES);
    expect(checked).toMatchObject({
      state: 'checked',
      rowsTotal: 3,
      problemCount: 0,
      unmatchedRows: [2, 3, 4],
    });
  });

  it("is the municipality's and the tenant admin's: an office's specialist is refused", async () => {
    const refused = await api.call('POST', ROUTES, { as: SATO, body: { sizeBytes: 100 } });
    expect(refused.status).toBe(403);
    const admin = await api.call('POST', ROUTES, { as: 'admin@kibou.example', body: { sizeBytes: 100 } });
    expect(admin.status).toBe(201);
    // A decisions job is not an office import: the caseload routes do not know it.
    const asCaseload = await api.call('GET', `/api/imports/${admin.json.job.jobId}`, {
      as: 'admin@kibou.example',
    });
    expect(asCaseload.status).toBe(403);
  });
});
