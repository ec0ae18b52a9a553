import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNABLES, type Tunables } from '../../src/config/tunables';
import { buildSnapshot } from '../../src/index/build-snapshot';
import { openSnapshot } from '../../src/index/open-snapshot';
import { writeLawKnowledge } from '../helpers/knowledge-folder';
import { useTempDirs } from '../helpers/temp-dirs';

const tempDir = useTempDirs('incremental');
const tunables: Tunables = { ...DEFAULT_TUNABLES };

const NEW_PLAN = `# Kế hoạch chuyển đổi số năm 2025

Thành phố phấn đấu 100% hồ sơ thủ tục hành chính được số hóa khi tiếp nhận.

Các sở, ngành cung cấp dịch vụ công trực tuyến toàn trình cho người dân và doanh nghiệp.
`;

/** Every chunk of the current snapshot, by document, as stored. */
function storedChunks(dataDir: string, t: Tunables = tunables) {
  const snapshot = openSnapshot({ dataDir, tunables: t });
  try {
    return snapshot.store.listDocuments().map((d) => ({ id: d.id, chunks: snapshot.store.chunksOfDocument(d.id) }));
  } finally {
    snapshot.close();
  }
}

describe('buildSnapshot (incremental)', () => {
  it('reuses the chunks of unchanged documents and chunks only the new one, giving what a full build gives', async () => {
    const root = tempDir();
    const knowledgeDir = join(root, 'knowledge');
    writeLawKnowledge(knowledgeDir, { withBadFiles: false });
    const first = await buildSnapshot({ knowledgeDir, dataDir: join(root, 'data'), tunables });
    expect(first.reusedDocuments).toBe(0);

    writeFileSync(join(knowledgeDir, 'ke-hoach-2025.md'), NEW_PLAN);
    const second = await buildSnapshot({ knowledgeDir, dataDir: join(root, 'data'), tunables });
    expect(second.ingest.documents).toHaveLength(3);
    expect(second.reusedDocuments).toBe(2);

    const full = await buildSnapshot({ knowledgeDir, dataDir: join(root, 'full'), tunables, reuseChunks: false });
    expect(full.reusedDocuments).toBe(0);
    expect(storedChunks(join(root, 'data'))).toEqual(storedChunks(join(root, 'full')));
  });

  it('chunks a document again when its text changes, and keeps the others', async () => {
    const root = tempDir();
    const knowledgeDir = join(root, 'knowledge');
    writeLawKnowledge(knowledgeDir, { withBadFiles: false });
    await buildSnapshot({ knowledgeDir, dataDir: join(root, 'data'), tunables });
    appendFileSync(join(knowledgeDir, 'luat-cu-tru.md'), '\nĐiều 99. Điều khoản thi hành\n\nLuật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2021.\n');
    const rebuilt = await buildSnapshot({ knowledgeDir, dataDir: join(root, 'data'), tunables });
    expect(rebuilt.reusedDocuments).toBe(1);
    const cuTru = storedChunks(join(root, 'data')).find((d) => d.id === 'luat-cu-tru');
    expect(cuTru?.chunks.some((c) => c.locator.startsWith('Điều 99'))).toBe(true);
  });

  it('reuses nothing when the chunker settings changed since the current snapshot', async () => {
    const root = tempDir();
    const knowledgeDir = join(root, 'knowledge');
    writeLawKnowledge(knowledgeDir, { withBadFiles: false });
    const coarse = await buildSnapshot({ knowledgeDir, dataDir: join(root, 'data'), tunables });
    const finer = { ...tunables, articleMaxChars: 600 };
    const rebuilt = await buildSnapshot({ knowledgeDir, dataDir: join(root, 'data'), tunables: finer });
    expect(rebuilt.reusedDocuments).toBe(0);
    const full = await buildSnapshot({ knowledgeDir, dataDir: join(root, 'full'), tunables: finer, reuseChunks: false });
    expect(rebuilt.chunkCount).toBe(full.chunkCount);
    // Shorter articles split into more chunks: the old chunks were not carried over.
    expect(rebuilt.chunkCount).toBeGreaterThan(coarse.chunkCount);
  });
});
