/**
 * The k best of a stream of items, best first, kept in a min-heap of at most k (worst at the root):
 * O(n log k) instead of sorting every match (a question matches most chunks of a large corpus
 * through some common syllable). `better(a, b)` must be a strict total order, ties included.
 */
export function createTopK<T>(k: number, better: (a: T, b: T) => boolean): {
  offer(item: T): void;
  best(): T[];
  /** The worst item kept once k are kept (anything not better is refused), else undefined: lets a caller skip building items. */
  worst(): T | undefined;
} {
  const heap: T[] = [];
  const worse = (i: number, j: number) => better(heap[j] as T, heap[i] as T);
  const swap = (i: number, j: number) => {
    const t = heap[i] as T;
    heap[i] = heap[j] as T;
    heap[j] = t;
  };
  return {
    offer(item) {
      if (k <= 0) return;
      if (heap.length < k) {
        heap.push(item);
        for (let i = heap.length - 1; i > 0; ) {
          const p = (i - 1) >> 1;
          if (!worse(i, p)) break;
          swap(i, p);
          i = p;
        }
        return;
      }
      if (!better(item, heap[0] as T)) return;
      heap[0] = item;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && worse(l, m)) m = l;
        if (r < heap.length && worse(r, m)) m = r;
        if (m === i) return;
        swap(i, m);
        i = m;
      }
    },
    worst: () => (k > 0 && heap.length >= k ? heap[0] : undefined),
    best: () => [...heap].sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0)),
  };
}
