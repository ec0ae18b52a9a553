import BetterSqlite3 from 'better-sqlite3';
import { MemoryStorage, type StoreItems } from 'botbuilder';
import fc from 'fast-check';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedbackRecord } from '../../src/bot/feedback-store';
import { isAppError } from '../../src/config/errors';
import { ACTIVITIES_KEPT } from '../../src/state/directline-log';
import type { StoredJob } from '../../src/state/job-store';
import type { StateDatabase } from '../../src/state/state-database';
import { stateBackends, type StatePlace } from './state-backends';

type Op =
  | { kind: 'write'; key: string; value: number; eTag: 'none' | 'star' | 'current' | 'stale' }
  | { kind: 'delete'; key: string }
  | { kind: 'read'; keys: string[] };

const key = fc.constantFrom('emulator/conversations/a|1/', 'directline/conversations/b/', 'msteams/users/c');
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('write' as const), key, value: fc.integer(), eTag: fc.constantFrom('none' as const, 'star' as const, 'current' as const, 'stale' as const) }),
  fc.record({ kind: fc.constant('delete' as const), key }),
  fc.record({ kind: fc.constant('read' as const), keys: fc.uniqueArray(key, { maxLength: 3 }) }),
);

/** Runs one operation on a storage; eTags are read from that storage, so the two stay comparable. */
async function apply(storage: { read(k: string[]): Promise<StoreItems>; write(c: StoreItems): Promise<void>; delete(k: string[]): Promise<void> }, o: Op): Promise<unknown> {
  if (o.kind === 'read') {
    const items = await storage.read(o.keys);
    return Object.fromEntries(Object.entries(items).map(([k, v]) => [k, (v as { value: number }).value]));
  }
  if (o.kind === 'delete') return storage.delete([o.key]);
  const current = (await storage.read([o.key]))[o.key] as { eTag?: string } | undefined;
  const eTag = o.eTag === 'none' ? undefined : o.eTag === 'star' ? '*' : o.eTag === 'current' ? current?.eTag : 'stale-etag';
  try {
    await storage.write({ [o.key]: { value: o.value, ...(eTag === undefined ? {} : { eTag }) } });
    return 'ok';
  } catch {
    return 'conflict';
  }
}

const feedback = (over: Partial<FeedbackRecord>): FeedbackRecord => ({
  channelId: 'directline',
  conversationId: 'c1',
  userId: 'dl_u1',
  answerId: 'a1',
  rating: 'up',
  question: 'Điều kiện đăng ký thường trú là gì?',
  answer: 'Công dân có chỗ ở hợp pháp thuộc quyền sở hữu của mình thì được đăng ký thường trú [1].',
  citations: [{ n: 1, documentId: 'luat-cu-tru', title: 'Luật Cư trú', locator: 'Điều 20, khoản 1', quote: 'Công dân có chỗ ở hợp pháp…' }] as unknown as FeedbackRecord['citations'],
  at: '2026-12-01T08:00:00.000Z',
  ...over,
});

const job = (jobId: string, requestedAt: string, state: StoredJob['state'] = 'queued'): StoredJob => ({ jobId, state, requestedAt, owner: null, data: { jobId, trigger: 'admin', progress: null } });

const nextTick = () => new Promise((resolve) => setTimeout(resolve, 20));
async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await nextTick();
  }
}

