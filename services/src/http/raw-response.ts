export { CSV_CONTENT_TYPE, RawFile, XLSX_CONTENT_TYPE, rawFile } from '@kikan/shared/contracts/raw-file';

/** Excel reads a CSV as Shift_JIS unless it starts with the UTF-8 byte order mark (EF BB BF). */
const BYTE_ORDER_MARK = '\uFEFF';

/** A cell Excel would run as a formula (CSV injection) is kept as text by a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;

const csvCell = (value: string | number): string => {
  const text = typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** RFC 4180 CSV (CRLF line ends, quoted where needed) in UTF-8 with the BOM, for Excel. */
export const csvText = (rows: readonly (readonly (string | number)[])[]): string =>
  BYTE_ORDER_MARK + rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');

/** RFC 5987 percent-encoding: encodeURIComponent leaves ' ( ) * unescaped, the RFC does not. */
const rfc5987 = (value: string): string =>
  encodeURIComponent(value).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * RFC 6266: an ASCII `filename` for old clients and the UTF-8 `filename*` (Japanese names) that
 * every current browser prefers. Path separators and quotes never reach either.
 */
export const contentDisposition = (filename: string): string => {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const safe = filename.replace(/[\\/"\u0000-\u001f\u007f]/g, '_');
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(safe)}`;
};
