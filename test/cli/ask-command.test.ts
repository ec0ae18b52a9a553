import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openLivePipeline } from '../../src/app/live-pipeline';
import { run } from '../../src/cli/index';
import { createMemoryOutput } from '../../src/cli/output';
import { loadConfig, PROJECT_ROOT } from '../../src/config/config';
import { loadPrompts } from '../../src/prompts/catalog';
import { useTempDirs } from '../helpers/temp-dirs';

// The CLI contract of `troly ask --json`: exactly these fields, nothing else.
const citationSchema = z.strictObject({
  n: z.number().int().positive(),
  docId: z.string().min(1),
  title: z.string().min(1),
  docNumber: z.string().min(1).nullable(),
  locator: z.string(),
  passage: z.string().min(1),
  url: z.string().startsWith('/documents/'),
});
const answerLineSchema = z
  .strictObject({ id: z.union([z.string(), z.number()]), understoodAs: z.string().min(1).optional(), answer: z.string().min(1), grounded: z.boolean(), confidence: z.number().min(0).max(1), citations: z.array(citationSchema) })
  .refine((l) => l.grounded === l.citations.length > 0, 'grounded is false exactly when there are no citations')
  .refine((l) => l.citations.every((c, i) => c.n === i + 1 && l.answer.includes(`[${c.n}]`)), 'citations are numbered 1… and each [n] is in the answer');
const errorLineSchema = z.strictObject({ id: z.union([z.string(), z.number(), z.null()]), line: z.number().int().positive().optional(), error: z.string().min(1) });
type AnswerLine = z.infer<typeof answerLineSchema>;

const prompts = loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') });
const REFUSAL = prompts.format('answer.refusal');
const BANG_RONG = 'Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?';
const PHO_BO = 'Cách nấu phở bò Nam Định như thế nào?';

const tempDir = useTempDirs('cli-ask');
let root = '';
let knowledge = '';
let data = '';

// One index of a copy of the sample documents, shared by the file.
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'troly-cli-ask-shared-'));
  knowledge = join(root, 'knowledge');
  data = join(root, 'data');
  cpSync(resolve(PROJECT_ROOT, 'knowledge'), knowledge, { recursive: true });
  expect(await run(['node', 'troly', 'index', '--knowledge', knowledge, '--data', data], createMemoryOutput())).toBe(0);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = 0;
});

async function ask(...args: string[]) {
  const io = createMemoryOutput();
  const code = await run(['node', 'troly', 'ask', ...args], io);
  return { code, out: io.stdout, err: io.stderr.join('\n') };
}

function answerLines(out: readonly string[]): AnswerLine[] {
  return out.map((line) => answerLineSchema.parse(JSON.parse(line)));
}

