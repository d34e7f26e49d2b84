import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  DIFFICULT_CATEGORY_LABELS,
  INDICATOR_GROUP_LABELS,
  SELF_PLAN_REASON_LABELS,
  SUPPRESSED_MARK,
  fiscalYearOf,
  DEFAULT_PLAN_PERIODS,
  planPeriodOf,
  todayInJapan,
  type IndicatorDefinition,
} from '@kikan/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeItems } from '../../services/local/seed.ts';
import { localClient } from '../../services/local/table.ts';
import { userItem } from '../../services/src/data/directory-store.ts';
import { parseCsv, statisticsTable } from '../support/csv.ts';
import { newCaseBody, startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * The subtraction attack on outside-use files (ADR 0013, "Suppression" and the version rule). A
 * reader holding two files of one fiscal year — version 1 and its correction, or the figures asked
 * for as they stand and the approved ones — combines every published sum of each file (months and
 * year, municipalities and the whole, a breakdown and its whole, the year-end figure and its last
 * month, one number published twice, an achievement rate and its public target) with every figure
 * the other file shows where it did not change, and tries to pin a "*" down.
 *
 * 希望が丘市's FY2025 (last year in the demo, approved as version 1) has one difficult case, 触法:
 * the leak of issue finding 5.
 */

let api: TestApi;
const ITO = 'ito@kibou.example';
const TANAKA = 'tanaka@kibou.example';
const TAKAHASHI = 'takahashi@kibou.example';
const SATO = 'sato@kibou.example';
const NAKAMURA = 'nakamura@hokushin.example';
const YEAR = fiscalYearOf(todayInJapan(new Date())) - 1;
const THRESHOLD = 3;
const WHOLE = '全体';
const ACTUAL = '実績';
const RATE = '達成率';
const MONTHS = ['4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月', '1月', '2月', '3月'];
const PART = '\u3000うち';

/** The demo has a manager for あおぞら only; the others get one each to confirm the correction. */
const MANAGERS = ['himawari', 'midori'].map((officeId) => ({
  userId: `user-test-${officeId}`,
  officeId,
  displayName: `試験 ${officeId}所長`,
  tenantId: 'kibougaoka',
  email: `user-test-${officeId}@kibou.example`,
  role: 'office_manager' as const,
  senior: false,
}));
const managerTokens = new Map<string, string>();

/** 北信 has no municipal officer in the demo: one to set its member municipalities' 見込量. */
const HOKUSHIN_OFFICER = {
  userId: 'user-test-hokushin-officer',
  officeId: 'hokushin-core',
  displayName: '試験 北信市担当',
  tenantId: 'hokushin',
  email: 'user-test-officer@hokushin.example',
  role: 'municipal_officer' as const,
  senior: false,
};

/** A 見込量 of 3 for every indicator with one, in each of 北信's member municipalities. */
const setMunicipalityTargets = async () => {
  const token = await api.stack.issuer.mint(HOKUSHIN_OFFICER);
  const period = planPeriodOf(DEFAULT_PLAN_PERIODS, YEAR);
  const table = Object.fromEntries(
    (period?.indicators ?? [])
      .filter((definition) => definition.hasTarget)
      .map((definition) => [definition.indicatorId, { [String(YEAR)]: 3 }]),
  );
  const path = `/api/statistics/targets/${period?.periodId}`;
  const current = await api.call('GET', path, { token });
  const saved = await api.call('PUT', path, {
    token,
    body: { byMunicipality: { '990011': table, '990012': table } },
    headers: { 'if-match': current.headers.get('etag') ?? '"0"' },
  });
  expect(saved.status).toBe(200);
};

beforeAll(async () => {
  api = await startTestApi();
  const documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
  await writeItems(documents, api.tableName, [...MANAGERS.map(userItem), userItem(HOKUSHIN_OFFICER)]);
  for (const manager of MANAGERS) managerTokens.set(manager.officeId, await api.stack.issuer.mint(manager));
});
afterAll(async () => {
  await api.stop();
});

// ── Files ─────────────────────────────────────────────────────────────────────
/** A CSV as a reader has it: cell id (指標|区分|column) → text. */
interface CsvFile {
  filename: string;
  cells: Map<string, string>;
}

const cellId = (label: string, scope: string, column: string) => `${label}|${scope}|${column}`;

const download = async (query: string, as = ITO): Promise<CsvFile> => {
  const response = await fetch(`${api.stack.url}/api/statistics/export.csv?${query}`, {
    headers: { authorization: `Bearer ${await api.tokenOf(as)}` },
  });
  expect(response.status).toBe(200);
  const filename = decodeURIComponent(
    (response.headers.get('content-disposition') ?? '').split("UTF-8''")[1] ?? '',
  );
  const { header, rows } = statisticsTable(parseCsv((await response.text()).replace(/^\uFEFF/, '')));
  const cells = new Map<string, string>();
  for (const row of rows) {
    header.slice(2).forEach((column, index) => {
      cells.set(cellId(row[1] ?? '', row[0] ?? '', column), row[index + 2] ?? '');
    });
  }
  return { filename, cells };
};
const outside = (version?: number) =>
  download(`fiscalYear=${YEAR}&use=outside${version === undefined ? '' : `&version=${version}`}`);
const internal = (version: number) => download(`fiscalYear=${YEAR}&use=internal&version=${version}`);

/** The year's 実績 of each breakdown row on the reference sheet, with its whole's 実績 above it. */
const workbookBreakdowns = async (
  path: string,
): Promise<{ part: string; whole: string; value: string }[]> => {
  const response = await fetch(`${api.stack.url}${path}`, {
    headers: { authorization: `Bearer ${await api.tokenOf(ITO)}` },
  });
  expect(response.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const sheet = workbook.getWorksheet(INDICATOR_GROUP_LABELS.reference);
  const yearColumn = 4 + (planPeriodOf(DEFAULT_PLAN_PERIODS, YEAR)?.fiscalYears.indexOf(YEAR) ?? 0);
  const found: { part: string; whole: string; value: string }[] = [];
  let whole = '';
  sheet?.eachRow((row) => {
    const label = row.getCell(1).text;
    if (row.getCell(3).text !== ACTUAL) return;
    if (label.startsWith(PART)) found.push({ part: label, whole, value: row.getCell(yearColumn).text });
    else whole = row.getCell(yearColumn).text;
  });
  return found;
};

const hidden = (file: CsvFile, id: string) => file.cells.get(id) === SUPPRESSED_MARK;
/** A figure as a number; an empty cell (no target, a month not begun) is none. */
const numberAt = (file: CsvFile, id: string): number => {
  const text = file.cells.get(id) ?? '';
  return text === '' ? Number.NaN : Number(text);
};

// ── What the files publish together ───────────────────────────────────────────
/** A published relation: Σ coefficient × cell = a number the reader can work out. */
interface Relation {
  name: string;
  terms: { id: string; coefficient: number }[];
  /** A sum line with its total: what the pinning check reads. */
  line?: { total: string; parts: { id: string; scale: number }[] };
}

const definitions = (): readonly IndicatorDefinition[] =>
  planPeriodOf(DEFAULT_PLAN_PERIODS, YEAR)?.indicators ?? [];
const hasMonths = (definition: IndicatorDefinition) =>
  !['core_centers', 'reaching_age', 'load_per_specialist'].includes(definition.measure.kind);
const scopesOf = (file: CsvFile, label: string): string[] => [
  ...new Set(
    [...file.cells.keys()].filter((id) => id.startsWith(`${label}|`)).map((id) => id.split('|')[1] ?? ''),
  ),
];

const sumLine = (
  name: string,
  total: string,
  totalScale: number,
  parts: { id: string; scale: number }[],
) => ({
  name,
  terms: [
    { id: total, coefficient: totalScale },
    ...parts.map((part) => ({ id: part.id, coefficient: -part.scale })),
  ],
  line: { total, parts },
});

/** Every relation between the figures of one file that a careful reader can state. */
const relationsOf = (file: CsvFile): Relation[] =>
  definitions()
    .filter((definition) => definition.figureKind === 'count')
    .flatMap((definition): Relation[] => {
      const { label } = definition;
      const members = scopesOf(file, label).filter((scope) => scope !== WHOLE);
      const unit = file.cells.get(cellId(label, WHOLE, '単位'));
      const averaged = unit === '人/月' ? MONTHS.length : 1;
      const yearEnd = definition.measure.kind === 'self_plans';
      const year = (scope: string) => cellId(label, scope, ACTUAL);
      const month = (scope: string, column: string) => cellId(label, scope, column);
      const grid: Relation[] = hasMonths(definition)
        ? [
            ...[...members, WHOLE].map((scope) =>
              yearEnd
                ? sumLine(`${label} ${scope} year-end`, year(scope), 1, [
                    { id: month(scope, MONTHS.at(-1) ?? ''), scale: 1 },
                  ])
                : sumLine(
                    `${label} ${scope} months`,
                    year(scope),
                    averaged,
                    MONTHS.map((column) => ({ id: month(scope, column), scale: 1 })),
                  ),
            ),
            // Municipality rows sum to the whole; a tenant of one municipality has none to sum.
            ...(members.length === 0 ? [] : MONTHS).map((column) =>
              sumLine(
                `${label} ${column}`,
                month(WHOLE, column),
                1,
                members.map((scope) => ({ id: month(scope, column), scale: 1 })),
              ),
            ),
          ]
        : [];
      const years =
        members.length === 0
          ? []
          : [
              sumLine(
                `${label} municipalities`,
                year(WHOLE),
                averaged,
                members.map((scope) => ({ id: year(scope), scale: averaged })),
              ),
            ];
      const parts = [...file.cells.keys()].filter(
        (id) => id.startsWith(`${label}${PART}`) && id.endsWith(ACTUAL),
      );
      // A case may fall under two categories, but a reader may well assume one each.
      const breakdown = parts.length
        ? [
            sumLine(
              `${label} breakdown`,
              year(WHOLE),
              1,
              parts.map((id) => ({ id, scale: 1 })),
            ),
          ]
        : [];
      return [...grid, ...years, ...breakdown];
    });

/**
 * An achievement rate against its public target gives the actual back: actual = rate × target, for
 * the whole and for each member municipality with a 見込量 of its own. An indicator to lower
 * publishes no rate (an empty cell), only whether it is within its 見込量.
 */
const achievementsOf = (file: CsvFile): Relation[] =>
  definitions().flatMap(({ label }) =>
    scopesOf(file, label).flatMap((scope) => {
      const target = numberAt(file, cellId(label, scope, '見込量'));
      if (!Number.isFinite(target) || file.cells.get(cellId(label, scope, RATE)) === '') return [];
      return [
        {
          name: `${label} ${scope} ${RATE}`,
          terms: [
            { id: cellId(label, scope, ACTUAL), coefficient: 1 },
            { id: cellId(label, scope, RATE), coefficient: -target / 100 },
          ],
        },
      ];
    }),
  );

/** The unwanted self-plans of the whole are also the self-plan rate's part for that reason. */
const sameNumber = (): Relation => {
  const reason = SELF_PLAN_REASON_LABELS.no_office_available;
  const unwanted = definitions().find((definition) => definition.measure.kind === 'self_plans');
  const rate = definitions().find((definition) => definition.measure.kind === 'self_plan_rate');
  return {
    name: 'unwanted self-plans, twice',
    terms: [
      { id: cellId(unwanted?.label ?? '', WHOLE, ACTUAL), coefficient: 1 },
      { id: cellId(`${rate?.label}${PART}${reason}`, WHOLE, ACTUAL), coefficient: -1 },
    ],
  };
};

// ── The attack ────────────────────────────────────────────────────────────────
interface Held {
  file: CsvFile;
  /** The same version's internal file: what each "*" really is. */
  truth: CsvFile;
}

/**
 * Which hidden figures a reader of `files` can work out that no file shows: every relation of each
 * file, and every figure hidden in one file that another shows where it did not change (the reader
 * assumes so, and is right there). A hidden figure is worked out when its unit vector lies in the
 * span of the relations over the hidden figures (Gaussian elimination); the relations' visible
 * figures are constants and do not matter. A figure another file already shows is not reported:
 * hiding it again later gives nothing away.
 */
const workedOut = (files: readonly Held[]): string[] => {
  const variables = files.flatMap(({ file }, index) =>
    [...file.cells].flatMap(([id, text]) => (text === SUPPRESSED_MARK ? [`${index}:${id}`] : [])),
  );
  const column = new Map(variables.map((variable, index) => [variable, index]));
  const rows: number[][] = [];
  const addRow = (entries: [string, number][]) => {
    const row = variables.map(() => 0);
    for (const [variable, coefficient] of entries) {
      const at = column.get(variable);
      if (at !== undefined) row[at] = (row[at] ?? 0) + coefficient;
    }
    if (row.some((value) => value !== 0)) rows.push(row);
  };
  files.forEach(({ file }, index) => {
    for (const relation of [...relationsOf(file), ...achievementsOf(file), sameNumber()]) {
      addRow(relation.terms.map(({ id, coefficient }) => [`${index}:${id}`, coefficient]));
    }
  });
  const shownElsewhere = new Set(
    files.flatMap((held, index) =>
      hiddenIds(held.file)
        .filter((id) =>
          files.some(
            (other, otherIndex) =>
              otherIndex !== index &&
              !hidden(other.file, id) &&
              held.truth.cells.get(id) === other.truth.cells.get(id),
          ),
        )
        .map((id) => `${index}:${id}`),
    ),
  );
  for (const variable of shownElsewhere) addRow([[variable, 1]]);
  return determined(rows, variables.length)
    .map((index) => variables[index] ?? '')
    .filter((variable) => !shownElsewhere.has(variable));
};

/** Reduced row echelon form: a variable is pinned when its pivot row holds nothing else. */
const determined = (matrix: number[][], width: number): number[] => {
  const rows = matrix.map((row) => [...row]);
  const pivots: { row: number; column: number }[] = [];
  for (let column = 0, next = 0; column < width && next < rows.length; column += 1) {
    const found = rows.findIndex((row, index) => index >= next && Math.abs(row[column] ?? 0) > 1e-9);
    if (found === -1) continue;
    [rows[next], rows[found]] = [rows[found] ?? [], rows[next] ?? []];
    const pivot = rows[next] ?? [];
    const scale = pivot[column] ?? 1;
    for (let index = 0; index < width; index += 1) pivot[index] = (pivot[index] ?? 0) / scale;
    rows.forEach((row, index) => {
      const factor = row[column] ?? 0;
      if (index === next || Math.abs(factor) < 1e-12) return;
      for (let at = 0; at < width; at += 1) row[at] = (row[at] ?? 0) - factor * (pivot[at] ?? 0);
    });
    pivots.push({ row: next, column });
    next += 1;
  }
  return pivots
    .filter(({ row, column }) =>
      (rows[row] ?? []).every((value, index) => index === column || Math.abs(value) < 1e-9),
    )
    .map(({ column }) => column);
};

/**
 * Sum lines whose visible total leaves the hidden parts no room: they add up to their number, so
 * every one of them is 1 (a hidden figure of a table is never zero).
 */
const pinnedLines = ({ file, truth }: Held): string[] =>
  relationsOf(file).flatMap(({ name, line }) => {
    if (!line || hidden(file, line.total)) return [];
    const parts = line.parts.filter(({ id }) => hidden(file, id));
    const left = parts.reduce((sum, { id, scale }) => sum + numberAt(truth, id) * scale, 0);
    return parts.length > 1 && left <= parts.length ? [name] : [];
  });

/** Figures both files show whose change is a count of 1 to threshold − 1 (an average: over 12 months). */
const smallChanges = (first: CsvFile, second: CsvFile): string[] =>
  [...first.cells.keys()].filter((id) => {
    if (hidden(first, id) || hidden(second, id) || !/\|(実績|\d+月)$/.test(id)) return false;
    const scale =
      id.endsWith(ACTUAL) && second.cells.get(cellId(id.split('|')[0] ?? '', WHOLE, '単位')) === '人/月'
        ? 12
        : 1;
    const change = Math.abs(numberAt(second, id) - numberAt(first, id)) * scale;
    return change > 0.01 && change < THRESHOLD;
  });

/** Breakdown rows under a whole shown as "*" that show a number: they name the category. */
const namedUnderHiddenWhole = (file: CsvFile): string[] =>
  [...file.cells]
    .filter(([id]) => id.includes(PART) && id.endsWith(`|${ACTUAL}`))
    .filter(([id]) => hidden(file, cellId(id.split(PART)[0] ?? '', WHOLE, ACTUAL)))
    .filter(([, text]) => /\d/.test(text))
    .map(([id]) => id);

const hiddenIds = (file: CsvFile) =>
  [...file.cells].filter(([, text]) => text === SUPPRESSED_MARK).map(([id]) => id);

// ── Late entries and the correction ───────────────────────────────────────────
const FY = (monthDay: string) => `${monthDay < '04' ? YEAR + 1 : YEAR}-${monthDay}`;

/** A plan-consultation user recorded late, with monitorings in June and October of the year. */
const recordLateUser = async () => {
  const created = await api.call('POST', '/api/cases', {
    as: SATO,
    body: newCaseBody({ openedOn: FY('06-01') }),
  });
  expect(created.status).toBe(201);
  const caseId = created.json.caseId;
  const decided = await api.call('POST', `/api/cases/${caseId}/service-decisions`, {
    as: SATO,
    body: {
      decidedOn: FY('05-20'),
      validFrom: FY('06-01'),
      validTo: `${YEAR + 1}-05-31`,
      monitoringPeriodMonths: 3,
      intensiveStart: false,
      services: ['生活介護'],
    },
  });
  expect(decided.status).toBe(201);
  for (const conductedOn of [FY('06-15'), FY('10-15')]) {
    const monitored = await api.call('POST', `/api/cases/${caseId}/monitorings`, {
      as: SATO,
      body: {
        conductedOn,
        kind: 'regular',
        method: 'home_visit',
        progress: [],
        personSatisfaction: '',
        planChangeNeeded: false,
        notes: '',
      },
    });
    expect(monitored.status).toBe(201);
  }
};

const signOffStep = async (path: string, who: { as?: string; token?: string }, body?: unknown) => {
  const response = await api.call('POST', `/api/statistics/signoff/${YEAR}${path}`, {
    ...who,
    ...(body === undefined ? {} : { body }),
  });
  expect(response.status).toBe(200);
};

const approveCorrection = async () => {
  await signOffStep('/office-confirmation', { as: TANAKA });
  for (const token of managerTokens.values()) await signOffStep('/office-confirmation', { token });
  await signOffStep('/core-confirmation', { as: TAKAHASHI });
  await signOffStep('/approval', { as: ITO });
};

// ── Tests ─────────────────────────────────────────────────────────────────────
describe('the subtraction attack on outside-use files', () => {
  let version1: Held;
  const difficultLabel = () =>
    definitions().find((definition) => definition.measure.kind === 'difficult_cases')?.label ?? '';
  const partsOf = (file: CsvFile, label: string) =>
    [...file.cells].filter(([id]) => id.startsWith(`${label}${PART}`) && id.endsWith(`|${ACTUAL}`));

  beforeAll(async () => {
    version1 = { file: await outside(1), truth: await internal(1) };
  });

  it('the demo exercises the leak: 触法 is the only non-zero category under a whole of 1–2 (internal file)', () => {
    const label = difficultLabel();

    const whole = numberAt(version1.truth, cellId(label, WHOLE, ACTUAL));
    const nonZero = partsOf(version1.truth, label)
      .filter(([, text]) => text !== '0')
      .map(([id]) => id.split(PART)[1]?.split('|')[0]);

    expect(whole).toBeGreaterThan(0);
    expect(whole).toBeLessThan(THRESHOLD);
    expect(nonZero).toEqual([DIFFICULT_CATEGORY_LABELS.offender_support]);
  });

  it('breakdown rule: no category is named under a "*" whole — every part shows "*", zeros included', () => {
    const label = difficultLabel();

    expect(hidden(version1.file, cellId(label, WHOLE, ACTUAL))).toBe(true);
    expect(namedUnderHiddenWhole(version1.file)).toEqual([]);
    expect(partsOf(version1.file, label).map(([, text]) => text)).toEqual(
      Object.values(DIFFICULT_CATEGORY_LABELS).map(() => SUPPRESSED_MARK),
    );
  });

  it.each([
    ['the outside XLSX', `/api/statistics/export.xlsx?fiscalYear=${YEAR}&use=outside`],
    ['the council pack', `/api/council/pack.xlsx?fiscalYear=${YEAR}`],
  ])('breakdown rule in %s: every part under a "*" 実績 shows "*", zeros included', async (_name, path) => {
    const breakdowns = await workbookBreakdowns(path);

    const underHidden = breakdowns.filter(({ whole }) => whole === SUPPRESSED_MARK);
    expect(underHidden.map(({ part }) => part)).toContain(
      `\u3000うち${DIFFICULT_CATEGORY_LABELS.offender_support}`,
    );
    expect(underHidden.filter(({ value }) => value !== SUPPRESSED_MARK)).toEqual([]);
  });

  it('within one file: no "*" is worked out from rows, columns, breakdowns, the year-end figure, a number published twice or an achievement rate', async () => {
    // 北信市 and 川辺町 share a core center: two municipalities of small counts need complements,
    // each with a 見込量 of its own whose 達成率 gives its actual back.
    await setMunicipalityTargets();
    const joint = {
      file: await download(`fiscalYear=${YEAR}&use=outside`, NAKAMURA),
      truth: await download(`fiscalYear=${YEAR}&use=internal`, NAKAMURA),
    };

    const municipalityRates = [...joint.truth.cells].filter(
      ([id, text]) => id.endsWith(`|${RATE}`) && !id.includes(`|${WHOLE}|`) && text !== '',
    );
    expect(municipalityRates.length).toBeGreaterThan(0);
    expect(
      hiddenIds(joint.file).filter((id) => id.endsWith(`|${RATE}`) && !id.includes(`|${WHOLE}|`)),
    ).not.toEqual([]);

    for (const held of [version1, joint]) {
      expect(hiddenIds(held.file).length).toBeGreaterThan(10);
      expect(workedOut([held])).toEqual([]);
      expect(pinnedLines(held)).toEqual([]);
    }
  });

  it('version rule, live vs approved: asked for as it stands, an approved year goes outside as its latest approved version, never live', async () => {
    await recordLateUser();
    await signOffStep('/corrections', { as: ITO }, { reason: 'ひまわりの利用者の計上漏れ' });
    const live = await download(`fiscalYear=${YEAR}&use=internal`);

    const asked = await outside();

    expect(
      [...live.cells].filter(([id, text]) => version1.truth.cells.get(id) !== text).length,
    ).toBeGreaterThan(0);
    expect(asked.filename).toBe(version1.file.filename);
    expect(asked.filename).toContain('第1版');
    expect([...asked.cells]).toEqual([...version1.file.cells]);
    expect(workedOut([version1, { file: asked, truth: version1.truth }])).toEqual([]);
  });

  it('version rule, version 1 vs its correction: nothing hidden in either is worked out by subtracting one from the other', async () => {
    await approveCorrection();

    const version2 = { file: await outside(2), truth: await internal(2) };

    expect(
      [...version2.truth.cells].filter(([id, text]) => version1.truth.cells.get(id) !== text).length,
    ).toBeGreaterThan(0);
    expect(hiddenIds(version1.file).filter((id) => !hidden(version2.file, id))).toEqual([]);
    expect(smallChanges(version1.file, version2.file)).toEqual([]);
    expect(workedOut([version1, version2])).toEqual([]);
    expect(pinnedLines(version2)).toEqual([]);
    expect(namedUnderHiddenWhole(version2.file)).toEqual([]);
  });

  it('version rule: version 1 exported again after the correction hides what version 2 hides, and the three files together give nothing back', async () => {
    const version2 = { file: await outside(2), truth: await internal(2) };

    const again = { file: await outside(1), truth: version1.truth };
    const latest = await outside();

    expect(hiddenIds(version2.file).filter((id) => !hidden(again.file, id))).toEqual([]);
    expect(latest.filename).toContain('第2版');
    expect(smallChanges(again.file, version2.file)).toEqual([]);
    expect(workedOut([version1, again, version2])).toEqual([]);
  });
});
