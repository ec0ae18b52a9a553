import type * as XLSXTypes from 'xlsx';
import { readArchive } from './archive-limits';
import { DEFAULT_INGEST_LIMITS } from './ingest-limits';
import { loadCfb, loadSheetJs } from './lazy-modules';
import type { LoadedPart, Loader, LoaderOutput } from './loader';
import { sheetRowTexts, rowLocator, type SheetRow } from './office/sheet-rows';
import { fileError, fileWarning } from './problem';
import type { IngestProblem } from './types';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Rows read past the row limit per sheet, for title lines and the header above the data. */
const HEADER_ROWS_MARGIN = 20;

/** The cell texts of one sheet, as shown (formatted numbers and dates), merged cells filled from their top-left cell. */
function sheetRows(XLSX: typeof XLSXTypes, sheet: XLSXTypes.WorkSheet, name: string): SheetRow[] {
  const ref = sheet['!ref'];
  if (ref === undefined) return [];
  const range = XLSX.utils.decode_range(ref);
  const grid: string[][] = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, raw: false, defval: '', blankrows: true });
  // Official lists merge a group cell ("Lĩnh vực Hộ tịch") down the rows it covers: every row gets it.
  for (const merge of sheet['!merges'] ?? []) {
    const value = grid[merge.s.r - range.s.r]?.[merge.s.c - range.s.c] ?? '';
    for (let r = merge.s.r; r <= merge.e.r; r++) {
      const row = (grid[r - range.s.r] ??= []);
      for (let c = merge.s.c; c <= merge.e.c; c++) if (merge.e.r > merge.s.r || c === merge.s.c) row[c - range.s.c] = value;
    }
  }
  return grid.map((cells, i) => ({ sheet: name, row: range.s.r + i + 1, cells: Array.from(cells, (c) => String(c ?? '').replace(/\s+/g, ' ').trim()) }));
}

async function isEncryptedOle(bytes: Buffer): Promise<boolean> {
  const CFB = await loadCfb();
  try {
    const container = CFB.read(bytes, { type: 'buffer' });
    return CFB.find(container, 'EncryptedPackage') !== null || CFB.find(container, 'EncryptionInfo') !== null;
  } catch {
    return false;
  }
}

/**
 * Spreadsheets (.xlsx, .xls, .ods) through SheetJS, row by row: each row becomes one citable unit,
 * "Header: value; …", cited as "Trang tính X, dòng N" (bench/results/formats.md for the choice).
 * ZIP-based files are unpacked under the archive limits first; at most `maxSheetRows` rows are read
 * per file, and the report says where reading stopped.
 */
export function sheetLoader(format: 'xlsx' | 'xls' | 'ods'): Loader {
  return {
    format,
    async load({ path, bytes, limits = DEFAULT_INGEST_LIMITS, abortSignal }): Promise<LoaderOutput> {
      const head = bytes.subarray(0, 8);
      if (head.subarray(0, 4).equals(ZIP_MAGIC)) {
        const archive = await readArchive({ bytes, limits: limits.archive, include: (name) => !/^(xl\/media|Pictures|Thumbnails)\//i.test(name), format, ...(abortSignal === undefined ? {} : { abortSignal }) });
        if (!archive.ok) return { documents: [], problems: [fileError(path, archive.refusal.code, archive.refusal.message)] };
      } else if (head.equals(OLE_MAGIC)) {
        if (await isEncryptedOle(bytes)) return { documents: [], problems: [fileError(path, 'encrypted', 'The spreadsheet is password-protected (encrypted). Add an unprotected copy.')] };
      } else {
        const looksHtml = /<(!doctype|html|table)\b/i.test(bytes.subarray(0, 1024).toString('latin1'));
        return { documents: [], problems: [fileError(path, 'corrupt', `Expected a spreadsheet (.xlsx/.ods: a ZIP archive; .xls: an OLE file), got ${looksHtml ? 'an HTML page' : 'other bytes'}. Open it in a spreadsheet program and save it again as .${format}.`)] };
      }
      const XLSX = await loadSheetJs();
      let book: XLSXTypes.WorkBook;
      try {
        book = XLSX.read(bytes, { type: 'buffer', cellDates: true, cellHTML: false, cellFormula: false, sheetRows: limits.maxSheetRows + HEADER_ROWS_MARGIN, dense: true });
      } catch (cause) {
        const message = (cause as Error).message;
        if (/password|encrypt/i.test(message)) return { documents: [], problems: [fileError(path, 'encrypted', 'The spreadsheet is password-protected. Add an unprotected copy.')] };
        return { documents: [], problems: [fileError(path, 'corrupt', `The spreadsheet could not be read (${message}). It may be damaged; open it and save it again as .${format}.`)] };
      }
      const parts: LoadedPart[] = [];
      const problems: IngestProblem[] = [];
      let title: string | undefined;
      let sheets = 0;
      for (const name of book.SheetNames) {
        abortSignal?.throwIfAborted();
        const sheet = book.Sheets[name];
        if (sheet === undefined) continue;
        const { titles, rows } = sheetRowTexts({ sheet: name, rows: sheetRows(XLSX, sheet, name) });
        title ??= titles[0];
        if (rows.length > 0) sheets++;
        const room = limits.maxSheetRows - parts.length;
        for (const row of rows.slice(0, room)) parts.push({ text: row.text, unit: { locator: row.locator, headingPath: row.headingPath } });
        // SheetJS stops parsing a sheet at `sheetRows` and then records the sheet's real range in !fullref.
        const full = sheet['!fullref'] === undefined ? undefined : XLSX.utils.decode_range(sheet['!fullref']);
        const lastRead = rows.at(-1)?.row ?? 0;
        const cut = rows.length > room ? rows[room]?.row : full !== undefined && full.e.r + 1 > lastRead ? lastRead + 1 : undefined;
        if (cut !== undefined) {
          const stoppedAt = rowLocator(name, cut);
          problems.push(fileWarning(path, 'truncated', `Only the first ${limits.maxSheetRows} rows are read (maxSheetRows): reading stopped at ${stoppedAt}. The rows before it are indexed; split the file or raise TROLY_MAX_SHEET_ROWS.`, { stoppedAt, limit: 'maxSheetRows' }));
          break;
        }
      }
      if (parts.length === 0) return { documents: [], problems: [fileError(path, 'empty', 'The spreadsheet has no filled rows. Add content or remove the file.')] };
      return { documents: [{ text: parts.map((p) => p.text).join('\n\n'), parts, extraction: { sheets, rows: parts.length }, title: title ?? book.SheetNames[0] ?? path }], problems };
    },
  };
}
