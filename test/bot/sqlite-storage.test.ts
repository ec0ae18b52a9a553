import { MemoryStorage, type StoreItems } from 'botbuilder';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openStateStore } from '../../src/bot/state-store';

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

describe('SqliteStorage', () => {
  it('behaves like botbuilder MemoryStorage for any sequence of reads, writes and deletes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
        const store = openStateStore({ path: ':memory:' });
        const memory = new MemoryStorage();
        try {
          for (const o of ops) expect(await apply(store.storage, o)).toEqual(await apply(memory, o));
        } finally {
          await store.close();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('rejects a stale eTag and leaves the stored item and the rest of the batch unchanged', async () => {
    const { storage, close } = openStateStore({ path: ':memory:' });
    try {
      await storage.write({ a: { history: ['Điều kiện đăng ký thường trú là gì?'] } });
      const first = (await storage.read(['a'])).a as { eTag: string };
      await storage.write({ a: { history: ['mới'], eTag: first.eTag } });
      await expect(storage.write({ b: { history: [] }, a: { history: ['cũ'], eTag: first.eTag } })).rejects.toThrow(/eTag conflict/);
      const after = await storage.read(['a', 'b']);
      expect((after.a as { history: string[] }).history).toEqual(['mới']);
      expect(after.b).toBeUndefined();
    } finally {
      close();
    }
  });
});
