import { statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFolder } from '../../src/ingest/index';
import { DEFAULT_INGEST_LIMITS, type IngestLimits } from '../../src/ingest/ingest-limits';
import { quarantineFile, readQuarantine } from '../../src/ingest/quarantine';
import { makeDocxBomb } from '../fixtures/ingest/make-zip-bomb';
import { makePdf } from '../fixtures/ingest/make-pdf';
import { useTempDirs } from '../helpers/temp-dirs';

const tempDir = useTempDirs('ingest-limits');
const TEXT = 'Điều 1. Phạm vi điều chỉnh\n\nLuật này quy định về việc thực hiện quyền tự do cư trú của công dân Việt Nam trên lãnh thổ nước Cộng hòa xã hội chủ nghĩa Việt Nam.';
const limits = (overrides: Partial<IngestLimits>): IngestLimits => ({ ...DEFAULT_INGEST_LIMITS, ...overrides });
const codes = (problems: { path: string; code: string }[]) => problems.map((p) => `${p.path}: ${p.code}`);

describe('ingestFolder limits', () => {
  it('reports a file whose text passes maxDocumentChars, and keeps the others', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'dai.txt'), TEXT.repeat(20));
    writeFileSync(join(dir, 'ngan.txt'), TEXT);
    const result = await ingestFolder({ dir, limits: limits({ maxDocumentChars: TEXT.length * 5 }) });
    expect(codes(result.problems)).toEqual(['dai.txt: too-large']);
    expect(result.problems[0]?.message).toContain('TROLY_MAX_DOCUMENT_CHARS');
    expect(result.documents.map((d) => d.source.path)).toEqual(['ngan.txt']);
  });

  it('reports a PDF with more pages than maxPages', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ba-trang.pdf'), await makePdf({ pages: [[TEXT], [TEXT], [TEXT]] }));
    const refused = await ingestFolder({ dir, limits: limits({ maxPages: 2 }) });
    expect(codes(refused.problems)).toEqual(['ba-trang.pdf: too-large']);
    expect(refused.problems[0]?.message).toContain('has 3 pages, more than maxPdfPages (2)');
    const read = await ingestFolder({ dir, limits: limits({ maxPages: 3 }) });
    expect(read.documents).toHaveLength(1);
  });

  it('stops a file that takes longer than maxFileMs and goes on with the next', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.pdf'), await makePdf({ pages: Array.from({ length: 30 }, () => [TEXT]) }));
    writeFileSync(join(dir, 'b.txt'), TEXT);
    const result = await ingestFolder({ dir, limits: limits({ maxFileMs: 1 }) });
    expect(codes(result.problems)).toEqual(['a.pdf: timed-out']);
    expect(result.documents.map((d) => d.source.path)).toEqual(['b.txt']);
  });

  it('reports a zip bomb among real files as too-large', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bom.docx'), await makeDocxBomb({ unpackedBytes: 4 * 1024 * 1024 }));
    writeFileSync(join(dir, 'luat.txt'), TEXT);
    const result = await ingestFolder({ dir, limits: limits({ archive: { maxBytes: 1024 * 1024, maxEntries: 100 } }) });
    expect(codes(result.problems)).toEqual(['bom.docx: too-large']);
    expect(result.documents).toHaveLength(1);
  });

  it('names each file before reading it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), TEXT);
    writeFileSync(join(dir, 'b.txt'), TEXT);
    const started: string[] = [];
    await ingestFolder({ dir, limits: DEFAULT_INGEST_LIMITS, onFileStart: (path) => started.push(path) });
    expect(started).toEqual(['a.txt', 'b.txt']);
  });
});

describe('quarantine', () => {
  it('skips a quarantined file while it is unchanged and reads it again once it changes', async () => {
    const knowledgeDir = tempDir();
    const dataDir = tempDir();
    const path = join(knowledgeDir, 'nghi-van.txt');
    writeFileSync(path, TEXT);
    const entry = quarantineFile({ dataDir, knowledgeDir, path: 'nghi-van.txt', reason: 'the indexer ran out of memory' });
    expect(entry).toMatchObject({ path: 'nghi-van.txt', size: statSync(path).size });
    const quarantine = readQuarantine({ dataDir });
    const held = await ingestFolder({ dir: knowledgeDir, limits: DEFAULT_INGEST_LIMITS, quarantine });
    expect(codes(held.problems)).toEqual(['nghi-van.txt: quarantined']);
    expect(held.problems[0]?.message).toContain('the indexer ran out of memory');
    const later = new Date(Date.now() + 5000);
    utimesSync(path, later, later);
    const retried = await ingestFolder({ dir: knowledgeDir, limits: DEFAULT_INGEST_LIMITS, quarantine });
    expect(retried.problems).toEqual([]);
    expect(retried.documents).toHaveLength(1);
  });

  it('treats a missing or damaged list as empty', () => {
    const dataDir = tempDir();
    expect(readQuarantine({ dataDir })).toEqual([]);
    writeFileSync(join(dataDir, 'quarantine.json'), '{"files": [{"path": 3}]}');
    expect(readQuarantine({ dataDir })).toEqual([]);
  });
});
