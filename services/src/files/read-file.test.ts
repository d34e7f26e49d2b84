import { describe, expect, it } from 'vitest';
import { ImportFileError, decodeText, parseCsv, readImportFile } from './read-file.ts';
import { Workbook } from './xlsx-writer.ts';

/** 「受給者証番号,氏名\r\n0123456789,山田 太郎\r\n」 as older Excel saves it (Shift_JIS). */
const SHIFT_JIS_CSV = new Uint8Array([
  0x8e, 0xf3, 0x8b, 0x8b, 0x8e, 0xd2, 0x8f, 0xd8, 0x94, 0xd4, 0x8d, 0x86, 0x2c, 0x8e, 0x81, 0x96, 0xbc, 0x0d,
  0x0a, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x2c, 0x8e, 0x52, 0x93, 0x63, 0x20, 0x91,
  0xbe, 0x98, 0x59, 0x0d, 0x0a,
]);

describe('reading an import file', () => {
  it('reads UTF-8 with a BOM, and Shift_JIS when the bytes are not UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('\uFEFF氏名')).encoding).toBe('utf-8');
    const file = readImportFile(SHIFT_JIS_CSV);
    expect(file).toMatchObject({ format: 'csv', encoding: 'shift_jis' });
    expect(file.rows).toEqual([
      ['受給者証番号', '氏名'],
      ['0123456789', '山田 太郎'],
    ]);
  });

  it('reads quoted cells with commas, quotes and line breaks (RFC 4180)', () => {
    expect(parseCsv('a,"b,c","d ""e""","f\r\ng"\r\n1,2,3,4\n')).toEqual([
      ['a', 'b,c', 'd "e"', 'f\r\ng'],
      ['1', '2', '3', '4'],
    ]);
  });

  it('reads the first sheet of a workbook as text, keeping leading zeros', () => {
    const workbook = new Workbook({ creator: 'test', created: new Date('2026-04-01T00:00:00Z') });
    const sheet = workbook.addSheet('ケース');
    sheet.addRow(['受給者証番号', '氏名', 'モニタリング期間（月）']);
    sheet.addRow(['0123456789', '山田 & 太郎 <様>', 3]);
    const file = readImportFile(workbook.toBuffer());
    expect(file.format).toBe('xlsx');
    expect(file.rows).toEqual([
      ['受給者証番号', '氏名', 'モニタリング期間（月）'],
      ['0123456789', '山田 & 太郎 <様>', '3'],
    ]);
  });

  it('refuses old .xls, binary files, empty files and files of 10 MB or more, each with its own message', () => {
    const refusal = (bytes: Uint8Array) => {
      try {
        readImportFile(bytes);
        return null;
      } catch (error) {
        return error instanceof ImportFileError ? error.message : 'other';
      }
    };
    expect(refusal(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).toContain('.xls');
    expect(refusal(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2]))).toContain('CSV でも Excel ファイル');
    expect(refusal(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toContain(
      'Excel ファイル（.xlsx）として読めません',
    );
    expect(refusal(new Uint8Array())).toBe('ファイルが空です');
    expect(refusal(new Uint8Array(10 * 1024 * 1024 + 1))).toContain('10MB');
  });
});
