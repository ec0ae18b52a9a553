import { expect } from 'vitest';
import type { Answer } from '../../src/answer/types';
import type { DocumentSource } from '../../src/app/document-source';
import { HEADING_SEPARATOR } from '../../src/chunk';

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
 * document, read back from the index store (not from the answer itself), and the citation's
 * locator places it: for a legal text the cited chunk's locator or that narrowed to the quoted
 * khoản or điểm ("Điều 2, khoản 6" for chunk "Điều 2"); for another document the cited chunk's
 * section and the paragraphs quoted ("<heading>, đoạn 3", or "Đoạn 3" without a heading).
 */
export async function expectVerbatim(answer: Answer, documents: DocumentSource): Promise<void> {
  const pieces = quotedPieces(answer);
  expect(pieces.length).toBeGreaterThan(0);
  for (const { quote, n } of pieces) {
    const citation = answer.citations.find((c) => c.n === n);
    expect(citation, `[${n}] names a citation`).toBeDefined();
    if (citation === undefined) continue;
    expect(citation.passage).toContain(quote);
    const chunks = await documents.getChunks(citation.docId);
    const cited = chunks.find((c) => c.id === citation.chunkId);
    expect(cited, `${citation.chunkId} is a chunk of ${citation.docId}`).toBeDefined();
    if (cited === undefined) continue;
    // Chunks of one source that share no locator prefix are cited as "A; B".
    const locators = citation.locator.split('; ');
    if (cited.kind === 'legal') {
      expect(locators.some((l) => l.startsWith(cited.locator) || cited.locator.startsWith(l)), `${citation.locator} places ${cited.locator}`).toBe(true);
    } else {
      expect(citation.locator).toMatch(/(?:^|, )[đĐ]oạn \d/);
      if (cited.headingPath.length > 0) expect(citation.locator).toContain(cited.headingPath.join(HEADING_SEPARATOR));
    }
    expect(chunks.some((c) => c.text.includes(quote)), `"${quote.slice(0, 60)}…" is in ${citation.docId}`).toBe(true);
  }
}
