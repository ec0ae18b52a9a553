import { chunkDocument } from '../src/chunk/index';
import type { Chunk } from '../src/chunk/types';
import type { Tunables } from '../src/config/tunables';
import { ingestFolder } from '../src/ingest/index';
import { ingestLimits } from '../src/ingest/ingest-limits';
import type { SourceDocument } from '../src/ingest/types';
import { seededRandom } from '../test/helpers/random-vectors';

/** Share of the words of a copied chunk replaced by another word of the corpus. */
const PERTURBED_SHARE = 0.15;

export interface SyntheticCorpus {
  documents: SourceDocument[];
  chunks: Chunk[];
}

/** The ALQAC laws as the pipeline ingests and chunks them: the material the synthetic corpus is made of. */
export async function lawChunks({ lawsDir, tunables }: { lawsDir: string; tunables: Readonly<Tunables> }): Promise<SyntheticCorpus> {
  const { documents } = await ingestFolder({ dir: lawsDir, limits: ingestLimits(tunables) });
  const chunks = documents.flatMap((doc) => chunkDocument({ doc, targetChars: tunables.chunkTargetChars, overlapChars: tunables.chunkOverlapChars, articleMaxChars: tunables.articleMaxChars }));
  return { documents, chunks };
}

/**
 * `size` chunks made from the law chunks: copy 0 is the laws as they are, copy r ≥ 1 of each law is
 * a new document ("<id>~r", "<title> — bản r") whose chunks have 15% of their words replaced by
 * words drawn from the whole corpus (seeded, so every run builds the same corpus). The vocabulary
 * and the length of postings lists grow as in a larger collection of similar documents, rather
 * than the same postings repeated. The last copy may be partial.
 */
export function synthesize({ base, size, seed = 7 }: { base: SyntheticCorpus; size: number; seed?: number }): SyntheticCorpus {
  const random = seededRandom(seed);
  const vocabulary = [...new Set(base.chunks.flatMap((c) => c.text.split(/\s+/)).filter((w) => w !== ''))];
  const byDoc = new Map<string, Chunk[]>();
  for (const chunk of base.chunks) byDoc.set(chunk.docId, [...(byDoc.get(chunk.docId) ?? []), chunk]);
  const documents: SourceDocument[] = [];
  const chunks: Chunk[] = [];
  for (let copy = 0; chunks.length < size; copy++) {
    for (const doc of base.documents) {
      if (chunks.length >= size) break;
      const docId = copy === 0 ? doc.id : `${doc.id}~${copy}`;
      const own = (byDoc.get(doc.id) ?? []).slice(0, size - chunks.length).map((chunk) => ({
        ...chunk,
        id: copy === 0 ? chunk.id : `${docId}${chunk.id.slice(doc.id.length)}`,
        docId,
        text: copy === 0 ? chunk.text : chunk.text.replace(/\S+/g, (word) => (random() < PERTURBED_SHARE ? (vocabulary[Math.floor(random() * vocabulary.length)] ?? word) : word)),
      }));
      if (own.length === 0) continue;
      chunks.push(...own);
      documents.push({ ...doc, id: docId, title: copy === 0 ? doc.title : `${doc.title} — bản ${copy}`, text: own.map((c) => c.text).join('\n\n') });
    }
  }
  return { documents, chunks };
}
