import * as z from 'zod';

/** Offered to the browser as the download's name (Content-Disposition: attachment). */
const Filename = z.string().min(1).max(200).optional();

const textFile = <const T extends string>(contentType: T) =>
  z.strictObject({ contentType: z.literal(contentType), body: z.string(), filename: Filename });

/**
 * A binary file (XLSX) travels through API Gateway as base64 with isBase64Encoded set; the gateway
 * sends the client the decoded bytes.
 */
const base64File = <const T extends string>(contentType: T) =>
  z.strictObject({
    contentType: z.literal(contentType),
    body: z.base64(),
    encoding: z.literal('base64'),
    filename: Filename,
  });

/**
 * Files the API builds (CSV and XLSX exports): what the operation of a `raw: true` route returns.
 * The route's `response` is `rawFile(<content type>)` (text) or `rawFile(<content type>, { encoding:
 * 'base64' })` (binary), so the response is still checked, the OpenAPI document names the media type,
 * and createFunction sends the body as it is instead of as JSON.
 */
export function rawFile<const T extends string>(contentType: T): ReturnType<typeof textFile<T>>;
export function rawFile<const T extends string>(
  contentType: T,
  options: { encoding: 'base64' },
): ReturnType<typeof base64File<T>>;
export function rawFile(contentType: string, options?: { encoding: 'base64' }) {
  return options?.encoding === 'base64' ? base64File(contentType) : textFile(contentType);
}

export const RawFile = z.strictObject({
  contentType: z.string().min(1),
  body: z.string(),
  encoding: z.literal('base64').optional(),
  filename: Filename,
});
export type RawFile = z.infer<typeof RawFile>;

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8' as const;
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' as const;

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
