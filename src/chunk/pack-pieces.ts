import { splitSentences } from '../text/index';
import { trimEnd, trimStart } from './lines';

/** A contiguous stretch of the document; `unit` is the index of the paragraph, khoản or điểm it comes from. */
export interface Piece {
  start: number;
  end: number;
  unit: number;
}

/** Consecutive pieces `first..last` packed into one chunk body `[start, end)`. */
export interface PieceGroup {
  start: number;
  end: number;
  first: number;
  last: number;
}

/**
 * Cuts `text[start, end)` into pieces of at most `maxChars`, at sentence ends where it can, so no
 * sentence is cut unless it alone exceeds `maxChars` (then at the last space that fits). Sentence
 * boundaries only choose the cuts: the pieces cover every non-whitespace character whatever the
 * sentence splitter returns.
 */
export function splitOversize({
  text,
  start,
  end,
  maxChars,
  unit,
}: {
  text: string;
  start: number;
  end: number;
  maxChars: number;
  unit: number;
}): Piece[] {
  let pos = trimStart(text, start, end);
  const stop = trimEnd(text, pos, end);
  const pieces: Piece[] = [];
  const cuts = splitSentences(text.slice(pos, stop)).map((s) => pos + s.end);
  let next = 0;
  while (pos < stop) {
    if (stop - pos <= maxChars) {
      pieces.push({ start: pos, end: stop, unit });
      break;
    }
    const limit = pos + maxChars;
    let cut = 0;
    while (next < cuts.length && (cuts[next] ?? 0) <= limit) {
      const c = cuts[next] ?? 0;
      if (c > pos) cut = c;
      next++;
    }
    if (cut <= pos) cut = hardCut(text, pos, limit);
    pieces.push({ start: pos, end: trimEnd(text, pos, cut), unit });
    pos = trimStart(text, cut, stop);
  }
  return pieces;
}

/** Last whitespace in `(pos, limit]`, or `limit` itself (never between the halves of a surrogate pair). */
function hardCut(text: string, pos: number, limit: number): number {
  for (let i = limit; i > pos; i--) if (/\s/.test(text.charAt(i))) return i;
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff && limit - 1 > pos ? limit - 1 : limit;
}

/**
 * Packs consecutive pieces greedily into bodies of at most `maxChars`. With `overlapChars > 0`, each
 * body after the first starts with the last whole sentences of the previous body that fit in
 * `overlapChars` (and in what `maxChars` leaves), never the whole previous body.
 */
export function packPieces({
  text,
  pieces,
  maxChars,
  overlapChars = 0,
}: {
  text: string;
  pieces: readonly Piece[];
  maxChars: number;
  overlapChars?: number;
}): PieceGroup[] {
  const groups: PieceGroup[] = [];
  let i = 0;
  while (i < pieces.length) {
    const first = pieces[i];
    if (!first) break;
    const prev = groups[groups.length - 1];
    // The overlap may reach back at most `overlapChars` into the previous body and must leave the
    // first piece room: the body from the overlap to the end of that piece stays within `maxChars`.
    const earliest = prev ? Math.max(prev.end - overlapChars, first.end - maxChars) : first.start;
    const start = prev && earliest < prev.end ? overlapStart({ text, prev, earliest, fallback: first.start }) : first.start;
    let last = i;
    for (let next = pieces[last + 1]; next && next.end - start <= maxChars; next = pieces[last + 1]) last++;
    groups.push({ start, end: pieces[last]?.end ?? first.end, first: i, last });
    i = last + 1;
  }
  return groups;
}

function overlapStart({ text, prev, earliest, fallback }: { text: string; prev: PieceGroup; earliest: number; fallback: number }): number {
  for (const s of splitSentences(text.slice(prev.start, prev.end))) {
    const at = prev.start + s.start;
    if (at > prev.start && at >= earliest) return at;
  }
  return fallback;
}
