import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerWorkerCount, openAnswerPool, type AnswerPool } from '../../src/app/answer-pool';
import { openLivePipeline, type LivePipeline } from '../../src/app/live-pipeline';
import { loadConfig, PROJECT_ROOT, type Config } from '../../src/config/config';
import { isAppError } from '../../src/config/errors';
import { buildSnapshot } from '../../src/index/build-snapshot';
import { loadPrompts } from '../../src/prompts/catalog';
import { CRASH_QUESTION } from '../fixtures/app/crash-question';

const prompts = loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') });
const CRASHING_WORKER = new URL('../fixtures/app/crashing-answer-worker.ts', import.meta.url);
/** Real questions over knowledge/ (bench/answers), answered and refused ones. */
const QUESTIONS = [
  'Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?',
  'Chất lượng băng thông di động của Hải Phòng vượt mốc bao nhiêu?',
  'Tỷ lệ hồ sơ trực tuyến của Hải Phòng hiện đạt bao nhiêu phần trăm?',
  'Bao nhiêu phần trăm văn bản được ký số phát hành trên mạng?',
  'ty le ho so truc tuyen hai phong',
  'Hải Phòng đặt mục tiêu kinh tế số chiếm bao nhiêu phần trăm GRDP?',
  'Giá vé xe buýt ở Hải Phòng là bao nhiêu?',
];
const NEW_DOC = '# Thư điện tử công vụ\n\n100% cán bộ, công chức, viên chức được cấp hộp thư điện tử công vụ để trao đổi thông tin.\n';
const NEW_QUESTION = 'Bao nhieu can bo duoc cap hop thu dien tu cong vu?';

let root: string;
let knowledgeDir: string;
let config: Config;
const build = () => buildSnapshot({ knowledgeDir, dataDir: config.dataDir, tunables: config.tunables });

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'troly-pool-'));
  knowledgeDir = join(root, 'knowledge');
  mkdirSync(knowledgeDir);
  const source = resolve(PROJECT_ROOT, 'knowledge');
  for (const name of readdirSync(source)) copyFileSync(join(source, name), join(knowledgeDir, name));
  config = loadConfig({ env: { TROLY_DATA_DIR: join(root, 'data'), TROLY_KNOWLEDGE_DIR: knowledgeDir, TROLY_MODELS_DIR: join(root, 'models'), TROLY_LOG_LEVEL: 'silent' } });
  await build();
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const exited = (pool: AnswerPool) => pool.workers().map((worker) => new Promise<number>((done) => worker.once('exit', done)));

describe('answerWorkerCount', () => {
  it('is one per core at -1, none at 0, the number given otherwise', () => {
    expect(answerWorkerCount({ answerWorkers: -1 })).toBeGreaterThanOrEqual(1);
    expect(answerWorkerCount({ answerWorkers: 0 })).toBe(0);
    expect(answerWorkerCount({ answerWorkers: 3 })).toBe(3);
  });
});

