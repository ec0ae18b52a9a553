import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/index';
import { createMemoryOutput } from '../../src/cli/output';
import { writeLawKnowledge } from '../helpers/knowledge-folder';

let root = '';
let data = '';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'troly-cli-explain-'));
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
  return { code, out: io.stdout };
}

describe('troly search --explain', () => {
  it('prints what the question was understood as before the passages', async () => {
    const { code, out } = await search('--explain', '--k', '1', 'cho em hỏi Điều 12 Luật Cư trú quy định ntn ạ');
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^Đã hiểu là: "/);
    expect(out).toContain('  Văn bản: Luật Cư trú (từ "luat cu tru"; tra đúng điều được nêu)');
    expect(out).toContain('  Sửa: "ntn" → "như thế nào" (viết tắt khi chat)');
    expect(out.some((l) => l.startsWith('  Bỏ qua: "cho em hỏi"'))).toBe(true);
    expect(out.find((l) => /^1\. /.test(l))).toMatch(/^1\. Luật Cư trú .*— Điều 12/);
  });

  it('adds `understood` to each JSON line, and leaves the JSON as documented without --explain', async () => {
    const withExplain = JSON.parse((await search('--json', '--explain', 'dieu 12 luat cu tru')).out[0] ?? '{}') as { understood?: { documents: Array<{ titles: string[] }> } };
    expect(withExplain.understood?.documents[0]?.titles).toEqual(['Luật Cư trú']);
    const without = JSON.parse((await search('--json', 'dieu 12 luat cu tru')).out[0] ?? '{}') as Record<string, unknown>;
    expect(Object.keys(without).sort()).toEqual(['id', 'results']);
  });
});
