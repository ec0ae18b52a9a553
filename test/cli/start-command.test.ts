import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createMemoryOutput } from '../../src/cli/output';
import { askLoop } from '../../src/cli/start-command';
import { PROJECT_ROOT } from '../../src/config/config';
import { loadPrompts } from '../../src/prompts/catalog';
import type { RetrievalResult, Retriever } from '../../src/retrieve/types';
import { writeLawKnowledge } from '../helpers/knowledge-folder';
import { useTempDirs } from '../helpers/temp-dirs';

const tempDir = useTempDirs('cli-start');
const prompts = loadPrompts({ dir: join(PROJECT_ROOT, 'prompts') });

/** Records the questions it is asked; finds nothing. */
function recordingRetriever(asked: string[]): Retriever {
  return {
    async retrieve({ query }): Promise<RetrievalResult> {
      asked.push(query);
      return { passages: [], confidence: 0, mode: 'lexical' };
    },
  };
}

describe('askLoop', () => {
  it('answers each line until "thoát", with or without diacritics, and skips blank lines', async () => {
    for (const exit of ['thoát', 'THOAT', 'exit']) {
      const asked: string[] = [];
      const io = createMemoryOutput();
      const input = Readable.from(['điều kiện kết hôn\n', '   \n', 'ho so dang ky thuong tru\n', `${exit}\n`, 'câu này không được hỏi\n']);
      await askLoop({ input, io, prompts, retriever: recordingRetriever(asked), k: 3, interactive: false });
      expect(asked).toEqual(['điều kiện kết hôn', 'ho so dang ky thuong tru']);
      expect(io.stdout.filter((l) => l === prompts.format('search.none'))).toHaveLength(2);
      expect(io.stdout.at(-1)).toBe('Tạm biệt!');
    }
  });

  it('ends at the end of input (Ctrl-D)', async () => {
    const asked: string[] = [];
    const io = createMemoryOutput();
    await askLoop({ input: Readable.from(['Điều 12 Luật Cư trú']), io, prompts, retriever: recordingRetriever(asked), k: 3, interactive: false });
    expect(asked).toEqual(['Điều 12 Luật Cư trú']);
    expect(io.stdout.at(-1)).toBe('Tạm biệt!');
  });
});

describe('troly start (process)', () => {
  const start = (root: string, input: string) =>
    spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin/troly.js'), 'start', '--knowledge', join(root, 'knowledge'), '--data', join(root, 'data'), '--k', '1'], {
      input,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, TROLY_LOG_LEVEL: 'silent' },
    });

  it('indexes on first start, answers from stdin, and reindexes only when knowledge/ changes', () => {
    const root = tempDir();
    writeLawKnowledge(join(root, 'knowledge'), { withBadFiles: false });
    const first = start(root, 'điều kiện kết hôn\n');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Chưa có bản chỉ mục.');
    expect(first.stdout).toContain('1. Luật Hôn nhân và gia đình (số 52/2014/QH13) — Điều 8');
    expect(first.stdout).toContain('Tạm biệt!');

    const second = start(root, 'thoát\n');
    expect(second.status).toBe(0);
    expect(second.stdout).not.toContain('Đang lập chỉ mục');

    writeFileSync(join(root, 'knowledge', 'ghi-chu.md'), '# Ghi chú\n\nLịch tiếp công dân vào thứ Năm hằng tuần.\n');
    const third = start(root, 'lich tiep cong dan\n');
    expect(third.stdout).toContain('Thư mục văn bản đã thay đổi');
    expect(third.stdout).toContain('1. Ghi chú');
  });
});
