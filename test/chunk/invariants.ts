import type { Chunk } from '../../src/chunk/index';

/**
 * The checks every chunking must pass, as a list of problems (empty when all hold): bodies are exact,
 * trimmed slices of the text and end the chunk text, chunks are in order with unique ids and
 * ordinals, and every non-whitespace character outside all bodies is on a heading line that the
 * next chunk's heading path names, or on the title line.
 */
export function chunkProblems({ text, chunks, title }: { text: string; chunks: readonly Chunk[]; title?: string }): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const covered = new Uint8Array(text.length);
  chunks.forEach((c, i) => {
    if (c.ordinal !== i) problems.push(`${c.id}: ordinal ${c.ordinal}, expected ${i}`);
    if (ids.has(c.id)) problems.push(`${c.id}: duplicate id`);
    ids.add(c.id);
    const body = text.slice(c.start, c.end);
    if (!body.trim() || body !== body.trim()) problems.push(`${c.id}: body is empty or not trimmed`);
    if (!c.text.endsWith(body)) problems.push(`${c.id}: text does not end with its body`);
    const prev = chunks[i - 1];
    if (prev && (c.start < prev.start || c.end <= prev.end)) problems.push(`${c.id}: out of order after ${prev.id}`);
    covered.fill(1, c.start, c.end);
  });
  let lineStart = 0;
  for (const raw of text.split('\n')) {
    const lineEnd = lineStart + raw.length;
    let uncovered = false;
    for (let pos = lineStart; pos < lineEnd && !uncovered; pos++) uncovered = covered[pos] === 0 && /\S/.test(text.charAt(pos));
    if (uncovered) {
      const line = raw.trim().replace(/^#{1,6}\s+/, '');
      const following = chunks.find((c) => c.start >= lineEnd);
      const named = following?.headingPath.some((h) => h.includes(line)) ?? false;
      if (!named && raw.trim() !== title) problems.push(`uncovered line: ${JSON.stringify(line)}`);
    }
    lineStart = lineEnd + 1;
  }
  return problems;
}

/** The article number a legal locator names ("Điều 12a, khoản 2" → "12a"), if any. */
export function articleOf(locator: string): string | undefined {
  return /^Điều (\d+[a-z]?)(?:,|$)/.exec(locator)?.[1];
}
