/** A piece of a text with its offsets: `text === source.slice(start, end)`. */
export interface Span {
  text: string;
  start: number;
  end: number;
}

/** Splits into sentences, keeping "TP.", "27,9%", "11.345", "03-NQ/TU", "1/7" intact. */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  const re = /[^.!?\n]+(?:[.!?]+|\n|$)/g;
  for (const m of text.matchAll(re)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) spans.push({ text: trimmed, start: (m.index ?? 0) + lead, end: (m.index ?? 0) + lead + trimmed.length });
  }
  return spans;
}
