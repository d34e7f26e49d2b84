import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A small writer of Office Open XML workbooks (.xlsx), just what the exports need (statistics, caseload):
 * text and numbers, a handful of cell styles, merged cells, column widths and frozen panes.
 * exceljs did this before at ~900 KB of the function's bundle (ADR 0013); this is a few KB.
 * Strings are written inline (t="inlineStr"), so the package has no sharedStrings part.
 */

export type CellValue = string | number | null;

/** A cell's look. Styles are compared by value: equal objects share one entry of styles.xml. */
export interface CellStyle {
  bold?: boolean;
  /** Font size in points; 11 when absent. */
  size?: number;
  /** ARGB of a solid background, e.g. FFDDEBF7. */
  fill?: string;
  /** ARGB of a thin border on all four sides. */
  border?: string;
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'center' | 'bottom';
  wrapText?: boolean;
  /** An Excel number format code, e.g. 0.0"%". */
  numFmt?: string;
}

export interface SheetOptions {
  /** Width of each column from A, in characters. */
  widths?: readonly number[];
  /** Columns from the left and rows from the top that stay in view when scrolling. */
  frozen?: { columns: number; rows: number };
  /**
   * How the sheet prints: A4, as wide as the page (as many pages down as it takes), the title in
   * the header and 「ページ / 総ページ」 in the footer.
   */
  print?: { title: string; orientation: 'portrait' | 'landscape' };
}

interface Cell {
  value: CellValue;
  style: CellStyle | undefined;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** A Japanese font every Excel since 2016 has (charset 128: Shift_JIS, for Japanese glyph choice). */
const DEFAULT_FONT = '<name val="游ゴシック"/><family val="3"/><charset val="128"/>';
/** The number formats every Excel knows by id (ECMA-376 Part 1, 18.8.30); others are declared from 164. */
const BUILT_IN_FORMATS: Readonly<Record<string, number>> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
};
/** Excel's own limits on a sheet name. */
const SHEET_NAME_MAX = 31;
const SHEET_NAME_FORBIDDEN = /[\\/?*:[\]]/;

/** XML 1.0 allows tab, LF, CR and most of the rest; anything else makes the part unreadable. */
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const escapeXml = (text: string): string =>
  text
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/**
 * Cell text: XML-escaped, line breaks as LF (an XML parser folds CR away anyway), and a literal
 * `_xHHHH_` kept literal, since Excel reads that pattern in a string as an escaped character.
 */
const cellText = (text: string): string =>
  escapeXml(text.replace(/\r\n?/g, '\n').replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1'));

const columnLetters = (column: number): string => {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26))
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
};

const cellRef = (row: number, column: number): string => `${columnLetters(column)}${row}`;

export class Worksheet {
  readonly name: string;
  readonly #options: SheetOptions;
  readonly #rows: Map<number, Cell>[] = [];
  readonly #merges: { top: number; left: number; bottom: number; right: number }[] = [];

  constructor(name: string, options: SheetOptions) {
    this.name = name;
    this.#options = options;
  }

  /** The number of the last row written, 0 for an empty sheet. */
  get rowCount(): number {
    return this.#rows.length;
  }

  /**
   * Appends a row from column A and returns its number. A null or empty value leaves the cell
   * empty; the style, when given, applies to the cells that have a value.
   */
  addRow(values: readonly CellValue[], style?: CellStyle): number {
    const cells = new Map<number, Cell>();
    values.forEach((value, index) => {
      if (typeof value === 'number' && !Number.isFinite(value))
        throw new Error(`${this.name}: ${value} is not a number a workbook can hold`);
      if (value !== null && value !== '') cells.set(index + 1, { value, style });
    });
    this.#rows.push(cells);
    return this.#rows.length;
  }

  /** Sets the look of one cell of a written row, empty or not. */
  setStyle(row: number, column: number, style: CellStyle): void {
    const cells = this.#rows[row - 1];
    if (!cells) throw new Error(`${this.name}: row ${row} is not written yet`);
    const cell = cells.get(column);
    if (cell) cell.style = style;
    else cells.set(column, { value: null, style });
  }

