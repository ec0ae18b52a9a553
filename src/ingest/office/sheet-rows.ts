/** Where a spreadsheet row's text came from: the sheet, its 1-based row number as the spreadsheet shows it. */
export interface SheetRow {
  sheet: string;
  row: number;
  cells: string[];
}

/** A row read into text: "Tên thủ tục: …; Thời hạn giải quyết: …; Lệ phí: …", with its locator. */
export interface RowText {
  text: string;
  locator: string;
  headingPath: string[];
}

/** "Trang tính Thủ tục, dòng 5": how a row is cited. */
export function rowLocator(sheet: string, row: number): string {
  return `Trang tính ${sheet}, dòng ${row}`;
}

/** "Cột C": the name of a column that has no header. */
function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return `Cột ${name}`;
}

const filled = (cells: readonly string[]) => cells.filter((c) => c !== '').length;

/**
 * Turns the rows of one sheet into citable texts. The header is the first row with at least two
 * filled cells; rows above it with text are the sheet's title lines (kept in the heading path).
 * Every later row becomes "Header: value; …" over its filled cells (a column without a header is
 * named by its letter), skipping empty rows and repeats of the header.
 */
export function sheetRowTexts({ sheet, rows }: { sheet: string; rows: readonly SheetRow[] }): { titles: string[]; rows: Array<RowText & { row: number }> } {
  const headerAt = rows.findIndex((r) => filled(r.cells) >= 2);
  const titles = rows.slice(0, Math.max(0, headerAt)).map((r) => r.cells.filter((c) => c !== '').join(' ')).filter((t) => t !== '');
  const header = headerAt < 0 ? [] : (rows[headerAt]?.cells ?? []);
  const headingPath = [sheet, ...titles];
  const out: Array<RowText & { row: number }> = [];
  for (const r of rows.slice(headerAt < 0 ? titles.length : headerAt + 1)) {
    if (filled(r.cells) === 0) continue;
    if (header.length > 0 && r.cells.every((c, j) => c === (header[j] ?? ''))) continue;
    const text = r.cells
      .map((value, j) => (value === '' ? undefined : header.length === 0 ? value : `${header[j] || columnName(j)}: ${value}`))
      .filter((pair): pair is string => pair !== undefined)
      .join('; ');
    out.push({ text, locator: rowLocator(sheet, r.row), headingPath, row: r.row });
  }
  return { titles, rows: out };
}
