import { isSentenceEnd } from './sentence-boundary';

/** A piece of a text with its offsets: `text === source.slice(start, end)`. */
export interface Span {
  text: string;
  start: number;
  end: number;
}

const LINE_RE = /[^\r\n\u2028\u2029]+/g;
// A run of terminators, then closing quotes/brackets, then the whitespace before the next sentence.
const TERMINATOR_RE = /([.!?…]+["'”’»)\]]*)(\s+|$)/g;

/**
 * Splits a text into sentences with exact offsets into it. Every line break ends a sentence (headings,
 * list items "a)", "1." and table rows stay whole); within a line ".", "!", "?", "…" end one only when
 * followed by whitespace and not by a lower-case word, and "." not after an abbreviation ("TP.",
 * "Tp.", "PGS.TS.") or a heading/list number at the start of the line ("Điều 5.", "1.", "II.").
 * Numbers and codes ("27,9%", "11.345", "1/7", "03-NQ/TU", "TP.HCM", "v.v" inside) never split.
 * Spans are trimmed of surrounding whitespace; blank lines produce none.
 */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  for (const line of text.matchAll(LINE_RE)) {
    const lineText = line[0];
    let from = 0;
    for (const m of lineText.matchAll(TERMINATOR_RE)) {
      const terminator = m[1] ?? '';
      const end = m.index + terminator.length;
      const next = end + (m[2] ?? '').length;
      const before = lineText.slice(0, m.index);
      if (!isSentenceEnd({ before, terminator, after: lineText.slice(next) })) continue;
      pushTrimmed(spans, text, line.index + from, line.index + end);
      from = next;
    }
    pushTrimmed(spans, text, line.index + from, line.index + lineText.length);
  }
  return spans;
}

function pushTrimmed(spans: Span[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text.charAt(s))) s++;
  while (e > s && /\s/.test(text.charAt(e - 1))) e--;
  if (e > s) spans.push({ text: text.slice(s, e), start: s, end: e });
}
