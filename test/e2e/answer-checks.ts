import { expect } from 'vitest';
import type { Answer } from '../../src/answer/types';
import type { DocumentSource } from '../../src/server/document-source';

/**
 * The quoted pieces of an extractive answer with their `[n]`: the text is a sequence of "quote [n]"
 * separated by blank lines (out-of-force notices aside; none of these documents is out of force).
 * Throws on anything else, so an answer with an unquoted sentence fails the test that reads it.
 */
export function quotedPieces(answer: Answer): Array<{ quote: string; n: number }> {
  const pieces: Array<{ quote: string; n: number }> = [];
  let rest = answer.text;
  for (let guard = 0; rest !== '' && guard < 50; guard++) {
    const m = /^([\s\S]*?) \[(\d+)\](?:\n\n|$)/.exec(rest);
    if (m?.[1] === undefined || m[2] === undefined) throw new Error(`answer has text outside "quote [n]": ${JSON.stringify(rest.slice(0, 120))}`);
    pieces.push({ quote: m[1], n: Number(m[2]) });
    rest = rest.slice(m[0].length);
  }
  return pieces;
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
