import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/config';
import { DEFAULT_TUNABLES } from '../../src/config/tunables';
import type { Answer, Citation } from '../../src/answer/types';
import type { AnswerTunables } from '../../src/answer/extractive-answer';
import type { RetrievalResult } from '../../src/retrieve/types';
import { loadPrompts } from '../../src/prompts/catalog';
import { outOfForceNotices } from '../../src/answer/out-of-force';
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
 * The quoted sentences of an answer with their `[n]`: the body (the text without its
 * out-of-force notices) is a sequence of "quote [n]" separated by blank lines. Throws when the
 * body has anything else, so an answer with an unquoted sentence fails the test that reads it.
 */
export function quotesOf(answer: Answer): Array<{ quote: string; n: number }> {
  const notices = outOfForceNotices({ prompts, citations: answer.citations });
  const body = notices.length === 0 ? answer.text : answer.text.slice(0, answer.text.length - notices.join('\n').length).trimEnd();
  const quotes: Array<{ quote: string; n: number }> = [];
  let rest = body;
  for (let guard = 0; rest !== '' && guard < 100; guard++) {
    const m = /^([\s\S]*?) \[(\d+)\](?:\n\n|$)/.exec(rest);
    if (m === null || m[1] === undefined) throw new Error(`answer body has text outside "quote [n]": ${JSON.stringify(rest.slice(0, 120))}`);
    quotes.push({ quote: m[1], n: Number(m[2]) });
    rest = rest.slice(m[0].length);
  }
  return quotes;
}

/** The chunk texts a citation stands for, from the retrieval result that produced it. */
export function citedTexts(citation: Citation, retrieval: RetrievalResult): string[] {
  return retrieval.passages.filter((p) => p.doc.id === citation.docId).map((p) => p.chunk.text);
}
