import {
  INDICATOR_AGGREGATION_LABELS,
  INDICATOR_DIRECTION_LABELS,
  INDICATOR_GROUP_LABELS,
  achievementOf,
  SUPPRESSED_MARK,
  fiscalYearOf,
  formatFiscalYear,
  DEFAULT_PLAN_PERIODS,
  planPeriodOf,
  todayInJapan,
  type FiguresView,
  type IndicatorFigures,
} from '@kikan/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCases } from '../../services/local/demo-data.ts';
import { parseCsv } from '../support/csv.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const ITO = 'ito@kibou.example';
const TAKAHASHI = 'takahashi@kibou.example';
const NAKAMURA = 'nakamura@hokushin.example';
const SATO = 'sato@kibou.example';
const NOW = new Date();
const CURRENT = fiscalYearOf(todayInJapan(NOW));
/** The last complete year with twelve months of demo data, when it is in a plan period. */
const YEAR = planPeriodOf(DEFAULT_PLAN_PERIODS, CURRENT - 1) ? CURRENT - 1 : CURRENT;
/** Figures of people or their cases are suppressed outside; activity figures are published whole (ADR 0013). */
const PERSON_MEASURES = new Set([
  'service_users',
  'self_plans',
  'self_plan_rate',
  'monitoring_on_time_rate',
  'difficult_cases',
  'reaching_age',
  'load_per_specialist',
]);
const PERSON_INDICATORS = new Set(
  (planPeriodOf(DEFAULT_PLAN_PERIODS, YEAR)?.indicators ?? [])
    .filter((definition) => PERSON_MEASURES.has(definition.measure.kind))
    .map((definition) => definition.indicatorId),
);
const isPeopleCount = (indicator: IndicatorFigures) =>
  indicator.figureKind === 'count' && PERSON_INDICATORS.has(indicator.indicatorId);
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const download = async (email: string, path: string) => {
  const response = await fetch(`${api.stack.url}${path}`, {
    headers: { authorization: `Bearer ${await api.tokenOf(email)}` },
  });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
};

const figuresOf = async (email: string): Promise<FiguresView['figures']> => {
  const response = await api.call('GET', `/api/statistics/figures?fiscalYear=${YEAR}`, { as: email });
  expect(response.status).toBe(200);
  return (response.json as FiguresView).figures;
};

const csvOf = async (email: string, query: string): Promise<string[][]> => {
  const { response, bytes } = await download(email, `/api/statistics/export.csv?${query}`);
  expect(response.status).toBe(200);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(bytes.toString('utf8').slice(1));
};

const workbookOf = async (email: string, path: string): Promise<ExcelJS.Workbook> => {
  const { response, bytes } = await download(email, path);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe(XLSX_TYPE);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return workbook;
};

const filenameOf = (response: Response): string =>
  decodeURIComponent((response.headers.get('content-disposition') ?? '').split("UTF-8''")[1] ?? '');

/** How the CSV writes a figure: a number as its decimal text, nothing as an empty cell. */
const asCsv = (value: number | null): string => (value === null ? '' : String(value));

const scopeRows = (rows: string[][], label: string) => rows.filter((row) => row[1] === label);
/** Columns of the CSV: 区分, 指標, 単位, 集計方法, 評価の向き, 見込量, 実績, 達成率, 達成状況, 4月 … 3月. */
const ACTUAL = 6;
const FIRST_MONTH = 9;

const cellValues = (row: ExcelJS.Row, from: number, to: number): ExcelJS.CellValue[] =>
  Array.from({ length: to - from + 1 }, (_, index) => row.getCell(from + index).value);

/** The year's 実績 row of an indicator on a group sheet: column D..F are the plan period's years. */
const actualOnGroupSheet = (
  sheet: ExcelJS.Worksheet,
  label: string,
  yearColumn: number,
): ExcelJS.CellValue => {
  let current = '';
  for (let index = 5; index <= sheet.rowCount; index += 1) {
    const row = sheet.getRow(index);
    current = row.getCell(1).text || current;
    if (current === label && row.getCell(3).text === '実績') return row.getCell(yearColumn).value;
  }
  throw new Error(`no 実績 row for ${label}`);
};

