import type { Range } from './legal-structure';
import { splitBlocks, type Block } from './paragraphs';

/** A paragraph of a non-legal document with the headings above it. */
export interface Paragraph extends Range {
  /** 1-based, counted over the whole document, for "Đoạn 3–5". */
  number: number;
  /** Index of the section (the run of paragraphs under one heading), so equal headings stay apart. */
  section: number;
  headingPath: string[];
}

export interface SectionStructure {
  /** The leading title line ("# Tên", or a first heading-like line): the document's title, not in any chunk. */
  title?: Range;
  paragraphs: Paragraph[];
}

/** A heading-like line is at most this long (≈ 25 syllables); a longer line reads as a paragraph. */
const HEADING_MAX_CHARS = 120;

/** Levels: Markdown 1–6, then heading-like lines under them, ranked by their numbering. */
const HEADING_LIKE_LEVEL = 10;
const NUMBERING: ReadonlyArray<RegExp> = [/^[IVXLC]+[.)]\s/, /^\d+[.)]\s/, /^\d+\.\d+[.)]?\s/, /^[a-zđ][.)]\s/];

/**
 * Finds headings and paragraphs in a non-legal document. Headings are Markdown `#` lines and
 * heading-like lines: a one-line block, short, with letters, without final punctuation, followed by
 * a paragraph or by another heading-like line ("Nâng cao nhận thức để dẫn dắt hành động"). A heading
 * with no paragraph after it anywhere is kept as a paragraph, so no text is lost.
 */
export function detectSections({
  text,
  from = 0,
  to = text.length,
  headings = true,
}: {
  text: string;
  from?: number;
  to?: number;
  /** False: every block is a paragraph (for the preamble of a legal text). */
  headings?: boolean;
}): SectionStructure {
  const blocks = splitBlocks({ text, from, to });
  const levels = headings ? headingLevels(blocks) : blocks.map(() => undefined);
  const lastParagraph = levels.lastIndexOf(undefined);
  for (let i = lastParagraph + 1; i < levels.length; i++) levels[i] = undefined;

  const result: SectionStructure = { paragraphs: [] };
  const stack: { level: number; text: string; block: Block; used: boolean }[] = [];
  let section = 0;
  const paragraph = (block: Block, headingPath: string[]) => {
    result.paragraphs.push({ start: block.start, end: block.end, number: result.paragraphs.length + 1, section, headingPath });
  };
  blocks.forEach((block, i) => {
    const level = levels[i];
    if (level === undefined) {
      paragraph(block, stack.map((h) => h.text));
      for (const h of stack) h.used = true;
      return;
    }
    section++;
    if (i === 0 && (level === 1 || level === HEADING_LIKE_LEVEL)) {
      result.title = { start: block.start, end: block.end };
      return;
    }
    const top = stack[stack.length - 1];
    // A heading-like line right under another one, with no text between, is its subtitle: nest it.
    const subtitle = top && !top.used && top.level >= HEADING_LIKE_LEVEL && level >= HEADING_LIKE_LEVEL;
    const orphans: { block: Block; headingPath: string[] }[] = [];
    while (!subtitle && (stack[stack.length - 1]?.level ?? -1) >= level) {
      const closed = stack.pop();
      if (closed && !closed.used) orphans.unshift({ block: closed.block, headingPath: stack.map((h) => h.text) });
    }
    // A heading with no text under it ("# A" right before "# B") would vanish: keep it as a paragraph.
    for (const orphan of orphans) {
      paragraph(orphan.block, orphan.headingPath);
      section++;
    }
    stack.push({ level, text: (block.lines[0] ?? '').replace(/^#{1,6}\s+/, ''), block, used: false });
  });
  return result;
}

/** The heading level of each block, `undefined` for a paragraph. */
function headingLevels(blocks: readonly Block[]): (number | undefined)[] {
  const levels: (number | undefined)[] = blocks.map((b) => {
    const first = b.lines[0] ?? '';
    const markdown = /^(#{1,6})\s/.exec(first);
    return markdown?.[1] ? markdown[1].length : undefined;
  });
  // A document whose author marked sections with Markdown headings (beyond its title) says where its
  // headings are; guessing more would turn photo captions and bylines into section names.
  if (levels.some((level, i) => i > 0 && level !== undefined)) return levels;
  // From the end, so "followed by a heading-like line" can look at the line after.
  for (let i = blocks.length - 2; i >= 0; i--) {
    const block = blocks[i];
    if (!block || levels[i] !== undefined || !isHeadingLike(block)) continue;
    const next = levels[i + 1];
    if (next === undefined || next >= HEADING_LIKE_LEVEL) levels[i] = headingLikeLevel(block.lines[0] ?? '');
  }
  return levels;
}

function isHeadingLike(block: Block): boolean {
  const line = block.lines[0] ?? '';
  return (
    block.lines.length === 1 &&
    line.length <= HEADING_MAX_CHARS &&
    /\p{L}/u.test(line) &&
    !/[.,;:!?…]$/.test(line) &&
    !/^[-+*•–—>|]/.test(line)
  );
}

function headingLikeLevel(line: string): number {
  const rank = NUMBERING.findIndex((re) => re.test(line));
  return HEADING_LIKE_LEVEL + rank + 1;
}
