/** RFC 4180 as the exports write it: quoted cells may hold commas, doubled quotes and line breaks. */
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
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index += 1;
    } else cell += char;
  }
  return rows;
};

/**
 * A statistics CSV as a table: the export first says what it is (title, 数値, 用途, 注), then the
 * header row that starts with 「区分」 and the rows under it.
 */
export const statisticsTable = (rows: string[][]): { header: string[]; rows: string[][] } => {
  const at = rows.findIndex((row) => row[0] === '区分');
  if (at < 0) throw new Error('the CSV has no 区分 header row');
  return { header: rows[at] ?? [], rows: rows.slice(at + 1) };
};