/**
 * The totals attack on an exported count: its municipality rows and its 全体 row as a table of
 * months with the year as each row's total. A row or column with exactly one "*" gives it back by
 * subtraction; none may have one.
 */
const attackableLines = (rows: readonly string[][], months: number): string[] => {
  // Without months a row is its year figure alone: no sum to subtract from, only the column's.
  const grid = rows.map((row) =>
    months > 0 ? [...row.slice(FIRST_MONTH, FIRST_MONTH + months), row[ACTUAL] ?? ''] : [row[ACTUAL] ?? ''],
  );
  const lines = [
    ...grid.map((line, index) => ({ name: `${rows[index]?.[0]} ${rows[index]?.[1]}`, line })),
    ...(grid[0] ?? []).map((_, column) => ({
      name: `${rows[0]?.[1]} column ${column}`,
      line: grid.map((line) => line[column]),
    })),
  ];
  return lines
    .filter(({ line }) => line.length > 1)
    .filter(({ line }) => line.filter((value) => value === SUPPRESSED_MARK).length === 1)
    .map(({ name }) => name);
};

describe('figures CSV', () => {
  it('is offered with a Japanese file name in 令和, UTF-8 with the BOM, and not cached', async () => {
    const { response, bytes } = await download(ITO, `/api/statistics/export.csv?fiscalYear=${YEAR}`);

    expect(response.status).toBe(200);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(filenameOf(response)).toBe(`${formatFiscalYear(YEAR)}_障害福祉計画_実績.csv`);
  });

  it("parses back to the API's figures: 実績 and months of the whole and of each municipality", async () => {
    const figures = await figuresOf(ITO);

    const rows = await csvOf(ITO, `fiscalYear=${YEAR}`);

    // What the file is comes first: the title, where the figures come from, the use.
    const header = rows.findIndex((row) => row[0] === '区分');
    expect(rows[0]?.[0]).toBe(
      `${formatFiscalYear(YEAR)} 障害福祉計画 実績（${planPeriodOf(DEFAULT_PLAN_PERIODS, YEAR)?.label}）`,
    );
    expect(rows.slice(0, header).find((row) => row[0] === '数値')?.[1]).toMatch(/^集計値（令和.+時点）$/);
    expect(rows[header]?.slice(0, 10)).toEqual([
      ...['区分', '指標', '単位', '集計方法', '評価の向き', '見込量', '実績', '達成率', '達成状況'],
      '4月',
    ]);
    expect(figures.indicators.length).toBeGreaterThan(10);
    for (const indicator of figures.indicators) {
      const [whole, ...municipalities] = scopeRows(rows, indicator.label);
      expect(whole?.slice(0, 9)).toEqual([
        '全体',
        indicator.label,
        indicator.unit,
        INDICATOR_AGGREGATION_LABELS[indicator.aggregation],
        INDICATOR_DIRECTION_LABELS[indicator.direction],
        asCsv(indicator.target),
        asCsv(indicator.total.value),
        asCsv(indicator.achievementRate),
        achievementOf(indicator.direction, indicator.total.value, indicator.target).text,
      ]);
      expect(whole?.slice(FIRST_MONTH)).toEqual(indicator.total.months.map(asCsv));
      // A tenant of one municipality gets no rows that repeat the whole.
      expect(municipalities.map((row) => row[ACTUAL])).toEqual(
        indicator.byMunicipality.length > 1
          ? indicator.byMunicipality.map((series) => asCsv(series.value))
          : [],
      );
    }
  });

  it('for outside use shows 1–2 as "*" and leaves no single "*" a total gives back', async () => {
    const figures = await figuresOf(NAKAMURA);

    const rows = await csvOf(NAKAMURA, `fiscalYear=${YEAR}&use=outside`);

    const counts = figures.indicators.filter(isPeopleCount);
    const small: string[] = [];
    for (const indicator of counts) {
      const exported = scopeRows(rows, indicator.label);
      const series = [indicator.total, ...indicator.byMunicipality];
      series.forEach((one, index) => {
        const row = exported[index] ?? [];
        [one.value, ...one.months].forEach((value, column) => {
          const shown = row[column === 0 ? ACTUAL : FIRST_MONTH - 1 + column];
          if (value !== null && value > 0 && value < 3) {
            small.push(`${indicator.label} ${row[0]}`);
            expect(shown).toBe(SUPPRESSED_MARK);
          } else if (value === 0) expect(shown).toBe('0');
          else if (shown !== SUPPRESSED_MARK) expect(shown).toBe(asCsv(value));
        });
      });
      const months = indicator.hasMonths ? figures.elapsedMonths : 0;
      expect(attackableLines([...exported.slice(1, series.length), exported[0] ?? []], months)).toEqual([]);
    }
    // The demo data has small counts, so the suppression above was exercised, not vacuous.
    expect(small.length).toBeGreaterThan(0);
  });

  it('for outside use publishes activity figures (events, centres, organisations) whole', async () => {
    const figures = await figuresOf(NAKAMURA);

    const rows = await csvOf(NAKAMURA, `fiscalYear=${YEAR}&use=outside`);

    const activities = figures.indicators.filter(
      (indicator) => !PERSON_INDICATORS.has(indicator.indicatorId),
    );
    expect(activities.map((indicator) => indicator.indicatorId)).toContain('core_centers');
    for (const indicator of activities) {
      expect(scopeRows(rows, indicator.label)[0]?.[ACTUAL]).toEqual(asCsv(indicator.total.value));
    }
  });

  it('answers 404 for a version that was never approved', async () => {
    const { response } = await download(ITO, `/api/statistics/export.csv?fiscalYear=${YEAR}&version=99`);

    expect(response.status).toBe(404);
  });
});

