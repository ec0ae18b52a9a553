import type { AnswerUnit } from './answer-units';

/** A whole legal unit longer than this (characters) is quoted by its paragraph around the answer instead. */
export const MAX_EVIDENCE_CHARS = 1600;

/** A quoted piece of a chunk: always `chunk.text.slice(start, end)`. */
export interface EvidenceQuote {
  text: string;
  start: number;
  end: number;
}

const LIST_ITEM = /^\s*(?:[a-zđ]\)|\d+(?:\.\d+)*[.)]|[-+•–*])\s/u;
/** "6. " / "a) " opening a khoản or điểm: the locator says which, so the quote starts after it. */
const UNIT_NUMBER = /^(?:\d+[.)]|[a-zđ]\))\s+/u;

/**
 * The evidence an answer quotes for one chosen unit: the whole legal unit it stands in (a khoản
 * chunk with all its điểm, without the article heading the chunk repeats), or — in other documents,
 * and for a legal unit too long to quote — the paragraph around it with the list items that follow
 * a paragraph ending in ":". Starts at the unit's own words: the leading "6." or "a)" of a single
 * khoản or điểm is dropped (the citation names it: see `makeCitation`), and the quote never starts
 * inside a sentence.
 */
export function evidenceQuote(unit: AnswerUnit): EvidenceQuote {
  const { chunk } = unit.passage;
  const text = chunk.text;
  const bodyLength = Math.max(0, Math.min(text.length, chunk.end - chunk.start));
  let start = text.length - bodyLength;
  let end = text.length;
  if (chunk.kind !== 'legal' || end - start > MAX_EVIDENCE_CHARS || unit.start < start) {
    ({ start, end } = paragraphAround(text, unit.start, unit.end));
  }
  while (start < end && /\s/.test(text.charAt(start))) start++;
  // A heading line the quote would open with ("Điều 20. Điều kiện…"): the citation names it already.
  for (const heading of chunk.headingPath) {
    const h = heading.trim();
    if (h !== '' && text.startsWith(h, start) && /^\s*\n/.test(text.slice(start + h.length, start + h.length + 3)) && unit.start >= start + h.length) {
      start += h.length;
      while (start < end && /\s/.test(text.charAt(start))) start++;
    }
  }
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  // Only a single khoản or điểm: a quote of several keeps its "1." beside the "2." that follows.
  const number = UNIT_NUMBER.exec(text.slice(start, end));
  const sameLevel = number !== null && (/^\d/.test(number[0]) ? /\n\s*\d+[.)]\s/ : /\n\s*[a-zđ]\)\s/u).test(text.slice(start, end));
  if (number !== null && !sameLevel && end - start > number[0].length) start += number[0].length;
  return { text: text.slice(start, end), start, end };
}

/** The lines of the paragraph holding [from, to), widened over a list the paragraph introduces. */
function paragraphAround(text: string, from: number, to: number): { start: number; end: number } {
  let start = text.lastIndexOf('\n\n', from);
  start = start < 0 ? 0 : start + 2;
  let end = text.indexOf('\n\n', to);
  end = end < 0 ? text.length : end;
  // "… gồm:" then items on the lines (or paragraphs) after it.
  if (!/:\s*$/.test(text.slice(start, end))) return { start, end };
  for (let guard = 0; guard < 50 && end < text.length; guard++) {
    const nextStart = end + 2;
    let nextEnd = text.indexOf('\n\n', nextStart);
    nextEnd = nextEnd < 0 ? text.length : nextEnd;
    if (!LIST_ITEM.test(text.slice(nextStart, nextEnd))) break;
    end = nextEnd;
    if (nextEnd - start > MAX_EVIDENCE_CHARS) break;
  }
  return { start, end };
}
