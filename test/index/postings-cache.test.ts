import { describe, expect, it } from 'vitest';
import { PostingsCache } from '../../src/index/postings-cache';

/** A list of n chunks: 4 + 1 bytes each (u32 chunk, u8 tf), no heading tf. */
const list = (n: number) => ({ chunks: new Uint32Array(n), tfBody: new Uint8Array(n), tfHeading: undefined });

describe('postings cache', () => {
  it('keeps decoded lists within its byte budget, dropping the least recently used first, and shrinks when resized', () => {
    const cache = new PostingsCache(50);
    cache.set('a', list(4)); // 20 bytes
    cache.set('b', list(4));
    expect(cache.get('a')).toBeDefined(); // a is now the most recently used
    cache.set('c', list(4)); // 60 > 50: b goes
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.size.bytes).toBe(40);
    cache.set('absent', null);
    expect(cache.get('absent')).toBeNull();
    cache.set('huge', list(20)); // larger than the whole budget: not kept, nothing evicted for it
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size.bytes).toBe(40);
    cache.resize(25); // c was used before a: c goes
    expect(cache.get('c')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.size.bytes).toBeLessThanOrEqual(25);
  });
});