describe('figures XLSX', () => {
  it('has a sheet per indicator group and 月別, titled with the fiscal year in 令和', async () => {
    const { response } = await download(ITO, `/api/statistics/export.xlsx?fiscalYear=${YEAR}`);
    expect(filenameOf(response)).toBe(`${formatFiscalYear(YEAR)}_障害福祉計画_実績.xlsx`);

    const workbook = await workbookOf(ITO, `/api/statistics/export.xlsx?fiscalYear=${YEAR}`);

    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      ...Object.values(INDICATOR_GROUP_LABELS),
      '月別',
    ]);
    for (const sheet of workbook.worksheets) {
      expect(sheet.getCell('A1').text).toMatch(
        new RegExp(
          `^${formatFiscalYear(YEAR)} 障害福祉計画 実績（${planPeriodOf(DEFAULT_PLAN_PERIODS, YEAR)?.label}）`,
        ),
      );
    }
  });

  it("holds the API's figures as numbers: the year's 実績 per group and the months on 月別", async () => {
    const figures = await figuresOf(ITO);
    const workbook = await workbookOf(ITO, `/api/statistics/export.xlsx?fiscalYear=${YEAR}`);
    const yearColumn = 4 + (planPeriodOf(DEFAULT_PLAN_PERIODS, YEAR)?.fiscalYears.indexOf(YEAR) ?? 0);
    const monthly = workbook.getWorksheet('月別');

    for (const indicator of figures.indicators) {
      const sheet = workbook.getWorksheet(INDICATOR_GROUP_LABELS[indicator.group]);
      expect(sheet && actualOnGroupSheet(sheet, indicator.label, yearColumn)).toBe(indicator.total.value);
    }
    const monthRows = new Map<string, ExcelJS.Row>();
    monthly?.eachRow((row) => monthRows.set(row.getCell(2).text, row));
    for (const indicator of figures.indicators) {
      const row = monthRows.get(indicator.label);
      expect(row && cellValues(row, 4, 16)).toEqual([indicator.total.value, ...indicator.total.months]);
    }
  });

  it('splits a joint tenant by member municipality, one sheet each', async () => {
    const figures = await figuresOf(NAKAMURA);
    const workbook = await workbookOf(NAKAMURA, `/api/statistics/export.xlsx?fiscalYear=${YEAR}`);

    for (const municipality of figures.municipalities) {
      const sheet = workbook.getWorksheet(municipality.name);
      const users = figures.indicators[0] as IndicatorFigures;
      const series = users.byMunicipality.find((one) => one.municipalityCode === municipality.code);
      expect(sheet?.getRow(4).getCell(2).text).toBe(users.label);
      expect(sheet && cellValues(sheet.getRow(4), 4, 16)).toEqual([series?.value, ...(series?.months ?? [])]);
    }
    expect(figures.municipalities.map((municipality) => municipality.name)).toEqual(['北信市', '川辺町']);
  });

  it('for outside use writes "*" for the small counts of the months', async () => {
    const figures = await figuresOf(NAKAMURA);
    const workbook = await workbookOf(NAKAMURA, `/api/statistics/export.xlsx?fiscalYear=${YEAR}&use=outside`);

    let hidden = 0;
    for (const municipality of figures.municipalities) {
      const rows = new Map<string, ExcelJS.Row>();
      workbook.getWorksheet(municipality.name)?.eachRow((row) => rows.set(row.getCell(2).text, row));
      for (const indicator of figures.indicators.filter(isPeopleCount)) {
        const series = indicator.byMunicipality.find((one) => one.municipalityCode === municipality.code);
        const shown = rows.get(indicator.label);
        series?.months.forEach((value, index) => {
          if (value !== null && value > 0 && value < 3) {
            hidden += 1;
            expect(shown?.getCell(5 + index).value).toBe(SUPPRESSED_MARK);
          }
        });
      }
    }
    expect(hidden).toBeGreaterThan(0);
  });
});