  /**
   * Merges a block of cells into its top-left one: the others' values are dropped, as Excel does.
   * A block of one cell is left as it is.
   */
  merge(top: number, left: number, bottom: number, right: number): void {
    if (bottom === top && right === left) return;
    if (bottom < top || right < left)
      throw new Error(`${this.name}: ${cellRef(top, left)}:${cellRef(bottom, right)} is not a block`);
    const overlapping = this.#merges.find(
      (other) => top <= other.bottom && other.top <= bottom && left <= other.right && other.left <= right,
    );
    // Overlapping merges make Excel declare the file corrupt.
    if (overlapping) throw new Error(`${this.name}: merges ${cellRef(top, left)} twice`);
    this.#merges.push({ top, left, bottom, right });
    for (let row = top; row <= bottom; row += 1) {
      for (let column = left; column <= right; column += 1) {
        const cell = this.#rows[row - 1]?.get(column);
        if (cell && (row !== top || column !== left)) cell.value = null;
      }
    }
  }

  /** @internal the part xl/worksheets/sheetN.xml; styleId gives each style's index in cellXfs. */
  toXml(selected: boolean, styleId: (style: CellStyle | undefined) => number): string {
    const parts: string[] = [XML_DECLARATION, `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`];
    const lastColumn = Math.max(1, ...this.#rows.flatMap((cells) => [...cells.keys()]));
    if (this.#options.print) parts.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    parts.push(`<dimension ref="A1:${cellRef(Math.max(1, this.#rows.length), lastColumn)}"/>`);
    parts.push(`<sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0">`);
    const { columns = 0, rows = 0 } = this.#options.frozen ?? {};
    if (columns > 0 || rows > 0) {
      const pane = columns > 0 && rows > 0 ? 'bottomRight' : columns > 0 ? 'topRight' : 'bottomLeft';
      parts.push(
        `<pane${columns > 0 ? ` xSplit="${columns}"` : ''}${rows > 0 ? ` ySplit="${rows}"` : ''}` +
          ` topLeftCell="${cellRef(rows + 1, columns + 1)}" activePane="${pane}" state="frozen"/>`,
        `<selection pane="${pane}" activeCell="${cellRef(rows + 1, columns + 1)}"` +
          ` sqref="${cellRef(rows + 1, columns + 1)}"/>`,
      );
    }
    parts.push('</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>');
    const widths = this.#options.widths ?? [];
    if (widths.length > 0) {
      parts.push('<cols>');
      widths.forEach((width, index) =>
        parts.push(`<col min="${index + 1}" max="${index + 1}" width="${width}" customWidth="1"/>`),
      );
      parts.push('</cols>');
    }
    parts.push('<sheetData>');
    this.#rows.forEach((cells, index) => {
      const row = index + 1;
      if (cells.size === 0) return;
      parts.push(`<row r="${row}">`);
      for (const [column, { value, style }] of [...cells].sort(([a], [b]) => a - b)) {
        const id = styleId(style);
        const attributes = `r="${cellRef(row, column)}"${id > 0 ? ` s="${id}"` : ''}`;
        if (typeof value === 'number') parts.push(`<c ${attributes}><v>${value}</v></c>`);
        else if (value === null) {
          // An empty cell without a style says nothing; with one it draws a border or a fill.
          if (id > 0) parts.push(`<c ${attributes}/>`);
        } else
          parts.push(
            `<c ${attributes} t="inlineStr"><is><t xml:space="preserve">${cellText(value)}</t></is></c>`,
          );
      }
      parts.push('</row>');
    });
    parts.push('</sheetData>');
    if (this.#merges.length > 0) {
      parts.push(`<mergeCells count="${this.#merges.length}">`);
      for (const { top, left, bottom, right } of this.#merges)
        parts.push(`<mergeCell ref="${cellRef(top, left)}:${cellRef(bottom, right)}"/>`);
      parts.push('</mergeCells>');
    }
    parts.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
    const { print } = this.#options;
    if (print) {
      // paperSize 9 is A4; fitToHeight 0: as many pages down as the rows need.
      parts.push(
        `<pageSetup paperSize="9" orientation="${print.orientation}" fitToWidth="1" fitToHeight="0"/>`,
        `<headerFooter><oddHeader>${escapeXml(`&C${print.title.replace(/&/g, '&&')}`)}</oddHeader>` +
          `<oddFooter>${escapeXml('&C&P / &N')}</oddFooter></headerFooter>`,
      );
    }
    parts.push('</worksheet>');
    return parts.join('');
  }
}

