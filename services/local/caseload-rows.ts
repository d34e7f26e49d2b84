import { CASELOAD_IMPORT_COLUMNS } from '@kikan/shared/caseload-import';

/**
 * Caseload files as offices write them (issue 15 point 2), for the import's tests and its bench:
 * one plausible, distinct person per row, in the template's columns (ADR 0034).
 */

/** Cells by header; a missing header is an empty cell. */
export type ImportCells = Partial<Record<string, string>>;

export const HEADERS = CASELOAD_IMPORT_COLUMNS.map((column) => column.header);

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

export const csvOf = (rows: readonly ImportCells[], headers: readonly string[] = HEADERS): string =>
  '\uFEFF' +
  [headers, ...rows.map((row) => headers.map((header) => row[header] ?? ''))]
    .map((cells) => cells.map(csvCell).join(','))
    .join('\r\n') +
  '\r\n';

const KATAKANA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ';
const HIRAGANA = 'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわ';

/** A reading that differs per row: one person per row, never a likely duplicate of another. */
const readingOf = (n: number, letters: string) =>
  [...String(n).padStart(5, '0')].map((digit) => letters[Number(digit) * 4 + (n % 4)]).join('');

/**
 * A plausible caseload row written the ways offices write it: some with 令和 dates, full-width
 * digits and hiragana readings (the import normalises them), decisions, plans and monitorings.
 */
export const caseloadRow = (
  n: number,
  options: { email: string; municipalityCode: string; numberBase: number },
): ImportCells => {
  const variant = n % 4;
  const birthYear = 1940 + (n % 45);
  const number = String(options.numberBase + n);
  return {
    氏名: `取込 太郎${n}`,
    フリガナ: variant === 1 ? `とりこみ ${readingOf(n, HIRAGANA)}` : `トリコミ ${readingOf(n, KATAKANA)}`,
    生年月日:
      variant === 2
        ? `昭和${birthYear - 1925}年3月${(n % 27) + 1}日`
        : `${birthYear}-03-${String((n % 27) + 1).padStart(2, '0')}`,
    性別: n % 2 ? '男性' : '女性',
    住所: `希望が丘市本町${n}-1`,
    電話番号: variant === 3 ? '０２６－１２３－４５６７' : '026-123-4567',
    市町村コード: options.municipalityCode,
    受給者証番号:
      variant === 3
        ? number.replace(/\d/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0))
        : number,
    障害種別: n % 3 ? '知的・発達' : '精神',
    障害支援区分: `区分${(n % 6) + 1}`,
    サービス種類: '計画相談支援',
    開始日: variant === 0 ? '令和7年4月1日' : '2025-05-01',
    担当者メールアドレス: options.email,
    フェーズ: n % 5 === 0 ? 'アセスメント' : 'モニタリング',
    利用状況: '利用中',
    計画作成者: n % 10 === 0 ? 'セルフプラン' : '相談支援専門員',
    セルフプランの理由: n % 10 === 0 ? '本人の希望' : '',
    'モニタリング期間（月）': n % 3 ? '3' : '6',
    ...(n % 5 === 0
      ? {}
      : {
          支給決定日: '令和7年5月10日',
          '支給決定期間 開始': '2025-06-01',
          '支給決定期間 終了': '2026-05-31',
          '新規・大きな変更（毎月モニタリング）': n % 7 === 0 ? 'はい' : 'いいえ',
          計画作成日: '2025-05-20',
          計画同意日: '2025-06-01',
          ...(n % 2 ? { 最終モニタリング日: `2025-${String(7 + (n % 5)).padStart(2, '0')}-15` } : {}),
        }),
  };
};
