/**
 * Office formats benchmark (`npm run bench:formats`): generated fixtures with real Vietnamese text
 * (an ALQAC law excerpt, a procedures list) read by the candidate libraries; fidelity (share of the
 * source paragraphs / cells found exactly, NFC) and time. The libraries that are not dependencies
 * (officeparser, @iarna/rtf-to-html) are measured only when installed (`npm install --no-save …`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import WordExtractor from 'word-extractor';
import * as XLSX from 'xlsx';
import { PROJECT_ROOT } from '../src/config/config';
import { htmlToText } from '../src/ingest/html-to-text';
import { docLoader } from '../src/ingest/load-doc';
import { odtLoader } from '../src/ingest/load-odt';
import { rtfLoader } from '../src/ingest/load-rtf';
import { sheetLoader } from '../src/ingest/load-sheet';
import { makeDoc } from '../test/fixtures/ingest/make-doc';
import { makeOdt, makeRtf, makeSheetFile, makeXlsx, type SheetSpec } from '../test/fixtures/ingest/make-office';

const LAW = resolve(PROJECT_ROOT, '../shared/bench/alqac2023/laws/luat-cu-tru.md');
const paragraphs = readFileSync(LAW, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')).slice(0, 120);
const rows: SheetSpec['rows'] = [['STT', 'Tên thủ tục', 'Thời hạn giải quyết', 'Lệ phí', 'Cơ quan thực hiện']];
for (let i = 1; i <= 5000; i++) rows.push([i, `Đăng ký thường trú cho người ở nhờ số ${i}`, `${(i % 7) + 1} ngày làm việc`, `${(i % 5) * 10}.000 đồng`, 'Công an cấp xã']);
const sheet: SheetSpec = { name: 'Thủ tục', rows };

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
/** Share of `expected` strings found, whole, in `text`. */
function fidelity(expected: readonly string[], text: string): number {
  const haystack = norm(text);
  return expected.filter((e) => haystack.includes(norm(e))).length / expected.length;
}

async function time<T>(work: () => Promise<T>, repeat = 3): Promise<{ value: T; ms: number }> {
  let value = await work();
  const started = performance.now();
  for (let i = 0; i < repeat; i++) value = await work();
  return { value, ms: (performance.now() - started) / repeat };
}

/** A library that may not be installed: its module, CommonJS exports unwrapped from `default`. */
async function optional<T>(name: string): Promise<T | undefined> {
  try {
    const mod = (await import(name)) as { default?: T } & T;
    return mod.default ?? mod;
  } catch {
    return undefined;
  }
}

/** officeparser 7: `parseOffice(buffer)` resolves to an AST with `toText()` (older versions: a string). */
type OfficeParser = { parseOffice: (input: Buffer) => Promise<string | { toText?: () => string }> };
async function officeText(parser: OfficeParser, input: Buffer): Promise<string> {
  const result = await parser.parseOffice(input);
  return typeof result === 'string' ? result : (result.toText?.() ?? JSON.stringify(result));
}

interface Row { format: string; library: string; fidelity: string; ms: string; note: string }
const results: Row[] = [];
const add = (format: string, library: string, fid: number | undefined, ms: number | undefined, note: string) =>
  results.push({ format, library, fidelity: fid === undefined ? '–' : `${(100 * fid).toFixed(1)}%`, ms: ms === undefined ? '–' : ms.toFixed(0), note });

// --- .doc ---
const doc = makeDoc(paragraphs);
{
  const r = await time(async () => (await new WordExtractor().extract(doc)).getBody());
  add('.doc (Word 97)', 'word-extractor 1.0', fidelity(paragraphs, r.value), r.ms, 'the only maintained pure-JS reader; officeparser and mammoth do not read .doc');
  const viaLoader = await time(async () => (await docLoader.load({ path: 'x.doc', bytes: doc })).documents[0]?.text ?? '');
  add('.doc (Word 97)', 'docLoader (word-extractor + sniffing)', fidelity(paragraphs, viaLoader.value), viaLoader.ms, 'chosen; also reads HTML/RTF/.docx named .doc');
}

// --- spreadsheets ---
const cells = rows.slice(1).flatMap((r) => [String(r[1]), String(r[3])]);
const xlsx = await makeXlsx([sheet]);
{
  const r = await time(async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as Parameters<typeof book.xlsx.load>[0]);
    const out: string[] = [];
    book.eachSheet((ws) => ws.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')).join(' '))));
    return out.join('\n');
  });
  add('.xlsx 5,000 rows', 'exceljs 4.4', fidelity(cells, r.value), r.ms, 'reads .xlsx only (no .xls, no .ods); 120 dependencies');
  const s = await time(async () => {
    const book = XLSX.read(xlsx, { type: 'buffer', dense: true });
    return book.SheetNames.map((n) => XLSX.utils.sheet_to_csv(book.Sheets[n] as XLSX.WorkSheet)).join('\n');
  });
  add('.xlsx 5,000 rows', 'SheetJS xlsx 0.18.5', fidelity(cells, s.value), s.ms, 'one API for .xlsx, .xls, .ods; no dependencies; `sheetRows` bounds parsing');
  const viaLoader = await time(async () => (await sheetLoader('xlsx').load({ path: 'x.xlsx', bytes: xlsx, limits: undefined })).documents[0]?.text ?? '');
  add('.xlsx 5,000 rows', 'sheetLoader (SheetJS, rows as units)', fidelity(cells.slice(0, 4000), viaLoader.value), viaLoader.ms, 'chosen; first 2,000 rows (maxSheetRows), archive limits first');
}
for (const bookType of ['xls', 'ods'] as const) {
  const bytes = makeSheetFile([sheet], bookType);
  const s = await time(async () => (await sheetLoader(bookType).load({ path: `x.${bookType}`, bytes })).documents[0]?.text ?? '');
  add(`.${bookType} 5,000 rows`, 'sheetLoader (SheetJS)', fidelity(cells.slice(0, 4000), s.value), s.ms, 'exceljs cannot read this format');
}

