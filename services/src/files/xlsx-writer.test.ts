import ExcelJS from 'exceljs';
import { crc32, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Workbook } from './xlsx-writer.ts';

const CREATED = new Date('2025-06-30T03:00:00Z');

/** Read back as a user's spreadsheet program would: what the file holds, not the object built. */
const readBack = async (workbook: Workbook): Promise<ExcelJS.Workbook> => {
  const bytes = workbook.toBuffer();
  const read = new ExcelJS.Workbook();
  // exceljs types its input as an ArrayBuffer; a Node Buffer is a view on one.
  await read.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return read;
};

const sheetOf = (workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet => {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
};

/**
 * The archive's parts by name, read from the central directory the way Excel does, each local
 * header checked against it and each part's CRC-32 against its inflated bytes.
 */
const partsOf = (bytes: Buffer): Map<string, string> => {
  const end = bytes.length - 22;
  expect(bytes.readUInt32LE(end)).toBe(0x06054b50);
  const count = bytes.readUInt16LE(end + 10);
  let entry = bytes.readUInt32LE(end + 16);
  expect(entry + bytes.readUInt32LE(end + 12)).toBe(end);
  const parts = new Map<string, string>();
  for (let index = 0; index < count; index += 1) {
    expect(bytes.readUInt32LE(entry)).toBe(0x02014b50);
    const checksum = bytes.readUInt32LE(entry + 16);
    const compressedSize = bytes.readUInt32LE(entry + 20);
    const size = bytes.readUInt32LE(entry + 24);
    const nameLength = bytes.readUInt16LE(entry + 28);
    const extraLength = bytes.readUInt16LE(entry + 30);
    const commentLength = bytes.readUInt16LE(entry + 32);
    const local = bytes.readUInt32LE(entry + 42);
    const name = bytes.toString('utf8', entry + 46, entry + 46 + nameLength);
    expect(bytes.readUInt32LE(local)).toBe(0x04034b50);
    expect(bytes.readUInt32LE(local + 14)).toBe(checksum);
    const dataStart = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = inflateRawSync(bytes.subarray(dataStart, dataStart + compressedSize));
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(checksum);
    parts.set(name, data.toString('utf8'));
    entry += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
};

const twoSheets = (): Workbook => {
  const workbook = new Workbook({ creator: 'Kikan', created: CREATED });
  const first = workbook.addSheet('相談支援の利用', {
    widths: [44, 9, 14],
    frozen: { columns: 3, rows: 4 },
  });
  first.addRow(['令和7年度 実績'], { bold: true, size: 14 });
  first.addRow(['指標', '単位', '実績', null, 'E']);
  first.addRow(['利用者数', '人', 13.3]);
  first.addRow(['利用者数', '人', 0, -2, 1234567]);
  first.merge(3, 1, 4, 1);
  first.merge(2, 4, 2, 5);
  const second = workbook.addSheet('月別', { frozen: { columns: 0, rows: 3 } });
  second.addRow(['only']);
  return workbook;
};

describe('Workbook', () => {
  it('keeps the sheets in the order added, named as given', async () => {
    const read = await readBack(twoSheets());

    expect(read.worksheets.map((sheet) => sheet.name)).toEqual(['相談支援の利用', '月別']);
    expect(read.creator).toBe('Kikan');
    expect(read.created.toISOString()).toBe(CREATED.toISOString());
  });

  it('writes numbers as numbers and text as text, and leaves a null cell empty', async () => {
    const sheet = sheetOf(await readBack(twoSheets()), '相談支援の利用');

    expect(sheet.getCell('A1').value).toBe('令和7年度 実績');
    expect(sheet.getCell('A1').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('C3').value).toBe(13.3);
    expect(sheet.getCell('C3').type).toBe(ExcelJS.ValueType.Number);
    expect([3, 4, 5].map((column) => sheet.getRow(4).getCell(column).value)).toEqual([0, -2, 1234567]);
    expect(sheet.getCell('D2').value).toBeNull();
  });

  it('merges blocks into their top-left cell, dropping the values under it', async () => {
    const sheet = sheetOf(await readBack(twoSheets()), '相談支援の利用');

    expect(sheet.model.merges.sort()).toEqual(['A3:A4', 'D2:E2']);
    expect(sheet.getCell('A4').isMerged).toBe(true);
    expect(sheet.getCell('A4').master.address).toBe('A3');
    expect(sheet.getCell('E2').master.value).toBeNull();
  });

  it('sets the column widths and freezes the panes asked for', async () => {
    const read = await readBack(twoSheets());
    const first = sheetOf(read, '相談支援の利用');
    const second = sheetOf(read, '月別');

    expect([1, 2, 3].map((column) => first.getColumn(column).width)).toEqual([44, 9, 14]);
    expect(first.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 4, topLeftCell: 'D5' });
    expect(second.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, topLeftCell: 'A4' });
  });

  it('prints on A4 as wide as the page, with the title in the header and page numbers in the footer, in a Japanese font', async () => {
    const workbook = new Workbook({ creator: 'Kikan', created: CREATED });
    const sheet = workbook.addSheet('実績', {
      print: { title: '令和7年度 障害福祉計画 実績（第7期）& 見込量', orientation: 'landscape' },
    });
    sheet.addRow(['計画相談支援の利用者数', 12]);
    const read = sheetOf(await readBack(workbook), '実績');

    expect(read.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    });
    expect(read.headerFooter.oddHeader).toBe('&C令和7年度 障害福祉計画 実績（第7期）&& 見込量');
    expect(read.headerFooter.oddFooter).toBe('&C&P / &N');
    // Every font of the workbook, the default one included, is the Japanese one.
    const styles = partsOf(workbook.toBuffer()).get('xl/styles.xml') ?? '';
    expect(styles.match(/<name val="[^"]*"\/>/g)?.every((name) => name === '<name val="游ゴシック"/>')).toBe(
      true,
    );
  });

  it('writes the fonts, fills, borders, alignment and number formats of the styles', async () => {
    const workbook = new Workbook({ creator: 'Kikan', created: CREATED });
    const sheet = workbook.addSheet('styles');
    const header = sheet.addRow(['head', 'plain']);
    sheet.setStyle(header, 1, {
      bold: true,
      fill: 'FFDDEBF7',
      border: 'FF999999',
      horizontal: 'center',
      vertical: 'center',
      wrapText: true,
    });
    const figures = sheet.addRow([65.6, 12, 0.5], { numFmt: '0.0"%"' });
    sheet.setStyle(figures, 2, { numFmt: '0' });
    sheet.setStyle(figures, 3, { numFmt: '0.0' });
    sheet.setStyle(figures, 4, { border: 'FF999999' });

    const read = sheetOf(await readBack(workbook), 'styles');

    const head = read.getCell('A1');
    expect(head.font).toMatchObject({ bold: true });
    expect(head.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } });
    expect(head.border.left).toMatchObject({ style: 'thin', color: { argb: 'FF999999' } });
    expect(head.alignment).toMatchObject({ horizontal: 'center', vertical: 'middle', wrapText: true });
    expect(read.getCell('B1').font?.bold).toBeFalsy();
    expect(['A2', 'B2', 'C2'].map((address) => read.getCell(address).numFmt)).toEqual(['0.0"%"', '0', '0.0']);
    expect(read.getCell('D2').value).toBeNull();
    expect(read.getCell('D2').border.bottom).toMatchObject({ style: 'thin' });
  });

  it('escapes markup, keeps spaces, line breaks and astral characters, and drops what XML 1.0 forbids', async () => {
    const workbook = new Workbook({ creator: 'Kikan', created: CREATED });
    const sheet = workbook.addSheet('text');
    sheet.addRow([
      '<b>A&B</b> "q" \'a\'',
      '  lead and trail\u3000 ',
      '令和7年7月15日 全体会\r\n令和7年9月1日 部会',
      'bell\u0007 nul\u0000 lone\uD800 end\uFFFE',
      '𠮷野家 🙂',
    ]);

    const read = sheetOf(await readBack(workbook), 'text');

    expect([1, 2, 3, 4, 5].map((column) => read.getRow(1).getCell(column).value)).toEqual([
      '<b>A&B</b> "q" \'a\'',
      '  lead and trail\u3000 ',
      '令和7年7月15日 全体会\n令和7年9月1日 部会',
      'bell nul lone end',
      '𠮷野家 🙂',
    ]);
  });

  it('keeps a literal _xHHHH_ from being read by Excel as an escaped character', () => {
    const workbook = new Workbook({ creator: 'Kikan', created: CREATED });
    workbook.addSheet('text').addRow(['file_x0041_name']);

    const sheetXml = partsOf(workbook.toBuffer()).get('xl/worksheets/sheet1.xml');

    expect(sheetXml).toContain('<t xml:space="preserve">file_x005F_x0041_name</t>');
  });

  it('writes strings inline, so the package needs no shared strings part', () => {
    const parts = partsOf(twoSheets().toBuffer());

    expect([...parts.keys()].some((name) => name.includes('sharedStrings'))).toBe(false);
    expect(parts.get('xl/worksheets/sheet1.xml')).toContain(
      '<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">令和7年度 実績</t></is></c>',
    );
  });

  it('declares every part with the content type and relationship Excel expects', () => {
    const parts = partsOf(twoSheets().toBuffer());

    expect([...parts.keys()].sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    const types = parts.get('[Content_Types].xml') ?? '';
    const spreadsheetml = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
    for (const [part, type] of [
      ['/xl/workbook.xml', `${spreadsheetml}.sheet.main+xml`],
      ['/xl/worksheets/sheet1.xml', `${spreadsheetml}.worksheet+xml`],
      ['/xl/worksheets/sheet2.xml', `${spreadsheetml}.worksheet+xml`],
      ['/xl/styles.xml', `${spreadsheetml}.styles+xml`],
      ['/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'],
    ])
      expect(types).toContain(`<Override PartName="${part}" ContentType="${type}"/>`);
    expect(types).toContain(
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
    );
    const officeDocument = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    expect(parts.get('_rels/.rels')).toContain(
      `<Relationship Id="rId1" Type="${officeDocument}/officeDocument" Target="xl/workbook.xml"/>`,
    );
    const workbookRels = parts.get('xl/_rels/workbook.xml.rels') ?? '';
    expect(workbookRels).toContain(
      `<Relationship Id="rId2" Type="${officeDocument}/worksheet" Target="worksheets/sheet2.xml"/>`,
    );
    expect(workbookRels).toContain(
      `<Relationship Id="rId3" Type="${officeDocument}/styles" Target="styles.xml"/>`,
    );
    expect(parts.get('xl/workbook.xml')).toContain('<sheet name="月別" sheetId="2" r:id="rId2"/>');
    for (const xml of parts.values())
      expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')).toBe(true);
  });

  it('refuses a sheet name Excel would refuse', () => {
    const workbook = new Workbook({ creator: 'Kikan', created: CREATED });
    workbook.addSheet('月別');

    for (const name of ['', 'a'.repeat(32), 'a/b', 'a[1]', 'a:b', 'a*', 'a?', 'a\\b', "'quoted'"])
      expect(() => workbook.addSheet(name), name).toThrow();
    expect(() => workbook.addSheet('月別')).toThrow();
    expect(() => workbook.addSheet('a'.repeat(31))).not.toThrow();
  });

  it('refuses overlapping merges and numbers a workbook cannot hold', () => {
    const sheet = new Workbook({ creator: 'Kikan', created: CREATED }).addSheet('sheet');
    sheet.addRow(['a', 'b', 'c']);
    sheet.merge(1, 1, 1, 2);

    expect(() => sheet.merge(1, 2, 1, 3)).toThrow();
    expect(() => sheet.addRow([Number.NaN])).toThrow();
    expect(() => sheet.addRow([Number.POSITIVE_INFINITY])).toThrow();
  });

  it('addresses columns past Z as Excel does', async () => {
    const workbook = new Workbook({ creator: 'Kikan', created: CREATED });
    const values = Array.from({ length: 60 }, (_, index) => index + 1);
    workbook.addSheet('wide').addRow(values);

    const sheet = sheetOf(await readBack(workbook), 'wide');

    expect(['Z1', 'AA1', 'AZ1', 'BA1', 'BH1'].map((address) => sheet.getCell(address).value)).toEqual([
      26, 27, 52, 53, 60,
    ]);
  });
});
