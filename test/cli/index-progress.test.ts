import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressLine, vectorsLine } from '../../src/cli/index-command';
import { PROJECT_ROOT } from '../../src/config/config';
import type { SnapshotManifest } from '../../src/index/manifest';
import { loadPrompts } from '../../src/prompts/catalog';

const prompts = loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') });

describe('troly index progress and report lines for the vectors', () => {
  it('shows a bar with chunks per second and the time left once the model has embedded a batch', () => {
    const line = progressLine({ progress: { phase: 'vectors', done: 1200, total: 3228, cached: 1000, chunksPerSecond: 42.46, etaSeconds: 73.2 }, prompts });
    expect(line).toContain('1200/3228');
    expect(line).toContain('42.5 đoạn/giây');
    expect(line).toContain('còn khoảng 1 phút 13 giây');
    const first = progressLine({ progress: { phase: 'vectors', done: 1000, total: 3228, cached: 1000, chunksPerSecond: 0, etaSeconds: undefined }, prompts });
    expect(first).toContain('1000/3228');
    expect(first).not.toContain('đoạn/giây');
  });

  it('reports the model, chunks embedded and reused, or that the index is lexical-only', () => {
    const base = { embedding: { modelId: 'Xenova/multilingual-e5-small', dimensions: 384, embedded: 228, cached: 3000, embedSeconds: 5.7 } } as unknown as SnapshotManifest;
    expect(vectorsLine({ manifest: base, prompts })).toBe(
      'Tìm theo ngữ nghĩa: mô hình Xenova/multilingual-e5-small (384 chiều); 228 đoạn tính mới (40.0 đoạn/giây), 3000 đoạn lấy lại từ bộ nhớ đệm; 5.7 giây.',
    );
    expect(vectorsLine({ manifest: { embedding: null } as unknown as SnapshotManifest, prompts })).toContain('chỉ tìm theo từ khoá');
  });
});