function queriesFile(lines: readonly string[]): string {
  const file = join(tempDir(), 'cau-hoi.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('troly ask', () => {
  it('prints the answer, then numbered sources with title, locator, quoted passage and link', async () => {
    const { code, out } = await ask('--data', data, BANG_RONG);
    expect(code).toBe(0);
    expect(out[0]).toContain('60 Mbps');
    expect(out[0]).toMatch(/ \[1\]\.?$/);
    const sources = out.indexOf('Nguồn:');
    expect(sources).toBeGreaterThan(0);
    expect(out[sources + 1]).toMatch(/^\[1\] Chuyển đổi số tại Hải Phòng: .+ — .+/);
    expect(out[sources + 2]).toMatch(/^ {4}“.*60 Mbps.*”$/);
    expect(out[sources + 3]).toMatch(/^ {4}\/documents\/chuyen-doi-so-tai-hai-phong/);
    expect(out.at(-1)).toMatch(/^Độ tin cậy: 0\.\d\d$/);
  });

  it('prints a refusal with the closest documents and no sources for a question the documents do not answer', async () => {
    const { code, out } = await ask('--data', data, PHO_BO);
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text.startsWith(REFUSAL)).toBe(true);
    expect(text).toContain(prompts.format('answer.refusal.suggestionsIntro'));
    expect(text).not.toContain('Nguồn:');
    expect(text).not.toContain('Độ tin cậy');
  });

  it('prints one contract line with id "q" for --json, the cited passage holding the figure', async () => {
    const { code, out } = await ask('--data', data, '--json', BANG_RONG);
    expect(code).toBe(0);
    const [line, ...rest] = answerLines(out);
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ id: 'q', grounded: true });
    expect(line?.citations[0]?.passage).toContain('60 Mbps');
    expect(line?.citations[0]?.docNumber).toBeNull();
  });

  it('gives exactly the answer of the serving pipeline the bot uses', async () => {
    const config = loadConfig({ env: { TROLY_DATA_DIR: data, TROLY_KNOWLEDGE_DIR: knowledge } });
    const pipeline = openLivePipeline({ config, prompts });
    try {
      for (const question of [BANG_RONG, PHO_BO, 'Ai làm Trưởng ban Ban Chỉ đạo Chuyển đổi số thành phố?']) {
        const expected = await pipeline.assistant.ask({ question });
        const [line] = answerLines((await ask('--data', data, '--json', question)).out);
        expect(line?.answer).toBe(expected.text);
        expect(line?.grounded).toBe(expected.grounded);
        expect(line?.citations.map((c) => [c.docId, c.locator, c.passage])).toEqual(expected.citations.map((c) => [c.docId, c.locator, c.passage]));
      }
    } finally {
      pipeline.close();
    }
  });

  it('answers a --queries file line by line, resolving a follow-up against its history', async () => {
    const followUp = 'còn di động thì sao?';
    const file = queriesFile([
      JSON.stringify({ id: 'bang-rong', question: BANG_RONG }),
      '',
      JSON.stringify({ id: 7, question: followUp, history: [{ question: BANG_RONG, answer: 'Khoảng 60 Mbps [1]' }] }),
      JSON.stringify({ id: 'khong-lich-su', question: followUp }),
      JSON.stringify({ id: 'pho', question: PHO_BO }),
    ]);
    const { code, out } = await ask('--data', data, '--json', '--queries', file);
    expect(code).toBe(0);
    const lines = answerLines(out);
    expect(lines.map((l) => l.id)).toEqual(['bang-rong', 7, 'khong-lich-su', 'pho']);
    expect(lines[0]?.citations[0]?.passage).toContain('60 Mbps');
    // The follow-up is asked as the previous question with its value swapped ("cố định" → "di động"),
    // which the documents answer.
    expect(lines[1]?.understoodAs).toBe(BANG_RONG.replace('cố định', 'di động'));
    expect(lines[1]?.grounded).toBe(true);
    expect(lines[1]?.answer).toContain('di động vượt mốc 40 Mbps');
    // Without the history the same words are asked as typed, and get another answer.
    expect(lines[2]?.understoodAs).toBeUndefined();
    expect(lines[2]?.answer).not.toBe(lines[1]?.answer);
    expect(lines[3]).toMatchObject({ grounded: false, citations: [] });
    expect(lines[3]?.answer.startsWith(REFUSAL)).toBe(true);
  });

  it('gives the same answer to a question typed without diacritics', async () => {
    const [accented] = answerLines((await ask('--data', data, '--json', BANG_RONG)).out);
    const [plain] = answerLines((await ask('--data', data, '--json', 'toc do bang rong co dinh cua hai phong dat bao nhieu')).out);
    expect(plain?.citations).toEqual(accented?.citations);
    expect(plain?.answer).toBe(accented?.answer);
  });

  it('prints an error line for each bad input line, answers the rest, and exits 1', async () => {
    const file = queriesFile([
      'đây không phải JSON',
      JSON.stringify({ id: 'thieu', cauhoi: 'không có trường question' }),
      JSON.stringify({ id: 'dai', question: `${'Thủ tục hành chính '.repeat(200)}?` }),
      JSON.stringify({ id: 'lich-su-hong', question: BANG_RONG, history: 'không phải danh sách' }),
      JSON.stringify({ id: 'tot', question: BANG_RONG }),
    ]);
    const { code, out, err } = await ask('--data', data, '--json', '--queries', file);
    expect(code).toBe(1);
    expect(out).toHaveLength(5);
    const errors = out.slice(0, 4).map((l) => errorLineSchema.parse(JSON.parse(l)));
    expect(errors.map((e) => [e.id, e.line])).toEqual([[null, 1], ['thieu', 2], ['dai', 3], ['lich-su-hong', 4]]);
    expect(errors[2]?.error).toContain('2000');
    expect(answerLines(out.slice(4))[0]).toMatchObject({ id: 'tot', grounded: true });
    expect(err).toContain('4/5');
  });

  it.each([
    ['--queries without --json', ['--queries', 'x.jsonl']],
    ['a question and --queries', ['--json', '--queries', 'x.jsonl', 'câu hỏi']],
    ['no question', []],
    ['an unreadable --queries file', ['--json', '--queries', join(tmpdir(), 'khong-co-tep-nay.jsonl')]],
  ])('rejects %s with exit code 2 and a Vietnamese message', async (_, args) => {
    const { code, out, err } = await ask('--data', data, ...args);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toMatch(/troly ask|--json|--queries|Không đọc được/);
  });

  it('builds the index first when there is none, keeping stdout for the answer line', async () => {
    const fresh = join(tempDir(), 'data');
    const { code, out, err } = await ask('--data', fresh, '--knowledge', knowledge, '--json', BANG_RONG);
    expect(code).toBe(0);
    expect(answerLines(out)[0]?.citations[0]?.passage).toContain('60 Mbps');
    expect(err).toContain('Chưa có bản chỉ mục.');
  });

  it('exits 1 with the reason when there is no index and --no-index forbids building one', async () => {
    const { code, out, err } = await ask('--data', join(tempDir(), 'trong'), '--no-index', BANG_RONG);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toContain('Hãy chạy: troly index');
  });

  it('describes itself in Vietnamese and English', async () => {
    const { out } = await ask('--help');
    const help = out.join('\n').replace(/\s+/g, ' ');
    expect(help).toContain(prompts.format('ask.cli.description'));
    expect(help).toContain('--queries <file>');
    expect(help).toContain('JSONL file of questions');
  });
});
