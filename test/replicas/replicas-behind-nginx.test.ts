import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectLine } from 'botframework-directlinejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nginxAvailability, startNginxProxy, type NginxProxy } from '../helpers/nginx-proxy';
import { postgresAvailability, startPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster';
import { submitActions } from '../bot/card-actions';
import { ActivityLog, installDirectLineGlobals, type ReceivedActivity } from '../server/directline-client';
import { Q_CONDITIONS, Q_FOLLOW_UP } from './follow-up-assistant';
import { startReplica, type Replica } from './replicas';

const SECRET = 'replicas-test-secret-5b1c';
const available = postgresAvailability().available && nginxAvailability().available;

const fromBot = (a: ReceivedActivity) => a.type === 'message' && a.from.role === 'bot';
const seqOf = (a: ReceivedActivity) => Number(String(a.id).split('|').at(-1));

function post(directLine: DirectLine, activity: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    directLine.postActivity({ from: { id: 'ignored-by-server' }, ...activity } as Parameters<DirectLine['postActivity']>[0]).subscribe({ next: resolve, error: reject });
  });
}

describe.skipIf(!available)('two replicas behind nginx on PostgreSQL', () => {
  let cluster: PostgresCluster;
  let proxy: NginxProxy;
  let replicas: Replica[] = [];
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    installDirectLineGlobals();
    cluster = await startPostgresCluster();
    dataDir = mkdtempSync(join(tmpdir(), 'troly-replicas-'));
    env = { TROLY_DATABASE_URL: await cluster.createDatabase(), TROLY_DATA_DIR: dataDir, TROLY_DIRECTLINE_SECRET: SECRET, TROLY_TRUST_PROXY: 'true' };
    // The first replica migrates; the second starts on the migrated schema.
    replicas = [await startReplica({ env })];
    replicas.push(await startReplica({ env }));
    proxy = await startNginxProxy({ upstreams: replicas.map((r) => `127.0.0.1:${r.port}`), failTimeoutSeconds: 30 });
  }, 120_000);

  afterAll(async () => {
    await proxy?.stop();
    for (const replica of replicas) await replica.stop();
    await cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a web chat keeps its conversation when the replica holding its stream is killed: the follow-up is answered, no activity lost or duplicated', async () => {
    const generated = await fetch(`${proxy.url}/v3/directline/tokens/generate`, { method: 'POST', headers: { Authorization: `Bearer ${SECRET}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ User: { Id: 'dl_can-bo-1' } }) });
    expect(generated.status).toBe(200);
    const { token, conversationId } = (await generated.json()) as { token: string; conversationId: string };
    const directLine = new DirectLine({ token, domain: `${proxy.url}/v3/directline`, webSocket: true });
    const log = new ActivityLog();
    directLine.activity$.subscribe({ next: (a) => log.push(a as unknown as ReceivedActivity), error: () => undefined });
    try {
      await log.waitFor(fromBot);
      // 1. Ask.
      await post(directLine, { type: 'message', text: Q_CONDITIONS });
      await log.waitFor((a) => fromBot(a) && a.text?.includes('chỗ ở hợp pháp') === true);
      // 2. Kill -9 the replica holding the stream (it counts the conversations it serves).
      const holders = [];
      for (const replica of replicas) {
        const health = (await (await fetch(`${replica.url}/healthz`)).json()) as { conversations: number };
        if (health.conversations > 0) holders.push(replica);
      }
      expect(holders).toHaveLength(1);
      const [holder] = holders as [Replica];
      await holder.kill();
      const survivor = replicas.find((r) => r !== holder) as Replica;
      // 3. The client reconnects by itself (through nginx, so to the survivor) and asks the follow-up.
      const before = log.activities.length;
      await new Promise((resolve) => setTimeout(resolve, 500));
      await retry(() => post(directLine, { type: 'message', text: Q_FOLLOW_UP }), 20_000);
      // Answered only if the survivor read the first turn from the shared conversation state.
      await log.waitFor((a) => fromBot(a) && a.text?.includes('07 ngày làm việc') === true, { timeoutMs: 30_000, after: before });
      const health = (await (await fetch(`${survivor.url}/healthz`)).json()) as { conversations: number };
      expect(health.conversations).toBeGreaterThan(0);
      // 4. What the client received is exactly the conversation's log: every position once, none missing.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const poll = await fetch(`${proxy.url}/v3/directline/conversations/${conversationId}/activities?watermark=0`, { headers: { Authorization: `Bearer ${token}` } });
      const stored = (await poll.json()) as { activities: ReceivedActivity[]; watermark: string };
      const received = log.activities.map(seqOf);
      expect(new Set(received).size).toBe(received.length);
      expect([...received].sort((x, y) => x - y)).toEqual(stored.activities.map(seqOf));
      expect(stored.activities.map(seqOf)).toEqual(Array.from({ length: Number(stored.watermark) }, (_, i) => i));
      const botTexts = stored.activities.filter(fromBot).map((a) => a.text ?? '');
      expect(botTexts.some((t) => t.includes('chỗ ở hợp pháp'))).toBe(true);
      expect(botTexts.some((t) => t.includes('07 ngày làm việc'))).toBe(true);
      expect(stored.activities.find((a) => a.type === 'message' && a.from.role === 'user')?.from.id).toBe('dl_can-bo-1');
      // Restart the killed replica for the tests below.
      replicas[replicas.indexOf(holder)] = await startReplica({ env });
    } finally {
      directLine.end();
    }
  }, 120_000);

  it('keeps 👍/👎 given through each replica in the database', async () => {
    for (const replica of replicas) {
      const started = await fetch(`${replica.url}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${SECRET}`, 'Content-Type': 'application/json' }, body: '{}' });
      const { conversationId, token } = (await started.json()) as { conversationId: string; token: string };
      const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      const path = `${replica.url}/v3/directline/conversations/${conversationId}/activities`;
      expect((await fetch(path, { method: 'POST', headers: auth, body: JSON.stringify({ type: 'message', text: Q_CONDITIONS }) })).status).toBe(200);
      const { activities } = (await (await fetch(path, { headers: auth })).json()) as { activities: ReceivedActivity[] };
      const answer = activities.find((a) => fromBot(a) && (a.attachments?.length ?? 0) > 0);
      const rate = submitActions(answer as never).find((action) => (action.data as { rating?: string }).rating === (replica === replicas[0] ? 'up' : 'down'));
      expect(rate).toBeDefined();
      expect((await fetch(path, { method: 'POST', headers: auth, body: JSON.stringify({ type: 'message', value: rate?.data }) })).status).toBe(200);
    }
    const stateStore = await (await import('../../src/state/postgres/open-pg-state')).openPgState({ url: env.TROLY_DATABASE_URL as string, poolSize: 2, timeoutMs: 5000, logger: (await import('../../src/config/logger')).silentLogger() });
    try {
      const feedback = await stateStore.feedback.list();
      expect(feedback.map((f) => f.rating).sort()).toEqual(['down', 'up']);
      expect(new Set(feedback.map((f) => f.conversationId)).size).toBe(2);
    } finally {
      await stateStore.close();
    }
  }, 60_000);
});

async function retry<T>(attempt: () => Promise<T>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > end) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