describe('openAnswerPool', () => {
  describe('two workers over one snapshot', () => {
    let pool: AnswerPool;
    beforeAll(async () => {
      pool = await openAnswerPool({ config, size: 2, queueLimit: 100 });
    });
    afterAll(() => pool.close());

    it('answers and shows documents exactly as the in-process pipeline does', async () => {
      const local: LivePipeline = openLivePipeline({ config, prompts });
      try {
        expect(pool.info()).toEqual(local.info());
        expect(pool.listDocuments()).toEqual(local.listDocuments());
        // All at once, so both workers answer some of them.
        const history = [{ question: QUESTIONS[0] ?? '', answer: 'Tốc độ băng rộng cố định đạt 60 Mbps.' }];
        const asked = [...QUESTIONS.map((question) => ({ question })), { question: 'còn di động thì sao?', history }];
        const pooled = await Promise.all(asked.map((options) => pool.assistant.ask(options)));
        const inProcess = await Promise.all(asked.map((options) => local.assistant.ask(options)));
        expect(pooled).toEqual(inProcess);
        expect(pooled.filter((a) => a.grounded).length).toBeGreaterThan(2);
        const docId = local.listDocuments()[0]?.id ?? '';
        expect(await pool.documents.getDocument(docId)).toEqual(await local.documents.getDocument(docId));
        expect(await pool.documents.getChunks(docId)).toEqual(await local.documents.getChunks(docId));
        expect(await pool.documents.getDocument('no-such-document')).toBeUndefined();
      } finally {
        local.close();
      }
    });

    it('switches every worker to a new snapshot at once, while questions are in flight on the old one', async () => {
      const before = pool.info();
      writeFileSync(join(knowledgeDir, 'thu-dien-tu.md'), NEW_DOC);
      try {
        await build();
        const during = Array.from({ length: 24 }, (_, i) => pool.assistant.ask({ question: QUESTIONS[i % QUESTIONS.length] ?? '' }));
        const switched = pool.reload();
        const alsoDuring = Array.from({ length: 8 }, () => pool.assistant.ask({ question: NEW_QUESTION }));
        // No question fails with a closed store, before, during or after the switch.
        const answers = await Promise.all([...during, ...alsoDuring]);
        expect(answers).toHaveLength(32);
        const after = await switched;
        expect(after.snapshotId).not.toBe(before.snapshotId);
        expect(after.documents).toBe(before.documents + 1);
        expect(pool.listDocuments().map((d) => d.id)).toContain('thu-dien-tu');
        // Eight at once reach both workers: each must have the new snapshot.
        const fresh = await Promise.all(Array.from({ length: 8 }, () => pool.assistant.ask({ question: NEW_QUESTION })));
        for (const answer of fresh) expect(answer.citations[0]?.docId).toBe('thu-dien-tu');
      } finally {
        rmSync(join(knowledgeDir, 'thu-dien-tu.md'));
        await build();
        await pool.reload();
      }
    });

    it('keeps the old snapshot everywhere when the new one cannot be opened', async () => {
      const before = pool.info();
      const current = join(config.dataDir, 'CURRENT');
      writeFileSync(current, 'no-such-snapshot\n');
      try {
        const error = await pool.reload().catch((caught: unknown) => caught);
        expect(isAppError(error, 'SNAPSHOT_MISSING')).toBe(true);
      } finally {
        writeFileSync(current, `${before.snapshotId}\n`);
      }
      expect(pool.info()).toEqual(before);
      const answers = await Promise.all(Array.from({ length: 8 }, () => pool.assistant.ask({ question: QUESTIONS[0] ?? '' })));
      for (const answer of answers) expect(answer.grounded).toBe(true);
    });
  });

  it('fails the calls of a worker that crashes, replaces it, and answers again', async () => {
    const pool = await openAnswerPool({ config, size: 1, queueLimit: 10, workerEntry: CRASHING_WORKER });
    try {
      const [first] = pool.workers();
      const crashed = pool.assistant.ask({ question: CRASH_QUESTION }).catch((error: unknown) => error);
      const alongside = pool.assistant.ask({ question: QUESTIONS[0] ?? '' }).catch((error: unknown) => error);
      for (const error of [await crashed, await alongside]) {
        expect(isAppError(error, 'INTERNAL')).toBe(true);
        expect((error as Error).message).toMatch(/stopped \(exit code 70\)/);
      }
      // Asked while the replacement starts: waits for it instead of failing.
      const answer = await pool.assistant.ask({ question: QUESTIONS[0] ?? '' });
      expect(answer.grounded).toBe(true);
      const [second] = pool.workers();
      expect(second).toBeDefined();
      expect(second?.threadId).not.toBe(first?.threadId);
    } finally {
      await pool.close();
    }
  });

  it('refuses a call beyond the queue limit at once, a cancelled one leaves the queue, and close ends the threads', async () => {
    const pool = await openAnswerPool({ config, size: 1, queueLimit: 2 });
    const ends = exited(pool);
    try {
      // Four go to the worker, two wait, the seventh is refused.
      const controller = new AbortController();
      const calls = Array.from({ length: 7 }, (_, i) => pool.assistant.ask({ question: QUESTIONS[i % QUESTIONS.length] ?? '', ...(i === 5 ? { abortSignal: controller.signal } : {}) }).then(() => 'answered', (error: unknown) => error));
      controller.abort();
      const outcomes = await Promise.all(calls);
      expect(outcomes.slice(0, 5)).toEqual(Array(5).fill('answered'));
      expect(isAppError(outcomes[5], 'ABORTED')).toBe(true);
      expect(isAppError(outcomes[6], 'OVERLOADED')).toBe(true);
      expect((outcomes[6] as Error).message).toMatch(/answerQueueLimit 2/);
    } finally {
      await pool.close();
    }
    expect(ends).toHaveLength(1);
    await Promise.all(ends);
    expect(pool.workers()).toHaveLength(0);
    await expect(pool.assistant.ask({ question: QUESTIONS[0] ?? '' })).rejects.toThrow(/closed/);
  });

  it('does not start when the snapshot cannot be opened, with the reason', async () => {
    const empty = loadConfig({ env: { TROLY_DATA_DIR: join(root, 'no-data'), TROLY_KNOWLEDGE_DIR: knowledgeDir, TROLY_LOG_LEVEL: 'silent' } });
    const error = await openAnswerPool({ config: empty, size: 1, queueLimit: 10 }).catch((caught: unknown) => caught);
    expect(isAppError(error, 'SNAPSHOT_MISSING')).toBe(true);
  });
});
