import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/config';
import { DEFAULT_TUNABLES } from '../../src/config/tunables';
import type { Answer, Citation } from '../../src/answer/types';
import type { AnswerTunables } from '../../src/answer/extractive-answer';
import type { RetrievalResult } from '../../src/retrieve/types';
import { loadPrompts } from '../../src/prompts/catalog';
import { articleChunks, chunksWith, loadDocument } from './passages';

/** The real prompts of the project. */
export const prompts = loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') });
export const tunables: AnswerTunables = { ...DEFAULT_TUNABLES };

/** Real documents: two Hải Phòng articles (seeds) and the Luật Cư trú (ALQAC 2023). */
export const seedInfra = loadDocument({ path: 'seeds/001_60a69803b382fdd1.txt' });
export const seedNews = loadDocument({ path: 'seeds/004_012a46c6ea1aeca1.txt' });
export const seedConference = loadDocument({ path: 'seeds/000_99db268e7380c84f.txt' });
export const cuTru = loadDocument({ path: 'bench/alqac2023/laws/luat-cu-tru.md', meta: { docNumber: '68/2020/QH14', docType: 'Luật', inForce: true } });

type Doc = ReturnType<typeof loadDocument>;

/** Passages of a document: the chunks containing `needle`. */
export function withText(doc: Doc, needle: string): Array<{ chunk: Doc['chunks'][number]; doc: Doc['doc'] }> {
  return chunksWith(doc.chunks, needle).map((chunk) => ({ chunk, doc: doc.doc }));
}

/** Passages of a law: the chunks of `Điều n`. */
export function article(doc: Doc, n: number): Array<{ chunk: Doc['chunks'][number]; doc: Doc['doc'] }> {
  return articleChunks(doc.chunks, n).map((chunk) => ({ chunk, doc: doc.doc }));
}

/** Every passage of a document, in order. */
export function all(doc: Doc): Array<{ chunk: Doc['chunks'][number]; doc: Doc['doc'] }> {
  return doc.chunks.map((chunk) => ({ chunk, doc: doc.doc }));
}

/**
 * The quoted sentences of an answer with their `[n]`, from its data. Throws when a sentence cites
 * no source or more than one, so an unquoted sentence fails the test that reads it.
 */
export function quotesOf(answer: Answer): Array<{ quote: string; n: number }> {
  return answer.sentences.map((s) => {
    const [n, ...more] = s.cites;
    if (n === undefined || more.length > 0) throw new Error(`sentence does not cite exactly one source: ${JSON.stringify(s)}`);
    return { quote: s.text, n };
  });
}

/** The chunk texts a citation stands for, from the retrieval result that produced it. */
export function citedTexts(citation: Citation, retrieval: RetrievalResult): string[] {
  return retrieval.passages.filter((p) => p.doc.id === citation.docId).map((p) => p.chunk.text);
}
