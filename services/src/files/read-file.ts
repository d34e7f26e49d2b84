import { IMPORT_MAX_BYTES } from '@kikan/shared/import-file';
import { UnreadableWorkbookError, readXlsxRows } from './xlsx-reader.ts';

/**
 * A file as rows of text cells, whatever the office saved: CSV in UTF-8 (with or without BOM) or
 * Shift_JIS (older Excel's 「CSV (コンマ区切り)」), or an .xlsx workbook. Anything else is refused
 * with a message saying what to save instead (ADR 0034).
 */

/** A file the import cannot read at all: the whole file is refused with this message. */
export class ImportFileError extends Error {}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** Excel 97–2003 (.xls) and other OLE compound files. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) =>
  magic.every((byte, index) => bytes[index] === byte);

export type Encoding = 'utf-8' | 'shift_jis';

/** UTF-8 when the bytes are valid UTF-8, else Shift_JIS (Windows-31J), else refused. */
export const decodeText = (bytes: Uint8Array): { text: string; encoding: Encoding } => {
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes),
      encoding: 'utf-8',
    };
  } catch {
    try {
      return { text: new TextDecoder('shift_jis', { fatal: true }).decode(bytes), encoding: 'shift_jis' };
    } catch {
      throw new ImportFileError(
        '文字コードを読み取れません。CSV は「CSV UTF-8（コンマ区切り）」で保存するか、Excel ファイル（.xlsx）のままアップロードしてください',
      );
    }
  }
};

/** RFC 4180: quoted cells may hold commas, quotes ("") and line breaks; CRLF or LF ends a row. */
export const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
};

const looksBinary = (text: string) => text.slice(0, 4096).includes('\u0000');

export interface ReadFile {
  rows: string[][];
  format: 'csv' | 'xlsx';
  encoding?: Encoding;
}

export const readImportFile = (bytes: Uint8Array): ReadFile => {
  if (bytes.length > IMPORT_MAX_BYTES) {
    throw new ImportFileError('ファイルが大きすぎます（10MBまで）。ファイルを分けてアップロードしてください');
  }
  if (bytes.length === 0) throw new ImportFileError('ファイルが空です');
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new ImportFileError(
      '古い Excel 形式（.xls）は読めません。Excel で「Excel ブック（.xlsx）」か「CSV UTF-8」で保存し直してください',
    );
  }
  if (startsWith(bytes, ZIP_MAGIC)) {
    try {
      return { rows: readXlsxRows(Buffer.from(bytes)), format: 'xlsx' };
    } catch (error) {
      // A broken or foreign zip fails anywhere inside the reader (a bad offset, inflate, a missing part).
      if (error instanceof UnreadableWorkbookError || error instanceof Error) {
        throw new ImportFileError(
          'Excel ファイル（.xlsx）として読めません。CSV か .xlsx のファイルを選んでください',
        );
      }
      throw error;
    }
  }
  const { text, encoding } = decodeText(bytes);
  if (looksBinary(text)) {
    throw new ImportFileError(
      'CSV でも Excel ファイル（.xlsx）でもありません。テンプレートの形式で保存してください',
    );
  }
  return { rows: parseCsv(text.replace(/^\uFEFF/, '')), format: 'csv', encoding };
};
