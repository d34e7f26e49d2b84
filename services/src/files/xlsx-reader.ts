import { inflateRawSync } from 'node:zlib';

/**
 * Reads the first worksheet of an Office Open XML workbook (.xlsx) as rows of text cells: just what
 * a file import needs (ADR 0034). Shared strings, inline strings, numbers and booleans; a number
 * in a cell styled as a date is the ISO day it shows (the 1900 date system Excel writes).
 */

export class UnreadableWorkbookError extends Error {}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** The parts of a workbook are small; a bigger one is not a spreadsheet an office writes. */
const MAX_PART_BYTES = 200 * 1024 * 1024;

const zipEntries = (zip: Buffer): Map<string, () => Buffer> => {
  let end = -1;
  for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - 65_557); offset -= 1) {
    if (zip.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) {
      end = offset;
      break;
    }
  }
  if (end < 0) throw new UnreadableWorkbookError('no central directory');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries = new Map<string, () => Buffer>();
  for (let index = 0; index < count; index += 1) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) {
      throw new UnreadableWorkbookError('broken central directory');
    }
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.set(name, () => {
      if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== LOCAL_HEADER) {
        throw new UnreadableWorkbookError('broken local header');
      }
      const start =
        localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
      const data = zip.subarray(start, start + compressedSize);
      if (method === 0) return data;
      if (method === 8) return inflateRawSync(data, { maxOutputLength: MAX_PART_BYTES });
      throw new UnreadableWorkbookError('unsupported compression');
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
};

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (value: string): string =>
  value.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_match, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return XML_ENTITIES[entity] ?? '';
  });

/** The text of <t> elements inside a fragment (a rich string has several runs; phonetic runs are left out). */
const textOf = (fragment: string): string => {
  const withoutPhonetic = fragment.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let text = '';
  for (const match of withoutPhonetic.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)) {
    text += unescapeXml(match[1] ?? '');
  }
  return text;
};

const attribute = (tag: string, name: string): string | undefined =>
  new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** Excel's built-in date formats (ECMA-376 18.8.30) and any custom format with day/month/year parts. */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

const dateStyles = (stylesXml: string | undefined): Set<number> => {
  const styles = new Set<number>();
  if (!stylesXml) return styles;
  const customDates = new Set<number>();
  for (const match of stylesXml.matchAll(/<numFmt\b[^>]*>/g)) {
    const id = Number(attribute(match[0], 'numFmtId'));
    const code = unescapeXml(attribute(match[0], 'formatCode') ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '');
    if (/[ymd]/i.test(code) && !/^[#0.,%\s]*$/.test(code)) customDates.add(id);
  }
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '';
  let index = 0;
  for (const match of cellXfs.matchAll(/<xf\b[^>]*>/g)) {
    const id = Number(attribute(match[0], 'numFmtId') ?? 0);
    if (BUILT_IN_DATE_FORMATS.has(id) || customDates.has(id)) styles.add(index);
    index += 1;
  }
  return styles;
};

/** Serial day → ISO day in Excel's 1900 system (serial 60 is the 29 February 1900 Excel believes in). */
const serialToIsoDay = (serial: number): string => {
  const days = Math.floor(serial) - (serial > 60 ? 1 : 0);
  const date = new Date(Date.UTC(1899, 11, 31) + days * 86_400_000);
  return date.toISOString().slice(0, 10);
};

const columnIndex = (reference: string): number => {
  let index = 0;
  for (const letter of reference.replace(/\d+$/, '')) index = index * 26 + (letter.charCodeAt(0) - 64);
  return index - 1;
};

const partPath = (target: string): string =>
  target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;

export const readXlsxRows = (zip: Buffer): string[][] => {
  const entries = zipEntries(zip);
  const read = (name: string): string | undefined => entries.get(name)?.().toString('utf8');
  const workbook = read('xl/workbook.xml');
  if (!workbook) throw new UnreadableWorkbookError('no workbook part');
  const firstSheet = /<sheet\b[^>]*>/.exec(workbook)?.[0];
  const relationId = firstSheet ? attribute(firstSheet, 'r:id') : undefined;
  const relations = read('xl/_rels/workbook.xml.rels') ?? '';
  let sheetPath = 'xl/worksheets/sheet1.xml';
  for (const match of relations.matchAll(/<Relationship\b[^>]*>/g)) {
    if (attribute(match[0], 'Id') === relationId) sheetPath = partPath(attribute(match[0], 'Target') ?? '');
  }
  const sheet = read(sheetPath);
  if (!sheet) throw new UnreadableWorkbookError('no worksheet');
  const shared = [...(read('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((match) =>
    textOf(match[1] ?? ''),
  );
  const dates = dateStyles(read('xl/styles.xml'));

  const rows: string[][] = [];
  for (const rowMatch of sheet.matchAll(/<row\b([^>]*)>([\s\S]*?)<\/row>|<row\b([^>]*)\/>/g)) {
    const rowNumber = Number(attribute(rowMatch[1] ?? rowMatch[3] ?? '', 'r') ?? rows.length + 1);
    const cells: string[] = [];
    for (const cellMatch of (rowMatch[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const tag = cellMatch[1] ?? '';
      const body = cellMatch[2] ?? '';
      const reference = attribute(tag, 'r');
      const index = reference ? columnIndex(reference) : cells.length;
      const type = attribute(tag, 't');
      const raw = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value = '';
      if (type === 's') value = shared[Number(raw)] ?? '';
      else if (type === 'inlineStr') value = textOf(body);
      else if (type === 'str' || type === 'e') value = unescapeXml(raw ?? '');
      else if (type === 'b') value = raw === '1' ? 'TRUE' : 'FALSE';
      else if (raw !== undefined) {
        const style = Number(attribute(tag, 's') ?? 0);
        value = dates.has(style) ? serialToIsoDay(Number(raw)) : raw;
      }
      cells[index] = value;
    }
    rows[rowNumber - 1] = Array.from(cells, (cell) => cell ?? '');
  }
  return Array.from(rows, (row) => row ?? []);
};
