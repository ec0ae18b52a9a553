import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDirectLineSession } from '../bench/load/directline-session';
import { loadConfig, PROJECT_ROOT, type Config } from '../src/config/config';
import { silentLogger } from '../src/config/logger';
import { buildSnapshot } from '../src/index/build-snapshot';
import { openServingPipeline, startAssistantServer } from '../src/main';
import { loadPrompts } from '../src/prompts/catalog';

const prompts = loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') });
const SECRET = 'main-test-directline-secret-5c1d';
/** A question knowledge/ answers (bench/answers): 27,9% in the Hải Phòng digital-transformation article. */
const QUESTION = 'Tỷ lệ hồ sơ trực tuyến của Hải Phòng hiện đạt bao nhiêu phần trăm?';

let root: string;
const configWith = (env: Record<string, string>): Config =>
  loadConfig({
    env: { PORT: '0', TROLY_DATA_DIR: join(root, 'data'), TROLY_KNOWLEDGE_DIR: join(root, 'knowledge'), TROLY_MODELS_DIR: join(root, 'models'), TROLY_LOG_LEVEL: 'silent', TROLY_DIRECTLINE_SECRET: SECRET, ...env },
  });

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'troly-main-'));
  mkdirSync(join(root, 'knowledge'));
  for (const name of readdirSync(resolve(PROJECT_ROOT, 'knowledge'))) copyFileSync(resolve(PROJECT_ROOT, 'knowledge', name), join(root, 'knowledge', name));
  const config = configWith({});
  await buildSnapshot({ knowledgeDir: config.knowledgeDir, dataDir: config.dataDir, tunables: config.tunables });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('openServingPipeline', () => {
  it('answers on the server thread at answerWorkers 0 and on worker threads otherwise, the same answer either way', async () => {
    const inProcess = await openServingPipeline({ config: configWith({ TROLY_ANSWER_WORKERS: '0' }), prompts, logger: silentLogger() });
    const pooled = await openServingPipeline({ config: configWith({ TROLY_ANSWER_WORKERS: '1' }), prompts, logger: silentLogger() });
    try {
      expect('workers' in inProcess).toBe(false);
      expect('workers' in pooled && typeof pooled.workers === 'function' ? pooled.workers().length : 0).toBe(1);
      const [here, there] = await Promise.all([inProcess.assistant.ask({ question: QUESTION }), pooled.assistant.ask({ question: QUESTION })]);
      expect(here.grounded).toBe(true);
      expect(there).toEqual(here);
      expect(pooled.info()).toEqual(inProcess.info());
    } finally {
      await inProcess.close();
      await pooled.close();
    }
  });
});

describe('startAssistantServer', () => {
  it('serves a Direct Line conversation end to end from an answer pool, the reply carrying the answer and its citation', async () => {
    const server = await startAssistantServer({ config: configWith({ TROLY_ANSWER_WORKERS: '1' }), prompts, logger: silentLogger() });
    try {
      const session = await openDirectLineSession({ baseUrl: server.url, secret: SECRET, userId: 'dl_main_test' });
      try {
        const { reply } = await session.ask(QUESTION, { timeoutMs: 20_000 });
        expect(reply.text).toContain('27,9%');
        // Citation [1], a link to the cited passage on this server's document viewer.
        expect(reply.text).toContain(`[\\[1\\]](${server.url}/documents/chuyen-doi-so-tai-hai-phong`);
        // The typing indicator came first, on the same stream, before the reply.
        const types = session.received.filter((a) => a.from.role === 'bot').map((a) => a.type);
        expect(types.indexOf('typing')).toBeGreaterThanOrEqual(0);
        expect(types.indexOf('typing')).toBeLessThan(types.lastIndexOf('message'));
      } finally {
        session.close();
      }
    } finally {
      await server.stop();
    }
  });
});
