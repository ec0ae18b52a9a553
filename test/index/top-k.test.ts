import { describe, expect, it } from 'vitest';
import { createTopK } from '../../src/index/top-k';

describe('createTopK', () => {
  it('gives the same k best, in the same order, as sorting everything (ties by position)', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const items = Array.from({ length: Math.floor(next() * 60) }, (_, position) => ({ position, score: Math.floor(next() * 8) }));
      const better = (a: (typeof items)[0], b: (typeof items)[0]) => a.score > b.score || (a.score === b.score && a.position < b.position);
      const k = Math.floor(next() * 12);
      const top = createTopK(k, better);
      for (const item of items) top.offer(item);
      const want = [...items].sort((a, b) => b.score - a.score || a.position - b.position).slice(0, k);
      expect(top.best()).toEqual(want);
      // The worst kept item is the k-th best once k are kept.
      expect(top.worst()).toEqual(items.length >= k && k > 0 ? want[k - 1] : undefined);
    }
  });
});
