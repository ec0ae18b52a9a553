/** A small seeded PRNG (mulberry32): the same seed gives the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` unit vectors drawn uniformly from the sphere (normalised Gaussians, Box–Muller). */
export function randomUnitVectors({ count, dimensions, seed }: { count: number; dimensions: number; seed: number }): Float32Array[] {
  const random = seededRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Array.from({ length: count }, () => {
    const v = Float32Array.from({ length: dimensions }, gaussian);
    const norm = Math.hypot(...v) || 1;
    return v.map((x) => x / norm);
  });
}

/** Exact top-k labels by cosine (vectors are unit length, so by dot product), best first. */
export function bruteForceTopK({ vectors, query, k }: { vectors: readonly Float32Array[]; query: Float32Array; k: number }): { label: number; score: number }[] {
  return vectors
    .map((v, label) => ({ label, score: v.reduce((sum, x, i) => sum + x * (query[i] ?? 0), 0) }))
    .sort((a, b) => b.score - a.score || a.label - b.label)
    .slice(0, k);
}
