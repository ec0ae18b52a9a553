import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNABLES } from '../../src/config/tunables';
import { buildSnapshot } from '../../src/index/build-snapshot';
import { INGEST_CACHE_FILE } from '../../src/index/ingest-cache';
import { writeLawKnowledge } from '../helpers/knowledge-folder';
import { useTempDirs } from '../helpers/temp-dirs';

const tempDir = useTempDirs('ingest-cache');
const tunables = { ...DEFAULT_TUNABLES };
const NOTICE = '# Thông báo nghỉ lễ\n\nCán bộ, công chức được nghỉ Lễ Quốc khánh từ ngày 01 đến hết ngày 02 tháng 9.\n';

const summary = (result: Awaited<ReturnType<typeof buildSnapshot>>) => ({
  documents: result.ingest.documents.map((d) => ({ id: d.id, title: d.title, meta: d.meta, hash: d.source.contentHash })),
  problems: result.ingest.problems,
});

describe('ingest cache (incremental build)', () => {
  it('gives what a full build gives after files are added, changed, re-described and removed', async () => {
    const root = tempDir();
    const knowledgeDir = join(root, 'knowledge');
    writeLawKnowledge(knowledgeDir);
    await buildSnapshot({ knowledgeDir, dataDir: join(root, 'data'), tunables });
    writeFileSync(join(knowledgeDir, 'thong-bao.md'), NOTICE);
    writeFileSync(join(knowledgeDir, 'luat-cu-tru.md.meta.json'), JSON.stringify({ docNumber: '68/2020/QH14', docType: 'Luật', issuer: 'Quốc hội', inForce: false }));
    rmSync(join(knowledgeDir, 'ghi-chu.txt'));
    const incremental = await buildSnapshot({ knowledgeDir, dataDir: join(root, 'data'), tunables });
    const full = await buildSnapshot({ knowledgeDir, dataDir: join(root, 'full'), tunables, reuseChunks: false });
    expect(summary(incremental)).toEqual(summary(full));
    expect(incremental.ingest.documents.find((d) => d.id === 'luat-cu-tru')?.meta.inForce).toBe(false);
    // One entry per file of this build; the removed file's entry is gone.
    const db = new Database(join(root, 'data', INGEST_CACHE_FILE), { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM files').get()).toEqual({ n: incremental.ingest.filesSeen });
    } finally {
      db.close();
    }
  });

  it('serves an unchanged file from the cache, and parses it again once its bytes change', async () => {
    const root = tempDir();
    const knowledgeDir = join(root, 'knowledge');
    writeLawKnowledge(knowledgeDir, { withBadFiles: false });
    writeFileSync(join(knowledgeDir, 'thong-bao.md'), NOTICE);
    await buildSnapshot({ knowledgeDir, dataDir: join(root, 'data'), tunables });
    // Mark the cached result of the notice, so that a hit is visible.
    const db = new Database(join(root, 'data', INGEST_CACHE_FILE));
    const rows = db.prepare<[], { key: string; result: string }>('SELECT key, result FROM files').all();
    const notice = rows.find((r) => r.result.includes('Thông báo nghỉ lễ'));
    db.prepare('UPDATE files SET result = ? WHERE key = ?').run((notice?.result ?? '').replace('"title":"Thông báo nghỉ lễ"', '"title":"Từ bộ nhớ đệm"'), notice?.key ?? '');
    db.close();
    const hit = await buildSnapshot({ knowledgeDir, dataDir: join(root, 'data'), tunables });
    expect(hit.ingest.documents.find((d) => d.id === 'thong-bao')?.title).toBe('Từ bộ nhớ đệm');
    writeFileSync(join(knowledgeDir, 'thong-bao.md'), NOTICE.replace('02 tháng 9', '03 tháng 9'));
    const miss = await buildSnapshot({ knowledgeDir, dataDir: join(root, 'data'), tunables });
    expect(miss.ingest.documents.find((d) => d.id === 'thong-bao')?.title).toBe('Thông báo nghỉ lễ');
  });

  it('starts afresh when the cache file is damaged', async () => {
    const root = tempDir();
    const knowledgeDir = join(root, 'knowledge');
    writeLawKnowledge(knowledgeDir, { withBadFiles: false });
    await buildSnapshot({ knowledgeDir, dataDir: join(root, 'data'), tunables });
    writeFileSync(join(root, 'data', INGEST_CACHE_FILE), 'không phải SQLite');
    rmSync(join(root, 'data', `${INGEST_CACHE_FILE}-wal`), { force: true });
    const rebuilt = await buildSnapshot({ knowledgeDir, dataDir: join(root, 'data'), tunables });
    expect(rebuilt.ingest.documents).toHaveLength(2);
  });
});
