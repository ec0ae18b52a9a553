import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readArchive } from '../../src/ingest/archive-limits';
import { DEFAULT_INGEST_LIMITS } from '../../src/ingest/ingest-limits';
import { docxLoader } from '../../src/ingest/load-docx';
import { makeDocx } from '../fixtures/ingest/make-docx';
import { makeDocxBomb } from '../fixtures/ingest/make-zip-bomb';

const MIB = 1024 * 1024;

describe('readArchive', () => {
  it('unpacks the wanted entries of a real .docx and leaves the others packed', async () => {
    const bytes = await makeDocx({ blocks: [{ text: 'Kế hoạch chuyển đổi số năm 2022' }] });
    const archive = await readArchive({ bytes, limits: { maxBytes: MIB, maxEntries: 100 }, format: 'docx', include: (name) => name.startsWith('word/') });
    expect(archive.ok).toBe(true);
    if (!archive.ok) return;
    expect(archive.entries.get('word/document.xml')?.toString('utf8')).toContain('Kế hoạch chuyển đổi số năm 2022');
    expect([...archive.entries.keys()].every((name) => name.startsWith('word/'))).toBe(true);
    expect(archive.entries.has('[Content_Types].xml')).toBe(false);
  });

  it('refuses an archive whose directory declares more than maxBytes, before inflating it', async () => {
    const bytes = await makeDocxBomb({ unpackedBytes: 8 * MIB });
    expect(bytes.length).toBeLessThan(200 * 1024);
    const archive = await readArchive({ bytes, limits: { maxBytes: MIB, maxEntries: 100 }, format: 'docx' });
    expect(archive).toMatchObject({ ok: false, refusal: { code: 'too-large' } });
    if (!archive.ok) expect(archive.refusal.message).toMatch(/declares at least .* MiB unpacked, more than maxArchiveBytes \(1\.0 MiB\).*TROLY_MAX_ARCHIVE_BYTES/);
  });

  it('stops inflating an entry that unpacks to more than its directory declares', async () => {
    const bytes = await makeDocxBomb({ unpackedBytes: 16 * MIB, lie: true });
    const archive = await readArchive({ bytes, limits: { maxBytes: MIB, maxEntries: 100 }, format: 'docx' });
    expect(archive).toMatchObject({ ok: false, refusal: { code: 'too-large' } });
    if (!archive.ok) expect(archive.refusal.message).toContain('entry word/document.xml unpacks to more than the 1000 bytes its directory declares');
  });

  it('refuses an archive with more entries than maxEntries', async () => {
    const entries = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`x/${i}.xml`, Buffer.from('<a/>')]));
    const archive = await readArchive({ bytes: Buffer.from(zipSync(entries)), limits: { maxBytes: MIB, maxEntries: 49 }, format: 'xlsx' });
    expect(archive).toMatchObject({ ok: false, refusal: { code: 'too-large' } });
    if (!archive.ok) expect(archive.refusal.message).toContain('has 50 entries, more than maxArchiveEntries (49)');
  });

  it('reports bytes that are no ZIP archive as corrupt', async () => {
    const archive = await readArchive({ bytes: Buffer.from('PK\x03\x04 not really a zip'), limits: { maxBytes: MIB, maxEntries: 100 }, format: 'docx' });
    expect(archive).toMatchObject({ ok: false, refusal: { code: 'corrupt' } });
  });
});

describe('docxLoader under archive limits', () => {
  it('reports a zip bomb at the default limits as too-large instead of reading it', async () => {
    const bytes = await makeDocxBomb({ unpackedBytes: DEFAULT_INGEST_LIMITS.archive.maxBytes + 4 * MIB });
    const out = await docxLoader.load({ path: 'bom.docx', bytes });
    expect(out.documents).toEqual([]);
    expect(out.problems).toEqual([expect.objectContaining({ path: 'bom.docx', code: 'too-large', severity: 'error' })]);
  });

  it('applies the limits it is given', async () => {
    const bytes = await makeDocxBomb({ unpackedBytes: 2 * MIB, lie: true });
    const out = await docxLoader.load({ path: 'lie.docx', bytes, limits: { ...DEFAULT_INGEST_LIMITS, archive: { maxBytes: MIB, maxEntries: 100 } } });
    expect(out.problems).toEqual([expect.objectContaining({ code: 'too-large' })]);
  });
});
