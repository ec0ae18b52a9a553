import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/index';
import { createMemoryOutput } from '../../src/cli/output';
import { ARCHIVE_FACTS, writeCityArchive } from '../fixtures/ingest/city-archive';
import { writeLawKnowledge } from '../helpers/knowledge-folder';

// Done-when of issue 14: a scanned decision, a .doc and an .xlsx dropped into knowledge/ are
// indexed with their page counts and confidence, and a fact found only in each is answered from it.
let root = '';
let indexOutput: string[] = [];
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'troly-archive-'));
  const knowledge = join(root, 'knowledge');
  mkdirSync(knowledge);
  writeLawKnowledge(knowledge, { withBadFiles: false });
  await writeCityArchive(knowledge);
  const io = createMemoryOutput();
  expect(await run(['node', 'troly', 'index', '--knowledge', knowledge, '--data', join(root, 'data')], io)).toBe(0);
  indexOutput = io.stdout;
}, 180_000);
afterAll(() => {
  process.exitCode = 0;
  rmSync(root, { recursive: true, force: true });
});

async function ask(question: string) {
  const io = createMemoryOutput();
  expect(await run(['node', 'troly', 'ask', '--data', join(root, 'data'), question], io)).toBe(0);
  return io.stdout;
}

describe('a city archive of scans, Word 97 files and spreadsheets', () => {
  it('troly index reports the scan with its page count and OCR confidence, and the sheet with its rows', () => {
    const report = indexOutput.join('\n');
    expect(report).toContain('Đã xem 5 tệp: 5 văn bản được đưa vào kho tri thức, 0 tệp/bản ghi bị bỏ qua');
    expect(report).toMatch(/• qd-15-2024-cay-xanh\.pdf: 1 trang, 1 trang nhận dạng ký tự \(bản quét\), độ tin cậy trung bình (8\d|9\d)%/);
    expect(report).toContain('• thu-tuc-hanh-chinh.xlsx: 1 trang tính, 3 dòng');
  });

  it('answers from the scanned decision, citing it as a scan', async () => {
    const out = await ask(ARCHIVE_FACTS.scan.question);
    expect(out[0]).toContain(ARCHIVE_FACTS.scan.fact);
    const sources = out.slice(out.indexOf('Nguồn:') + 1).join('\n');
    expect(sources).toMatch(/^\[1\] .*\(số hiệu 15\/2024\/QĐ-UBND\) — Điều 2 · bản quét, nhận dạng ký tự/m);
  });

  it('answers from the Word 97 regulation', async () => {
    const out = await ask(ARCHIVE_FACTS.doc.question);
    expect(out[0]).toContain(ARCHIVE_FACTS.doc.fact);
    expect(out.slice(out.indexOf('Nguồn:') + 1).join('\n')).toMatch(/\/documents\/quy-che-tiep-cong-dan#/);
  });

  it('answers from the spreadsheet row, cited by sheet and row', async () => {
    const out = await ask(ARCHIVE_FACTS.sheet.question);
    expect(out[0]).toContain(ARCHIVE_FACTS.sheet.fact);
    const sources = out.slice(out.indexOf('Nguồn:') + 1).join('\n');
    expect(sources).toMatch(new RegExp(`^\\[1\\] .* — ${ARCHIVE_FACTS.sheet.locator}$`, 'm'));
    expect(sources).not.toContain('bản quét');
  });
});