for (const backend of stateBackends()) {
  describe.skipIf(!backend.available)(`state database on ${backend.name}${backend.available ? '' : ` (skipped: ${backend.reason})`}`, () => {
    let place: StatePlace | undefined;
    const opened: StateDatabase[] = [];
    /** A replica: a new connection to the test's place. */
    const replica = async () => {
      place ??= await backend.place();
      const db = await place.open();
      opened.push(db);
      return db;
    };
    afterEach(async () => {
      for (const db of opened.splice(0)) await db.close();
      await place?.dispose();
      place = undefined;
    });

    describe('migrations', () => {
      it('migrate an empty database, are a no-op when run again, and keep the data', async () => {
        const first = await replica();
        await first.keys.getOrCreate('k', () => 'v1');
        const second = await replica();
        expect(await second.keys.getOrCreate('k', () => 'v2')).toBe('v1');
      });

      it('refuse a database whose schema is newer than this release', async () => {
        const db = await replica();
        await db.close();
        opened.length = 0;
        await bumpSchema(place as StatePlace, backend.name);
        const error = await replica().then(() => undefined, (e: unknown) => e);
        expect(isAppError(error, 'SCHEMA_NEWER')).toBe(true);
        expect((error as Error).message).toMatch(/schema version 999, newer than/);
      });
    });

    describe('Storage (Bot Framework conversation state)', () => {
      it('behaves like botbuilder MemoryStorage for any sequence of reads, writes and deletes', async () => {
        const db = await replica();
        await fc.assert(
          fc.asyncProperty(fc.array(op, { maxLength: 20 }), async (ops) => {
            await db.storage.delete(['emulator/conversations/a|1/', 'directline/conversations/b/', 'msteams/users/c']);
            const memory = new MemoryStorage();
            for (const o of ops) expect(await apply(db.storage, o)).toEqual(await apply(memory, o));
          }),
          { numRuns: backend.name === 'postgres' ? 40 : 150 },
        );
      });

      it('rejects a stale eTag and leaves the stored item and the rest of the batch unchanged', async () => {
        const { storage } = await replica();
        await storage.write({ a: { history: ['Điều kiện đăng ký thường trú là gì?'] } });
        const first = (await storage.read(['a'])).a as { eTag: string };
        await storage.write({ a: { history: ['mới'], eTag: first.eTag } });
        await expect(storage.write({ b: { history: [] }, a: { history: ['cũ'], eTag: first.eTag } })).rejects.toThrow(/eTag conflict/);
        const after = await storage.read(['a', 'b']);
        expect((after.a as { history: string[] }).history).toEqual(['mới']);
        expect(after.b).toBeUndefined();
      });

      it('lets exactly one of two replicas win a write with the same eTag', async () => {
        const a = await replica();
        const b = await replica();
        await a.storage.write({ conv: { turn: 0 } });
        const { eTag } = (await b.storage.read(['conv'])).conv as { eTag: string };
        const results = await Promise.allSettled([a.storage.write({ conv: { turn: 1, eTag } }), b.storage.write({ conv: { turn: 2, eTag } })]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const winner = results[0]?.status === 'fulfilled' ? 1 : 2;
        expect(((await a.storage.read(['conv'])).conv as { turn: number }).turn).toBe(winner);
      });
    });

    describe('feedback', () => {
      it('keeps every rating, a second rating of one answer replacing the first, most recent first', async () => {
        const a = await replica();
        const b = await replica();
        await a.feedback.save(feedback({ answerId: 'a1', rating: 'up', at: '2026-12-01T08:00:00.000Z' }));
        await b.feedback.save(feedback({ answerId: 'a2', rating: 'down', at: '2026-12-01T08:01:00.000Z' }));
        await b.feedback.save(feedback({ answerId: 'a1', rating: 'down', at: '2026-12-01T08:02:00.000Z' }));
        const all = await a.feedback.list();
        expect(all.map((r) => [r.answerId, r.rating, r.at])).toEqual([
          ['a1', 'down', '2026-12-01T08:02:00.000Z'],
          ['a2', 'down', '2026-12-01T08:01:00.000Z'],
        ]);
        expect(all[0]).toEqual(feedback({ answerId: 'a1', rating: 'down', at: '2026-12-01T08:02:00.000Z' }));
        expect(await a.feedback.list({ limit: 1 })).toHaveLength(1);
      });
    });

    describe('Direct Line log', () => {
      it('creates a conversation once, with its user and locale', async () => {
        const { directLine } = await replica();
        expect(await directLine.create({ id: 'c1', userId: 'dl_u1', locale: 'vi-VN' })).toBe(true);
        expect(await directLine.create({ id: 'c1', userId: 'someone-else' })).toBe(false);
        expect(await directLine.get('c1')).toEqual({ id: 'c1', userId: 'dl_u1', locale: 'vi-VN', count: 0 });
        expect(await directLine.get('nope')).toBeUndefined();
      });

      it('numbers activities by position and reads them from any watermark', async () => {
        const { directLine } = await replica();
        await directLine.create({ id: 'c1', userId: 'dl_u1' });
        const first = await directLine.append('c1', { type: 'message', text: 'Xin chào', serviceUrl: 'http://internal' });
        expect(first).toMatchObject({ id: 'c1|0000000', type: 'message', text: 'Xin chào', channelId: 'directline', conversation: { id: 'c1' } });
        expect(first).not.toHaveProperty('serviceUrl');
        await directLine.append('c1', { type: 'message', text: 'Thủ tục đăng ký thường trú?' });
        expect(await directLine.since('c1', 0)).toEqual({ activities: [first, expect.objectContaining({ id: 'c1|0000001' })], watermark: '2' });
        expect(await directLine.since('c1', 1)).toMatchObject({ activities: [{ id: 'c1|0000001' }], watermark: '2' });
        expect(await directLine.since('c1', 2)).toEqual({ activities: [], watermark: '2' });
        // A watermark past the end (a client bug) never makes the next read skip anything.
        expect(await directLine.since('c1', 99)).toEqual({ activities: [], watermark: '2' });
        expect(await directLine.since('c1', 0, 1)).toMatchObject({ activities: [{ id: 'c1|0000000' }], watermark: '1' });
        expect(await directLine.append('nope', { type: 'message' })).toBeUndefined();
        expect(await directLine.since('nope', 0)).toBeUndefined();
      });

      it('gives concurrent appends from two replicas distinct, gap-free positions', async () => {
        const a = await replica();
        const b = await replica();
        await a.directLine.create({ id: 'c1', userId: 'dl_u1' });
        const appended = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).directLine.append('c1', { type: 'message', text: `câu ${i}` })));
        const ids = appended.map((x) => x?.id).sort();
        expect(ids).toEqual(Array.from({ length: 40 }, (_, i) => `c1|${String(i).padStart(7, '0')}`));
        const read = await b.directLine.since('c1', 0);
        expect(read?.activities.map((x) => x.text).sort()).toEqual(appended.map((x) => x?.text).sort());
        expect(read?.watermark).toBe('40');
      });

      it('keeps the last activities only, watermarks staying absolute', async () => {
        const { directLine } = await replica();
        await directLine.create({ id: 'c1', userId: 'dl_u1' });
        for (let i = 0; i < ACTIVITIES_KEPT + 60; i += 1) await directLine.append('c1', { type: 'message', text: String(i) });
        const all = await directLine.since('c1', 0, 10_000);
        expect(all?.watermark).toBe(String(ACTIVITIES_KEPT + 60));
        expect(all?.activities.length).toBeGreaterThanOrEqual(ACTIVITIES_KEPT);
        expect(all?.activities.length).toBeLessThan(ACTIVITIES_KEPT + 60);
        expect(all?.activities.at(-1)?.text).toBe(String(ACTIVITIES_KEPT + 59));
      });

      it('wakes watchers of the conversation, on every replica, when an activity is appended', async () => {
        const a = await replica();
        const b = await replica();
        await a.directLine.create({ id: 'c1', userId: 'dl_u1' });
        await a.directLine.create({ id: 'c2', userId: 'dl_u2' });
        const woken: string[] = [];
        const watchers = backend.name === 'postgres' ? [a, b] : [a];
        const stops = watchers.map((db, i) => db.directLine.watch('c1', () => woken.push(`replica${i}`)));
        await a.directLine.append('c2', { type: 'message' });
        await a.directLine.append('c1', { type: 'message' });
        await until(() => woken.length >= watchers.length);
        expect(new Set(woken)).toEqual(new Set(watchers.map((_, i) => `replica${i}`)));
        for (const stop of stops) stop();
        woken.length = 0;
        await a.directLine.append('c1', { type: 'message' });
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(woken).toEqual([]);
      });

      it('sweeps conversations idle since before a time, with their activities', async () => {
        const { directLine } = await replica();
        await directLine.create({ id: 'old', userId: 'u' });
        await directLine.append('old', { type: 'message' });
        await new Promise((resolve) => setTimeout(resolve, 30));
        const cutoff = new Date();
        await new Promise((resolve) => setTimeout(resolve, 30));
        await directLine.create({ id: 'new', userId: 'u' });
        expect(await directLine.sweep(cutoff)).toBe(1);
        expect(await directLine.get('old')).toBeUndefined();
        expect(await directLine.since('old', 0)).toBeUndefined();
        expect(await directLine.get('new')).toBeDefined();
      });
    });

    describe('shared keys', () => {
      it('give every replica the first value created, also after a restart', async () => {
        const a = await replica();
        const b = await replica();
        const [x, y] = await Promise.all([a.keys.getOrCreate('directline', () => 'from-a'), b.keys.getOrCreate('directline', () => 'from-b')]);
        expect(x).toBe(y);
        await a.close();
        const c = await replica();
        expect(await c.keys.getOrCreate('directline', () => 'from-c')).toBe(x);
      });
    });

    describe('reindex jobs', () => {
      it('queue one job at a time across replicas, store progress, list most recent first, pick running before queued, prune finished ones', async () => {
        const a = await replica();
        const b = await replica();
        const [first, second] = await Promise.all([a.jobs.enqueue(job('j1', '2026-12-01T08:00:00.000Z')), b.jobs.enqueue(job('j0', '2026-12-01T08:00:00.000Z'))]);
        expect([first.created, second.created].sort()).toEqual([false, true]);
        expect(first.job.jobId).toBe(second.job.jobId);
        const j1 = first.job.jobId;
        await b.jobs.update({ ...first.job, state: 'running', owner: 'replica-b', data: { progress: { stage: 'embed', percent: 40 } } });
        expect(await a.jobs.next()).toEqual({ jobId: j1, state: 'running', requestedAt: '2026-12-01T08:00:00.000Z', owner: 'replica-b', data: { progress: { stage: 'embed', percent: 40 } } });
        expect(await a.jobs.enqueue(job('j2', '2026-12-01T08:01:00.000Z'))).toMatchObject({ created: true, job: { jobId: 'j2', state: 'queued' } });
        expect((await b.jobs.next())?.jobId).toBe(j1);
        await a.jobs.update({ ...first.job, state: 'failed' });
        expect((await b.jobs.next())?.jobId).toBe('j2');
        await a.jobs.update({ ...job('j2', '2026-12-01T08:01:00.000Z'), state: 'succeeded' });
        await a.jobs.enqueue(job('j3', '2026-12-01T08:02:00.000Z'));
        await a.jobs.update({ ...job('j3', '2026-12-01T08:02:00.000Z'), state: 'succeeded' });
        expect(await a.jobs.next()).toBeUndefined();
        expect((await b.jobs.list(10)).map((j) => j.jobId)).toEqual(['j3', 'j2', j1]);
        await b.jobs.prune(2);
        expect((await a.jobs.list(10)).map((j) => j.jobId)).toEqual(['j3', 'j2']);
        expect(await a.jobs.get(j1)).toBeUndefined();
      });

      it('grant the indexer lease to one replica at a time, and again once it is released', async () => {
        const a = await replica();
        const b = await replica();
        const lease = await a.jobs.tryLease();
        expect(lease?.held).toBe(true);
        expect(await a.jobs.tryLease()).toBeUndefined();
        if (backend.name === 'postgres') expect(await b.jobs.tryLease()).toBeUndefined();
        await lease?.release();
        expect(lease?.held).toBe(false);
        const again = await a.jobs.tryLease();
        expect(again?.held).toBe(true);
        await again?.release();
      });

      it.runIf(backend.name === 'postgres')('hand the lease to another replica when the holder\'s session dies', async () => {
        const a = await replica();
        const b = await replica();
        const lease = await a.jobs.tryLease();
        expect(lease?.held).toBe(true);
        // What kill -9 of the holder does to its session: PostgreSQL ends it and drops its locks.
        const admin = new pg.Client({ connectionString: (place as StatePlace).url });
        await admin.connect();
        try {
          await admin.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted");
        } finally {
          await admin.end();
        }
        await until(() => lease?.held === false);
        const taken = await b.jobs.tryLease();
        expect(taken?.held).toBe(true);
        await taken?.release();
        await lease?.release();
      });
    });
  });
}