describe('who may export', () => {
  it.each(['/api/statistics/export.csv', '/api/statistics/export.xlsx', '/api/council/pack.xlsx'])(
    '%s: the municipal officer and the core center get the file, a specialist 403',
    async (path) => {
      const query = `?fiscalYear=${YEAR}`;

      expect((await download(ITO, `${path}${query}`)).response.status).toBe(200);
      expect((await download(TAKAHASHI, `${path}${query}`)).response.status).toBe(200);
      expect((await download(SATO, `${path}${query}`)).response.status).toBe(403);
    },
  );
});

describe('council pack', () => {
  const cases = [...demoCases('kibougaoka', NOW), ...demoCases('hokushin', NOW)];
  const SECRETS = [
    ...new Set(cases.flatMap(({ person }) => [person.name, person.kana, person.recipientNumber ?? ''])),
  ].filter((secret) => secret.length > 1);

  const packTexts = async (email: string): Promise<string[]> => {
    const workbook = await workbookOf(email, `/api/council/pack.xlsx?fiscalYear=${YEAR}`);
    const texts: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => texts.push(cell.text))));
    return texts;
  };

  it('opens with the regional issues of the year, then the figures suppressed for outside use', async () => {
    const { response } = await download(ITO, `/api/council/pack.xlsx?fiscalYear=${YEAR}`);
    expect(filenameOf(response)).toBe(`${formatFiscalYear(YEAR)}_協議会資料.xlsx`);
    const issues = await api.call('GET', `/api/regional-issues?fiscalYear=${YEAR}`, { as: ITO });

    const workbook = await workbookOf(ITO, `/api/council/pack.xlsx?fiscalYear=${YEAR}`);

    expect(workbook.worksheets[0]?.name).toBe('地域課題');
    const titles: string[] = [];
    workbook.worksheets[0]?.eachRow((row, index) => {
      if (index > 3) titles.push(row.getCell(2).text);
    });
    expect(titles.sort()).toEqual(issues.json.items.map((issue: { title: string }) => issue.title).sort());
    expect(titles.length).toBeGreaterThan(0);
    expect(workbook.getWorksheet('月別')?.getCell('A2').text).toContain('外部公表用');
  });

  it.each([ITO, NAKAMURA])(
    'as %s holds no case id and no seeded name, kana or recipient number',
    async (email) => {
      const texts = await packTexts(email);

      expect(texts.length).toBeGreaterThan(100);
      expect(texts.filter((text) => /case-\d{3}/.test(text))).toEqual([]);
      expect(texts.filter((text) => cases.some(({ record }) => text.includes(record.caseId)))).toEqual([]);
      expect(SECRETS.length).toBeGreaterThan(50);
      expect(texts.filter((text) => SECRETS.some((secret) => text.includes(secret)))).toEqual([]);
    },
  );
});
