import type { Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * A printed page as a PDF reader sees it: its size in points and its text. Chromium writes text
 * as glyph ids of subset fonts, so the text is read through pdf.js (Mozilla's reader, the one
 * Firefox uses) rather than searched for in the bytes.
 */
export interface PdfPage {
  widthPt: number;
  heightPt: number;
  text: string;
}

/**
 * Text as the PDF's text is compared: NFKC, so （ and ( or ⼈ and 人 are one; the middle dot and
 * the slash, which the fonts' glyphs map back to look-alikes (‧ U+2027, ∕ U+2215), as one each.
 */
export const pdfText = (text: string): string =>
  text
    .normalize('NFKC')
    .replace(/[\u2027\u30fb\uff65]/g, '・')
    .replace(/\u2215/g, '/');

/** A4 in PostScript points (210 × 297 mm at 72 pt per inch). */
export const A4_PORTRAIT = { widthPt: 595.28, heightPt: 841.89 };
/** A4 turned on its side, as the plan, the weekly schedule and the monitoring report print. */
export const A4_LANDSCAPE = { widthPt: A4_PORTRAIT.heightPt, heightPt: A4_PORTRAIT.widthPt };

export const readPdf = async (bytes: Uint8Array): Promise<PdfPage[]> => {
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  try {
    const pages: PdfPage[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const { width, height } = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      // Chromium maps some glyphs to compatibility characters (人 as the radical ⼈): NFKC reads them
      // as a person would; compare with labels normalised the same way (pdfText).
      const text = pdfText(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
      pages.push({ widthPt: width, heightPt: height, text });
    }
    return pages;
  } finally {
    await document.destroy();
  }
};

/**
 * Prints the page as Chromium's print dialog would (print CSS, the sheet's own @page size) and
 * reads the PDF back.
 */
export const printPdf = async (page: Page): Promise<PdfPage[]> =>
  readPdf(await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }));