/** Marks the place's schema as written by a future release (version 999). */
async function bumpSchema(place: StatePlace, backend: 'sqlite' | 'postgres'): Promise<void> {
  if (backend === 'postgres') {
    const client = new pg.Client({ connectionString: place.url });
    await client.connect();
    try {
      await client.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')");
    } finally {
      await client.end();
    }
    return;
  }
  const { path } = place;
  if (path === undefined) throw new Error('the SQLite place has no path');
  const db = new BetterSqlite3(path);
  try {
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', '2030-01-01')").run();
  } finally {
    db.close();
  }
}

describe('SQLite state file of an earlier release', () => {
  it('migrates in place, keeping its conversation state and feedback', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { openSqliteState } = await import('../../src/state/sqlite/open-sqlite-state');
    const dir = mkdtempSync(join(tmpdir(), 'troly-state-old-'));
    const path = join(dir, 'state.sqlite');
    try {
      // The tables as the release before migrations created them, with one row each.
      const old = new BetterSqlite3(path);
      old.exec(`CREATE TABLE bot_state (key TEXT PRIMARY KEY, etag TEXT NOT NULL, value TEXT NOT NULL, updated_at TEXT NOT NULL);
        CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, channel_id TEXT NOT NULL, conversation_id TEXT NOT NULL, user_id TEXT NOT NULL, answer_id TEXT NOT NULL,
          rating TEXT NOT NULL CHECK (rating IN ('up', 'down')), question TEXT NOT NULL, answer TEXT NOT NULL, citations TEXT NOT NULL, at TEXT NOT NULL, UNIQUE (channel_id, conversation_id, answer_id));
        INSERT INTO bot_state VALUES ('directline/conversations/c1/', 'e1', '{"history":["Thủ tục đăng ký kết hôn?"]}', '2026-11-30T00:00:00Z');
        INSERT INTO feedback (channel_id, conversation_id, user_id, answer_id, rating, question, answer, citations, at) VALUES ('directline', 'c1', 'u', 'a1', 'up', 'q', 'a', '[]', '2026-11-30T00:00:00.000Z');`);
      old.close();
      const db = openSqliteState({ path });
      try {
        expect(await db.storage.read(['directline/conversations/c1/'])).toEqual({ 'directline/conversations/c1/': { history: ['Thủ tục đăng ký kết hôn?'], eTag: 'e1' } });
        expect((await db.feedback.list()).map((r) => r.answerId)).toEqual(['a1']);
        expect(await db.directLine.create({ id: 'c2', userId: 'u' })).toBe(true);
      } finally {
        await db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