// --- .odt ---
const odt = await makeOdt(paragraphs);
{
  const r = await time(async () => (await odtLoader.load({ path: 'x.odt', bytes: odt })).documents[0]?.text ?? '');
  add('.odt', 'content.xml (yauzl under archive limits + htmlparser2)', fidelity(paragraphs, r.value), r.ms, 'chosen: keeps headings and paragraphs, no new dependency');
  const officeparser = await optional<OfficeParser>('officeparser');
  if (officeparser !== undefined) {
    const o = await time(async () => officeText(officeparser, odt));
    add('.odt', 'officeparser', fidelity(paragraphs, o.value), o.ms, 'flattens structure; pulls pdfjs, tesseract.js and ~150 packages');
  } else add('.odt', 'officeparser', undefined, undefined, 'not installed in this run');
}

// --- .rtf ---
const rtf = makeRtf(paragraphs);
{
  const r = await time(async () => (await rtfLoader.load({ path: 'x.rtf', bytes: rtf })).documents[0]?.text ?? '');
  add('.rtf', 'rtfText (own, 150 lines)', fidelity(paragraphs, r.value), r.ms, 'chosen: \\uN with \\ucN, \\\'hh in the declared code page (cp1258), destinations skipped');
  const iarna = await optional<{ fromString: (s: string, cb: (e: Error | null, html: string) => void) => void }>('@iarna/rtf-to-html');
  const fromString = iarna?.fromString;
  if (fromString !== undefined) {
    // It emits stream errors nobody listens to (an unknown code page): catch them as the run's result.
    const attempt = () =>
      new Promise<string>((res, rej) => {
        process.once('uncaughtException', rej);
        fromString(rtf.toString('latin1'), (e, html) => {
          process.off('uncaughtException', rej);
          if (e) rej(e);
          else res(htmlToText({ html }).text);
        });
      });
    try {
      const o = await time(attempt);
      add('.rtf', '@iarna/rtf-to-html', fidelity(paragraphs, o.value), o.ms, 'unmaintained since 2017');
    } catch (cause) {
      add('.rtf', '@iarna/rtf-to-html', 0, undefined, `fails: ${(cause as Error).message} (Word writes \\ansicpg1258 for Vietnamese); unmaintained since 2017`);
    }
  } else add('.rtf', '@iarna/rtf-to-html', undefined, undefined, 'not installed in this run');
  const officeparser = await optional<OfficeParser>('officeparser');
  if (officeparser !== undefined) {
    try {
      const o = await time(async () => officeText(officeparser, rtf));
      add('.rtf', 'officeparser', fidelity(paragraphs, o.value), o.ms, 'ignores \\ucN: the fallback "?" after every \\uN stays in the text ("Đ?iề?u 1")');
    } catch (cause) {
      add('.rtf', 'officeparser', 0, undefined, `failed: ${(cause as Error).message.slice(0, 80)}`);
    }
  }
}

const md = `# Office formats: which library reads Vietnamese documents

\`npm run bench:formats\` — ${new Date().toISOString()}. Fixtures generated by code (test/fixtures/ingest): ${paragraphs.length} paragraphs of Luật Cư trú (ALQAC 2023) as .doc (a minimal Word 97 file), .odt and .rtf (Word-style \\uN escapes, cp1258); a 5,000-row procedures sheet as .xlsx (written by exceljs), .xls and .ods (written by SheetJS). Fidelity = share of the source paragraphs (or, for sheets, of the procedure names and fees) found whole in the output, NFC. Time = mean of 3 runs after one warm-up, on the shared 2-core machine.

| format | library | fidelity | ms | note |
| --- | --- | ---: | ---: | --- |
${results.map((r) => `| ${r.format} | ${r.library} | ${r.fidelity} | ${r.ms} | ${r.note} |`).join('\n')}

Choices: word-extractor for .doc (nothing else in npm reads Word 97 text); SheetJS for all three spreadsheet formats (exceljs reads only .xlsx); .odt from content.xml through the archive limits; .rtf with a small reader. LibreOffice is not needed for any of these fixtures.

SheetJS: the npm registry's latest is 0.18.5 (later versions are published only on SheetJS' own CDN, unreachable here). 0.18.5 has two advisories: prototype pollution when reading a crafted file (CVE-2023-30533, fixed in 0.19.3) and a ReDoS (CVE-2024-22363, fixed in 0.20.2). The loader mitigates what it can — ZIP files are checked against the archive limits before SheetJS sees them, \`sheetRows\` bounds parsing, formulas and HTML are not parsed, and a stuck file is stopped by the per-file time limit and quarantine — but the prototype-pollution path is in the library. Moving to 0.20.x (vendored tarball) or exceljs for .xlsx plus a separate .xls reader is the follow-up if the deployment can fetch it.
`;
writeFileSync(join(PROJECT_ROOT, 'bench/results/formats.md'), md);
process.stdout.write(md);
