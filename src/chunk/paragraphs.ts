import { splitLines } from './lines';
import type { Range } from './legal-structure';

const SENTENCE_END = /[.!?…:;]["”’)]*$/;

/** A run of non-blank lines of `text`, `[start, end)` from its first to its last non-blank character. */
export interface Block extends Range {
  lines: string[];
}

/**
 * Splits `text[from, to)` into paragraphs: blocks separated by blank lines, and also lines that end
 * a sentence followed by a line that starts one (texts that put one paragraph per line, with no
 * blank lines; a hard-wrapped line that happens to end a sentence only makes one more paragraph).
 * A Markdown heading line ("## Tên") is always a block of its own.
 */
export function splitBlocks({ text, from = 0, to = text.length }: { text: string; from?: number; to?: number }): Block[] {
  const blocks: Block[] = [];
  let open: Block | undefined;
  for (const line of splitLines(text, from, to)) {
    const markdownHeading = /^#{1,6}\s/.test(line.text);
    const last = open?.lines[open.lines.length - 1];
    if (!line.text || markdownHeading || (last && SENTENCE_END.test(last) && !/^\p{Ll}/u.test(line.text))) open = undefined;
    if (!line.text) continue;
    if (open) {
      open.end = line.end;
      open.lines.push(line.text);
    } else {
      open = { start: line.start, end: line.end, lines: [line.text] };
      blocks.push(open);
    }
    if (markdownHeading) open = undefined;
  }
  return blocks;
}
