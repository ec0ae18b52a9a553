import { describe, expect, it } from 'vitest';
import { synthesize, type SyntheticCorpus } from '../../bench/scale-synth';
import { LUAT_CU_TRU, LUAT_HON_NHAN } from '../helpers/law-documents';
import { chunkDocument } from '../../src/chunk/index';

const base: SyntheticCorpus = { documents: [LUAT_CU_TRU, LUAT_HON_NHAN], chunks: [LUAT_CU_TRU, LUAT_HON_NHAN].flatMap((doc) => chunkDocument({ doc })) };

describe('synthesize (bench:scale corpus)', () => {
  it('makes exactly the asked number of chunks, with unique ids, each in a document of the corpus', () => {
    const size = base.chunks.length * 3 + 5;
    const corpus = synthesize({ base, size });
    expect(corpus.chunks).toHaveLength(size);
    expect(new Set(corpus.chunks.map((c) => c.id)).size).toBe(size);
    const docIds = new Set(corpus.documents.map((d) => d.id));
    expect(corpus.chunks.every((c) => docIds.has(c.docId) && c.id.startsWith(c.docId))).toBe(true);
  });

  it('keeps the laws as they are in copy 0 and perturbs about 15% of the words of later copies, the same way every run', () => {
    const corpus = synthesize({ base, size: base.chunks.length * 2 });
    expect(corpus.chunks.slice(0, base.chunks.length).map((c) => c.text)).toEqual(base.chunks.map((c) => c.text));
    const copies = corpus.chunks.slice(base.chunks.length);
    let words = 0;
    let changed = 0;
    copies.forEach((copy, i) => {
      const a = (base.chunks[i]?.text ?? '').split(/\s+/);
      const b = copy.text.split(/\s+/);
      words += a.length;
      changed += a.filter((w, j) => b[j] !== w).length;
    });
    expect(changed / words).toBeGreaterThan(0.08);
    expect(changed / words).toBeLessThan(0.2);
    expect(synthesize({ base, size: base.chunks.length * 2 }).chunks.map((c) => c.text)).toEqual(corpus.chunks.map((c) => c.text));
  });
});
