import { CASELOAD_IMPORT_COLUMNS } from '@kikan/shared/caseload-import';
import { Workbook } from '../files/xlsx-writer.ts';

/** The template's two rows: the headers, and an example naming the caller's municipality and e-mail. */
export const caseloadTemplateRows = (example: {
  municipalityCode?: string | undefined;
  email?: string | undefined;
}) => [
  CASELOAD_IMPORT_COLUMNS.map((column) => column.header),
  CASELOAD_IMPORT_COLUMNS.map((column) => {
    if (column.key === 'municipalityCode' && example.municipalityCode) return example.municipalityCode;
    if (column.key === 'specialistEmail' && example.email) return example.email;
    return column.example;
  }),
];

const REQUIRED_HEADER = { bold: true, fill: 'FFFCE4D6', border: 'FFBFBFBF', wrapText: true } as const;
const OPTIONAL_HEADER = { bold: true, fill: 'FFDDEBF7', border: 'FFBFBFBF', wrapText: true } as const;

/** Every cell is text, so a 受給者証番号 keeps its leading zeros and a 令和 date stays as written. */
export const caseloadTemplateWorkbook = (
  example: Parameters<typeof caseloadTemplateRows>[0],
  now: Date,
): Workbook => {
  const workbook = new Workbook({ creator: 'Kikan', created: now });
  const sheet = workbook.addSheet('ケース', {
    widths: CASELOAD_IMPORT_COLUMNS.map((column) => Math.max(12, column.header.length * 2 + 2)),
    frozen: { columns: 2, rows: 1 },
  });
  const [header = [], exampleRow = []] = caseloadTemplateRows(example);
  const headerRow = sheet.addRow(header);
  CASELOAD_IMPORT_COLUMNS.forEach((column, index) =>
    sheet.setStyle(headerRow, index + 1, column.required ? REQUIRED_HEADER : OPTIONAL_HEADER),
  );
  sheet.addRow(exampleRow);
  return workbook;
};
