import { describe, expect, it } from 'vitest';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, contentDisposition, csvText, rawFile } from './raw-response.ts';

describe('csvText', () => {
  it('starts with the UTF-8 byte order mark, so Excel reads Japanese text correctly', () => {
    const bytes = Buffer.from(csvText([['日付']]), 'utf8');

    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('ends every row with CRLF', () => {
    expect(
      csvText([
        ['a', 1],
        ['b', 2],
      ]),
    ).toBe('\uFEFFa,1\r\nb,2\r\n');
  });

  it.each([
    ['a comma', '協議会, 全体会', '"協議会, 全体会"'],
    ['a double quote', '「"虐待"対応」研修', '"「""虐待""対応」研修"'],
    ['a line feed', '一行目\n二行目', '"一行目\n二行目"'],
    ['a carriage return', '一行目\r\n二行目', '"一行目\r\n二行目"'],
  ])('quotes a cell holding %s and doubles its quotes', (_label, cell, expected) => {
    expect(csvText([[cell, 'x']])).toBe(`\uFEFF${expected},x\r\n`);
  });

  it('leaves plain cells and numbers unquoted', () => {
    expect(csvText([['相談支援専門員研修', 12]])).toBe('\uFEFF相談支援専門員研修,12\r\n');
  });

  it.each(['=1+1', '+81', '-2', '@SUM(A1)'])(
    'keeps the text cell %s from running as an Excel formula',
    (cell) => {
      expect(csvText([[cell]])).toBe(`\uFEFF'${cell}\r\n`);
    },
  );

  it('keeps a negative number a number', () => {
    expect(csvText([[-2]])).toBe('\uFEFF-2\r\n');
  });
});

describe('contentDisposition', () => {
  it('offers an ASCII fallback and the UTF-8 name of RFC 5987', () => {
    expect(contentDisposition('参加記録_令和8年度.csv')).toBe(
      `attachment; filename="_______8__.csv"; filename*=UTF-8''${encodeURIComponent('参加記録_令和8年度.csv')}`,
    );
  });

  it("percent-encodes the characters encodeURIComponent leaves alone: ' ( ) *", () => {
    expect(contentDisposition("a'(b)*.csv")).toContain("filename*=UTF-8''a%27%28b%29%2A.csv");
  });

  it('never lets a quote, a path or a line break into the header', () => {
    const header = contentDisposition('../"x"\r\nSet-Cookie: a.csv');

    expect(header).toBe(
      `attachment; filename="..__x___Set-Cookie: a.csv"; filename*=UTF-8''..__x___Set-Cookie%3A%20a.csv`,
    );
  });
});

describe('rawFile', () => {
  const xlsx = rawFile(XLSX_CONTENT_TYPE, { encoding: 'base64' });

  it('takes a binary file as base64 marked as such', () => {
    const body = Buffer.from([0x50, 0x4b, 0x03, 0x04]).toString('base64');

    expect(
      xlsx.parse({ contentType: XLSX_CONTENT_TYPE, body, encoding: 'base64', filename: '実績.xlsx' }),
    ).toEqual({
      contentType: XLSX_CONTENT_TYPE,
      body,
      encoding: 'base64',
      filename: '実績.xlsx',
    });
  });

  it('refuses a binary file body that is not base64, or not marked as base64', () => {
    expect(
      xlsx.safeParse({ contentType: XLSX_CONTENT_TYPE, body: 'PK\u0003\u0004', encoding: 'base64' }).success,
    ).toBe(false);
    expect(xlsx.safeParse({ contentType: XLSX_CONTENT_TYPE, body: 'UEsDBA==' }).success).toBe(false);
  });

  it('keeps a text file free of any encoding mark', () => {
    const csv = rawFile(CSV_CONTENT_TYPE);

    expect(csv.safeParse({ contentType: CSV_CONTENT_TYPE, body: 'a,b\r\n' }).success).toBe(true);
    expect(csv.safeParse({ contentType: CSV_CONTENT_TYPE, body: 'YSxi', encoding: 'base64' }).success).toBe(
      false,
    );
  });
});
