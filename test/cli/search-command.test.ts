import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/index';
import { createMemoryOutput } from '../../src/cli/output';
import { writeLawKnowledge } from '../helpers/knowledge-folder';
import { useTempDirs } from '../helpers/temp-dirs';

const tempDir = useTempDirs('cli-search');
let root = '';
let data = '';

// One index shared by the file (useTempDirs cleans after each test).
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'troly-cli-search-shared-'));
  data = join(root, 'data');
  writeLawKnowledge(join(root, 'knowledge'), { withBadFiles: false });
  await run(['node', 'troly', 'index', '--knowledge', join(root, 'knowledge'), '--data', data], createMemoryOutput());
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = 0;
});

async function search(...args: string[]) {
  const io = createMemoryOutput();
  const code = await run(['node', 'troly', 'search', '--data', data, ...args], io);
  return { code, out: io.stdout, err: io.stderr.join('\n') };
}

const RESULT_KEYS = ['chunkId', 'docId', 'docNumber', 'locator', 'score', 'text', 'title'];

describe('troly search', () => {
  it('prints numbered passages with title, số hiệu, locator and a snippet', async () => {
    const { code, out } = await search('--k', '2', 'Công dân thuê nhà có được đăng ký thường trú tại chỗ ở thuê không?');
    expect(code).toBe(0);
    expect(out[0]).toBe('1. Luật Cư trú (số 68/2020/QH14) — Điều 20, khoản 3');
    expect(out[1]).toContain('chỗ ở hợp pháp do thuê, mượn, ở nhờ');
    expect(out.filter((l) => /^\d+\. /.test(l))).toHaveLength(2);
    expect(out.at(-1)).toMatch(/^Độ tin cậy: \d\.\d\d \(lexical\)$/);
  });

  it('finds the same article when the question is typed without diacritics', async () => {
    const { out } = await search('--k', '1', 'dieu kien ket hon cua nam nu');
    expect(out[0]).toBe('1. Luật Hôn nhân và gia đình (số 52/2014/QH13) — Điều 8');
  });

  it('prints one JSON line with id "q" and exactly the documented fields for --json', async () => {
    const { out } = await search('--json', '--k', '3', 'đăng ký kết hôn');
    expect(out).toHaveLength(1);
    const line = JSON.parse(out[0] ?? '') as { id: string; results: Array<Record<string, unknown>> };
    expect(Object.keys(line).sort()).toEqual(['id', 'results']);
    expect(line.id).toBe('q');
    expect(line.results).toHaveLength(3);
    for (const r of line.results) expect(Object.keys(r).sort()).toEqual(RESULT_KEYS);
    expect(line.results[0]).toMatchObject({ docId: 'luat-hon-nhan-va-gia-dinh', title: 'Luật Hôn nhân và gia đình', docNumber: '52/2014/QH13', locator: 'Điều 9' });
  });

  it('answers a JSONL file of questions line by line, keeping their ids', async () => {
    const file = join(tempDir(), 'cau-hoi.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'cu-tru-12', question: 'Nơi cư trú của người chưa thành niên là ở đâu?' }),
        '',
        JSON.stringify({ id: 7, question: 'ho so dang ky thuong tru gom nhung gi' }),
      ].join('\n'),
    );
    const { code, out } = await search('--json', '--queries', file, '--k', '1');
    expect(code).toBe(0);
    const lines = out.map((l) => JSON.parse(l) as { id: string | number; results: Array<{ locator: string }> });
    expect(lines.map((l) => l.id)).toEqual(['cu-tru-12', 7]);
    expect(lines[0]?.results[0]?.locator).toBe('Điều 12');
    expect(lines[1]?.results[0]?.locator).toMatch(/^Điều 21\b/);
  });

  it('rejects bad usage with exit code 2', async () => {
    const file = join(tempDir(), 'hong.jsonl');
    writeFileSync(file, '{"id": "a", "cauhoi": "thiếu trường question"}\n');
    expect((await search('--queries', file)).err).toContain('--queries chỉ dùng cùng --json');
    expect((await search('--json', '--queries', file)).err).toContain('Dòng 1');
    expect((await search('--k', '0', 'kết hôn')).code).toBe(2);
    expect((await search()).err).toContain('Hãy nhập câu hỏi');
  });

  it('tells the user to run troly index when there is no snapshot', async () => {
    const io = createMemoryOutput();
    const code = await run(['node', 'troly', 'search', '--data', join(tempDir(), 'data'), 'kết hôn'], io);
    expect(code).toBe(1);
    expect(io.stderr.join('\n')).toContain('Chưa có bản chỉ mục');
    expect(io.stderr.join('\n')).toContain('troly index');
  });
});
