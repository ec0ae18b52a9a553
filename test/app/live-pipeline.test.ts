import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLivePipeline } from '../../src/app/live-pipeline';
import { loadConfig, PROJECT_ROOT } from '../../src/config/config';
import { isAppError } from '../../src/config/errors';
import { buildSnapshot } from '../../src/index/build-snapshot';
import { loadPrompts } from '../../src/prompts/catalog';

const prompts = loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') });
const roots: string[] = [];

function setUp() {
  const root = mkdtempSync(join(tmpdir(), 'troly-live-'));
  roots.push(root);
  const knowledgeDir = join(root, 'knowledge');
  mkdirSync(knowledgeDir);
  const config = loadConfig({ env: { TROLY_DATA_DIR: join(root, 'data'), TROLY_KNOWLEDGE_DIR: knowledgeDir, TROLY_LOG_LEVEL: 'silent' } });
  const build = () => buildSnapshot({ knowledgeDir, dataDir: config.dataDir, tunables: config.tunables });
  return { knowledgeDir, config, build };
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('openLivePipeline', () => {
  it('refuses to start without an index snapshot', () => {
    const { config } = setUp();
    expect(() => openLivePipeline({ config, prompts })).toThrow(expect.objectContaining({ code: 'SNAPSHOT_MISSING' }));
  });

  it('answers from the new snapshot after reload, and the old one until then', async () => {
    const { knowledgeDir, config, build } = setUp();
    writeFileSync(join(knowledgeDir, 'bang-rong.md'), '# Hạ tầng số\n\nTốc độ băng rộng cố định của thành phố hiện đạt 60 Mbps.\n');
    await build();
    const pipeline = openLivePipeline({ config, prompts });
    try {
      const question = 'Bao nhiêu cơ quan có hộp thư điện tử công vụ?';
      expect((await pipeline.assistant.ask({ question })).grounded).toBe(false);
      writeFileSync(join(knowledgeDir, 'thu-dien-tu.md'), '# Thư điện tử công vụ\n\n100% cán bộ, công chức, viên chức được cấp hộp thư điện tử công vụ để trao đổi thông tin.\n');
      await build();
      // Built but not switched in: still the old snapshot.
      expect(pipeline.info().documents).toBe(1);
      const before = pipeline.info().snapshotId;
      const after = await pipeline.reload();
      expect(after.snapshotId).not.toBe(before);
      expect(after.documents).toBe(2);
      const answer = await pipeline.assistant.ask({ question: 'Bao nhieu can bo duoc cap hop thu dien tu cong vu?' });
      expect(answer.grounded).toBe(true);
      expect(answer.citations[0]?.docId).toBe('thu-dien-tu');
      const doc = await pipeline.documents.getDocument('thu-dien-tu');
      expect(doc?.title).toBe('Thư điện tử công vụ');
    } finally {
      pipeline.close();
    }
  });

  it('keeps serving the old snapshot when the new one cannot be opened', async () => {
    const { knowledgeDir, config, build } = setUp();
    writeFileSync(join(knowledgeDir, 'a.md'), '# Mạng chuyên dùng\n\nMạng chuyên dùng được triển khai đến 100% cơ quan nhà nước 4 cấp.\n');
    await build();
    const pipeline = openLivePipeline({ config, prompts });
    try {
      writeFileSync(join(config.dataDir, 'CURRENT'), 'no-such-snapshot\n');
      const error: unknown = await pipeline.reload().then(() => undefined, (caught: unknown) => caught);
      expect(isAppError(error, 'SNAPSHOT_MISSING')).toBe(true);
      expect((await pipeline.assistant.ask({ question: 'Mạng chuyên dùng được triển khai đến đâu?' })).grounded).toBe(true);
    } finally {
      pipeline.close();
    }
  });
});
