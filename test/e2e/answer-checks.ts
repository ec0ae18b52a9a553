import { expect } from 'vitest';
import type { Answer } from '../../src/answer/types';
import type { DocumentSource } from '../../src/app/document-source';

/**
 * The quoted pieces of an extractive answer with their `[n]`, from its sentences. Throws when a
 * sentence cites no source or several, so an unquoted sentence fails the test that reads it.
 */
export function quotedPieces(answer: Answer): Array<{ quote: string; n: number }> {
  return answer.sentences.map((s) => {
    const [n, ...more] = s.cites;
    if (n === undefined || more.length > 0) throw new Error(`sentence does not cite exactly one source: ${JSON.stringify(s)}`);
    return { quote: s.text, n };
  });
}

/**
 * Every quoted piece occurs verbatim in its citation's passage and in a chunk of the cited
 * document at the cited locator, read back from the index store (not from the answer itself).
 */
export async function expectVerbatim(answer: Answer, documents: DocumentSource): Promise<void> {
  const pieces = quotedPieces(answer);
  expect(pieces.length).toBeGreaterThan(0);
  for (const { quote, n } of pieces) {
    const citation = answer.citations.find((c) => c.n === n);
    expect(citation, `[${n}] names a citation`).toBeDefined();
    if (citation === undefined) continue;
    expect(citation.passage).toContain(quote);
    // Chunks of one source that share no locator prefix are cited as "A; B".
    const locators = citation.locator.split('; ');
    const chunks = (await documents.getChunks(citation.docId)).filter((c) => locators.some((l) => c.locator.startsWith(l)));
    expect(chunks.map((c) => c.id)).toContain(citation.chunkId);
    expect(chunks.some((c) => c.text.includes(quote)), `"${quote.slice(0, 60)}…" is in ${citation.docId} at ${citation.locator}`).toBe(true);
  }
}
