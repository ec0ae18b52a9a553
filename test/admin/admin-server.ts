import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { openLivePipeline, type LivePipeline } from '../../src/app/live-pipeline';
import { loadConfig, PROJECT_ROOT, type Config } from '../../src/config/config';
import { createLogger } from '../../src/config/logger';
import { buildSnapshot } from '../../src/index/build-snapshot';
import { loadPrompts } from '../../src/prompts/catalog';
import { startAssistantServer, type RunningAssistantServer } from '../../src/main';
import { writeLawKnowledge } from '../helpers/knowledge-folder';

export const ADMIN_TOKEN = 'ma-quan-tri-thu-nghiem-2025';
export const prompts = loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') });

export interface AdminTestServer {
  url: string;
  root: string;
  config: Config;
  /** The pipeline the server answers with (the same object), to ask questions directly. */
  pipeline: LivePipeline;
  server: RunningAssistantServer;
  logs: Array<{ level: number; msg: string; [key: string]: unknown }>;
  /** fetch on the server with the admin token. */
  admin(path: string, init?: RequestInit): Promise<Response>;
  /** Polls a job until it has finished (bounded), and returns it. */
  waitForJob(jobId: string): Promise<{ state: string; [key: string]: unknown }>;
  stop(): Promise<void>;
}

/**
 * The real server over a real index of two laws (Luật Cư trú, Luật Hôn nhân và gia đình), with
 * the admin API on (unless `token` is null), reindexing in a real child process. Environment
 * given explicitly, never the machine's.
 */
export async function startAdminTestServer({ env = {}, token = ADMIN_TOKEN, withBadFiles = false }: { env?: Record<string, string>; token?: string | null; withBadFiles?: boolean } = {}): Promise<AdminTestServer> {
  const root = mkdtempSync(join(tmpdir(), 'troly-admin-'));
  const knowledgeDir = join(root, 'knowledge');
  writeLawKnowledge(knowledgeDir, { withBadFiles });
  const config = loadConfig({
    env: {
      PORT: '0',
      TROLY_DATA_DIR: join(root, 'data'),
      TROLY_KNOWLEDGE_DIR: knowledgeDir,
      TROLY_MODELS_DIR: join(root, 'models'),
      TROLY_LOG_LEVEL: 'debug',
      // Tests poll jobs and loop over pages faster than a person: the per-address limit is not under test here.
      TROLY_RATE_LIMIT_IP_PER_MINUTE: '0',
      ...(token === null ? {} : { TROLY_ADMIN_TOKEN: token }),
      ...env,
    },
  });
  await buildSnapshot({ knowledgeDir, dataDir: config.dataDir, tunables: config.tunables });
  const logs: AdminTestServer['logs'] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line) as AdminTestServer['logs'][number]);
      callback();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const pipeline = openLivePipeline({ config, prompts, logger });
  const server = await startAssistantServer({
    config,
    prompts,
    logger,
    pipeline,
  });
  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, { ...init, headers: { Authorization: `Bearer ${token ?? ''}`, ...(init.headers as Record<string, string> | undefined) } });
  return {
    url: server.url,
    root,
    config,
    pipeline,
    server,
    logs,
    admin,
    async waitForJob(jobId) {
      for (let i = 0; i < 600; i++) {
        const job = (await (await admin(`/admin/jobs/${jobId}`)).json()) as { state: string };
        if (job.state === 'succeeded' || job.state === 'failed') return job;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`job ${jobId} did not finish within 60 s`);
    },
    async stop() {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A multipart body with one file in the `file` field (or another field name). */
export function uploadForm({ name, content, field = 'file' }: { name: string; content: string | Buffer; field?: string }): FormData {
  const form = new FormData();
  form.append(field, new Blob([typeof content === 'string' ? content : Uint8Array.from(content)]), name);
  return form;
}