/** The distinct fonts, fills, borders, formats and their combinations (cellXfs) of a workbook. */
class StyleTable {
  readonly #fonts = ['<font><sz val="11"/>' + DEFAULT_FONT + '</font>'];
  // Excel requires the first two fills to be these two, whatever the cells use.
  readonly #fills = [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ];
  readonly #borders = ['<border><left/><right/><top/><bottom/><diagonal/></border>'];
  readonly #formats: string[] = [];
  readonly #xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  readonly #ids = new Map<string, number>();

  idOf(style: CellStyle | undefined): number {
    if (!style) return 0;
    const key = JSON.stringify([
      style.bold,
      style.size,
      style.fill,
      style.border,
      style.horizontal,
      style.vertical,
      style.wrapText,
      style.numFmt,
    ]);
    const known = this.#ids.get(key);
    if (known !== undefined) return known;
    const fontId = indexOf(
      this.#fonts,
      `<font>${style.bold ? '<b/>' : ''}<sz val="${style.size ?? 11}"/>${DEFAULT_FONT}</font>`,
    );
    const fillId = style.fill
      ? indexOf(
          this.#fills,
          `<fill><patternFill patternType="solid"><fgColor rgb="${escapeXml(style.fill)}"/><bgColor indexed="64"/></patternFill></fill>`,
        )
      : 0;
    const side = (name: string) =>
      `<${name} style="thin"><color rgb="${escapeXml(style.border ?? '')}"/></${name}>`;
    const borderId = style.border
      ? indexOf(
          this.#borders,
          `<border>${side('left')}${side('right')}${side('top')}${side('bottom')}<diagonal/></border>`,
        )
      : 0;
    const numFmtId =
      style.numFmt === undefined
        ? 0
        : (BUILT_IN_FORMATS[style.numFmt] ?? 164 + indexOf(this.#formats, style.numFmt));
    const alignment = [
      style.horizontal ? ` horizontal="${style.horizontal}"` : '',
      style.vertical ? ` vertical="${style.vertical}"` : '',
      style.wrapText ? ' wrapText="1"' : '',
    ].join('');
    const applied = [
      numFmtId > 0 ? ' applyNumberFormat="1"' : '',
      fontId > 0 ? ' applyFont="1"' : '',
      fillId > 0 ? ' applyFill="1"' : '',
      borderId > 0 ? ' applyBorder="1"' : '',
      alignment ? ' applyAlignment="1"' : '',
    ].join('');
    const id = this.#xfs.length;
    this.#xfs.push(
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applied}` +
        (alignment ? `><alignment${alignment}/></xf>` : '/>'),
    );
    this.#ids.set(key, id);
    return id;
  }

  toXml(): string {
    const list = (name: string, items: readonly string[]) =>
      `<${name} count="${items.length}">${items.join('')}</${name}>`;
    const formats = this.#formats.map(
      (code, index) => `<numFmt numFmtId="${164 + index}" formatCode="${escapeXml(code)}"/>`,
    );
    return (
      `${XML_DECLARATION}<styleSheet xmlns="${MAIN_NS}">` +
      (formats.length > 0 ? list('numFmts', formats) : '') +
      list('fonts', this.#fonts) +
      list('fills', this.#fills) +
      list('borders', this.#borders) +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list('cellXfs', this.#xfs) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }
}

const indexOf = (list: string[], item: string): number => {
  const found = list.indexOf(item);
  if (found >= 0) return found;
  list.push(item);
  return list.length - 1;
};

export class Workbook {
  readonly #sheets: Worksheet[] = [];
  readonly #creator: string;
  readonly #created: Date;

  constructor(options: { creator: string; created: Date }) {
    this.#creator = options.creator;
    this.#created = options.created;
  }

  get sheetNames(): string[] {
    return this.#sheets.map((sheet) => sheet.name);
  }

  hasSheet(name: string): boolean {
    // Excel compares sheet names without regard to case.
    return this.#sheets.some((sheet) => sheet.name.toLowerCase() === name.toLowerCase());
  }

  /** A new sheet at the end. The name must be one Excel accepts; the caller chooses how to make it so. */
  addSheet(name: string, options: SheetOptions = {}): Worksheet {
    if (name.length === 0 || name.length > SHEET_NAME_MAX || SHEET_NAME_FORBIDDEN.test(name))
      throw new Error(
        `"${name}" is not a sheet name Excel accepts (1–31 characters, none of \\ / ? * : [ ])`,
      );
    if (/^'|'$/.test(name))
      throw new Error(`"${name}": a sheet name may not begin or end with an apostrophe`);
    if (this.hasSheet(name)) throw new Error(`"${name}" is already a sheet of the workbook`);
    const sheet = new Worksheet(name, options);
    this.#sheets.push(sheet);
    return sheet;
  }

  /** The .xlsx file's bytes. */
  toBuffer(): Buffer<ArrayBuffer> {
    if (this.#sheets.length === 0) throw new Error('a workbook needs at least one sheet');
    const styles = new StyleTable();
    const sheetParts = this.#sheets.map((sheet, index) => ({
      path: `xl/worksheets/sheet${index + 1}.xml`,
      xml: sheet.toXml(index === 0, (style) => styles.idOf(style)),
    }));
    const relationship = (id: string, type: string, target: string) =>
      `<Relationship Id="${id}" Type="${REL_NS}/${type}" Target="${target}"/>`;
    const created = this.#created.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const files: { path: string; xml: string }[] = [
      {
        path: '[Content_Types].xml',
        xml:
          `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          sheetParts
            .map(
              ({ path }) =>
                `<Override PartName="/${path}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
            )
            .join('') +
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
          '</Types>',
      },
      {
        path: '_rels/.rels',
        xml:
          `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_REL_NS}">` +
          relationship('rId1', 'officeDocument', 'xl/workbook.xml') +
          `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
          '</Relationships>',
      },
      {
        path: 'docProps/core.xml',
        xml:
          `${XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
          ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
          ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
          `<dc:creator>${escapeXml(this.#creator)}</dc:creator>` +
          `<dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created>` +
          `<dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified>` +
          '</cp:coreProperties>',
      },
      {
        path: 'xl/workbook.xml',
        xml:
          `${XML_DECLARATION}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
          '<bookViews><workbookView activeTab="0"/></bookViews><sheets>' +
          this.#sheets
            .map(
              (sheet, index) =>
                `<sheet name="${escapeXml(sheet.name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`,
            )
            .join('') +
          '</sheets></workbook>',
      },
      {
        path: 'xl/_rels/workbook.xml.rels',
        xml:
          `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_REL_NS}">` +
          this.#sheets
            .map((_, index) =>
              relationship(`rId${index + 1}`, 'worksheet', `worksheets/sheet${index + 1}.xml`),
            )
            .join('') +
          relationship(`rId${this.#sheets.length + 1}`, 'styles', 'styles.xml') +
          '</Relationships>',
      },
      { path: 'xl/styles.xml', xml: styles.toXml() },
      ...sheetParts,
    ];
    return zip(
      files.map(({ path, xml }) => ({ path, data: Buffer.from(xml, 'utf8') })),
      this.#created,
    );
  }
}

/** Date and time as the zip format keeps them (MS-DOS, two-second steps, from 1980). */
const dosDateTime = (at: Date): { time: number; date: number } => {
  const year = Math.min(Math.max(at.getUTCFullYear(), 1980), 2107);
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
};

/**
 * A zip archive of deflated entries (APPNOTE.TXT 4.3): each entry's local header and data, then the
 * central directory and its end record. No zip64: a workbook of ours is far below 4 GB.
 */
const zip = (entries: readonly { path: string; data: Buffer }[], modified: Date): Buffer<ArrayBuffer> => {
  const { time, date } = dosDateTime(modified);
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const { path, data } of entries) {
    const name = Buffer.from(path, 'utf8');
    const compressed = deflateRawSync(data);
    const checksum = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0, for deflate
    local.writeUInt16LE(0x0800, 6); // the name is UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(checksum, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(checksum, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra field, comment, disk number, internal and external attributes: all zero
    central.writeUInt32LE(offset, 42);
    chunks.push(local, name, compressed);
    directory.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directorySize = directory.reduce((sum, chunk) => sum + chunk.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...directory, end]);
};
