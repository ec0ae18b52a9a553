/** A line of a text, trimmed: `text === source.slice(start, end)`; empty for a blank line. */
export interface Line {
  text: string;
  start: number;
  end: number;
}

/** Splits `text[from, to)` into lines whose offsets point at their non-blank content. */
export function splitLines(text: string, from = 0, to = text.length): Line[] {
  const lines: Line[] = [];
  let pos = from;
  while (pos <= to) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 || nl > to ? to : nl;
    const raw = text.slice(pos, lineEnd);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    const start = trimmed ? pos + lead : pos;
    lines.push({ text: trimmed, start, end: start + trimmed.length });
    if (lineEnd >= to) break;
    pos = lineEnd + 1;
  }
  return lines;
}

/** Offset just past the last non-whitespace character of `text[from, to)`, or `from` if there is none. */
export function trimEnd(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && /\s/.test(text.charAt(end - 1))) end--;
  return end;
}

/** Offset of the first non-whitespace character of `text[from, to)`, or `to` if there is none. */
export function trimStart(text: string, from: number, to: number): number {
  let start = from;
  while (start < to && /\s/.test(text.charAt(start))) start++;
  return start;
}
