import { SUPPRESSED_MARK } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { figuresCsvRows } from './export-csv.ts';
import { exportFigures } from './export-figures.ts';
import { jointFigures } from './export-fixtures.ts';
import { councilPackFilename, figuresFilename, figuresTitle } from './export-names.ts';

const MONTH_HEADERS = ['4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月', '1月', '2月', '3月'];

const SOURCE = '集計値（令和7年7月1日時点）';

describe('figuresCsvRows', () => {
  const rows = figuresCsvRows(exportFigures(jointFigures(), 'internal'), SOURCE);
  const headerAt = rows.findIndex((row) => row[0] === '区分');

  it('states first what the file is: fiscal year and plan period, as of which day or version, and its use', () => {
    expect(rows.slice(0, headerAt).map((row) => row.filter((cell) => cell !== ''))).toEqual([
      ['令和7年度 障害福祉計画 実績（第7期）'],
      ['数値', SOURCE],
      ['用途', '庁内用'],
      [],
    ]);
  });

  it('heads the columns in Japanese, April to March', () => {
    expect(rows[headerAt]).toEqual([
      '区分',
      '指標',
      '単位',
      '集計方法',
      '評価の向き',
      '見込量',
      '実績',
      '達成率',
      '達成状況',
      ...MONTH_HEADERS,
    ]);
  });

  it('marks the month under way as provisional, in its heading and in a note', () => {
    const provisional = figuresCsvRows(
      exportFigures({ ...jointFigures(), elapsedMonths: 3, completeMonths: 2 }, 'internal'),
      SOURCE,
    );
    const header = provisional.find((row) => row[0] === '区分');
    expect(header?.slice(9, 12)).toEqual(['4月', '5月', '6月（暫定）']);
    expect(provisional.find((row) => row[0] === '注')?.[1]).toBe(
      '6月は月の途中のため暫定値です（年度の平均・率には含めていません）',
    );
  });

  it('has no municipality rows that repeat the whole when the tenant has one member municipality', () => {
    const joint = jointFigures();
    const single = {
      ...joint,
      municipalities: joint.municipalities.slice(0, 1),
      indicators: joint.indicators.map((indicator) => ({
        ...indicator,
        byMunicipality: indicator.byMunicipality.slice(0, 1),
      })),
    };
    const users = figuresCsvRows(exportFigures(single, 'internal'), SOURCE).filter(
      (row) => row[1] === '計画相談支援の利用者数',
    );
    expect(users.map((row) => row[0])).toEqual(['全体']);
  });

  it("gives a member municipality's row its own 見込量, 達成率 and 達成状況 where it has a 見込量", () => {
    const figures = jointFigures();
    const withTarget = figures.indicators.map((indicator) =>
      indicator.indicatorId === 'plan_consultation_users'
        ? {
            ...indicator,
            byMunicipality: indicator.byMunicipality.map((series) =>
              series.municipalityCode === '990011' ? { ...series, target: 10, achievementRate: 110 } : series,
            ),
          }
        : indicator,
    );
    const users = figuresCsvRows(
      exportFigures({ ...figures, indicators: withTarget }, 'internal'),
      SOURCE,
    ).filter((row) => row[1] === '計画相談支援の利用者数');

    expect(users.map((row) => [row[0], ...row.slice(5, 9)])).toEqual([
      ['全体', 20, 13.3, 66.5, '見込量の8割未満'],
      ['北信市', 10, 11, 110, '見込量に到達'],
      ['川辺町', '', 2.3, '', ''],
    ]);
  });

  it('gives each indicator a row for the whole and one per member municipality, target on the whole only', () => {
    const users = rows.filter((row) => row[1] === '計画相談支援の利用者数');

    expect(users).toEqual([
      [
        ...['全体', '計画相談支援の利用者数', '人/月', '月平均', '高いほど良い', 20, 13.3, 66.5],
        ...['見込量の8割未満', 12, 13, 15, ...Array(9).fill('')],
      ],
      [
        ...['北信市', '計画相談支援の利用者数', '人/月', '月平均', '高いほど良い', '', 11, '', ''],
        ...[10, 12, 11, ...Array(9).fill('')],
      ],
      [
        ...['川辺町', '計画相談支援の利用者数', '人/月', '月平均', '高いほど良い', '', 2.3, '', ''],
        ...[2, 1, 4, ...Array(9).fill('')],
      ],
    ]);
  });

  it('lists a breakdown under its indicator, each part in the unit of what it counts', () => {
    const parts = rows.filter((row) => String(row[1]).startsWith('セルフプラン率\u3000うち'));

    expect(parts.map((row) => [row[0], row[2], row[6]])).toEqual([
      ['全体', '人', 3],
      ['全体', '人', 2],
    ]);
  });

  it('has one column per header in every row', () => {
    expect(new Set(rows.map((row) => row.length))).toEqual(new Set([21]));
  });

  it('shows suppressed figures as * in outside use', () => {
    const outside = figuresCsvRows(exportFigures(jointFigures(), 'outside'), SOURCE);

    const kawabe = outside.find((row) => row[0] === '川辺町' && row[1] === '計画相談支援の利用者数');

    expect(kawabe?.slice(6, 12)).toEqual([SUPPRESSED_MARK, '', '', SUPPRESSED_MARK, SUPPRESSED_MARK, 4]);
  });

  it('gives セルフプラン率, which should go down, no 達成率 but whether it is within its 見込量', () => {
    const selfPlan = rows.find((row) => row[0] === '全体' && row[1] === 'セルフプラン率');

    // 25 % against a 見込量 of 20 %: over it, never 「達成率 125 %」.
    expect(selfPlan?.slice(3, 9)).toEqual(['年度末時点', '低いほど良い', 20, 25, '', '見込量を超過']);
  });
});

describe('export names', () => {
  it('titles the table with the fiscal year in 令和 and the plan period', () => {
    expect(figuresTitle(2025, '第7期')).toBe('令和7年度 障害福祉計画 実績（第7期）');
  });

  it('names the file in Japanese with the 令和 year, the version and outside use', () => {
    expect(figuresFilename(2025, { use: 'internal', version: null, extension: 'xlsx' })).toBe(
      '令和7年度_障害福祉計画_実績.xlsx',
    );
    expect(figuresFilename(2024, { use: 'outside', version: 2, extension: 'csv' })).toBe(
      '令和6年度_障害福祉計画_実績_第2版_外部公表用.csv',
    );
    expect(councilPackFilename(2026)).toBe('令和8年度_協議会資料.xlsx');
  });
});
