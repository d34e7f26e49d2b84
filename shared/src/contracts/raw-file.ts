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
