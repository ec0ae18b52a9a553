import type { ChunkDraft } from './draft';
import { packPieces, splitOversize } from './pack-pieces';
import type { Paragraph } from './section-structure';

/** Joins a heading path into a locator: "Kế hoạch › I. MỤC ĐÍCH, YÊU CẦU". */
export const HEADING_SEPARATOR = ' › ';

/**
 * Packs paragraphs into chunks of at most `targetChars`, section by section (never across a
 * heading), each chunk after the first of a section starting with up to `overlapChars` of whole
 * sentences from the one before. The locator is the heading path, or "Đoạn 3–5" (the paragraphs the
 * chunk adds) when there is no heading, or `locator` when given.
 */
export function chunkParagraphs({
  text,
  paragraphs,
  targetChars,
  overlapChars,
  locator,
  kind = 'section',
}: {
  text: string;
  paragraphs: readonly Paragraph[];
  targetChars: number;
  overlapChars: number;
  locator?: string;
  kind?: ChunkDraft['kind'];
}): ChunkDraft[] {
  const drafts: ChunkDraft[] = [];
  for (const section of groupBySection(paragraphs)) {
    const pieces = section.flatMap((p) => splitOversize({ text, start: p.start, end: p.end, maxChars: targetChars, unit: p.number }));
    const headingPath = section[0]?.headingPath ?? [];
    for (const group of packPieces({ text, pieces, maxChars: targetChars, overlapChars })) {
      const from = pieces[group.first]?.unit ?? 0;
      const to = pieces[group.last]?.unit ?? from;
      drafts.push({
        locator: locator ?? (headingPath.length > 0 ? headingPath.join(HEADING_SEPARATOR) : paragraphLocator(from, to)),
        headingPath,
        text: text.slice(group.start, group.end),
        start: group.start,
        end: group.end,
        kind,
      });
    }
  }
  return drafts;
}

/** "Đoạn 3" or "Đoạn 3–5". */
export function paragraphLocator(from: number, to: number): string {
  return from === to ? `Đoạn ${from}` : `Đoạn ${from}–${to}`;
}

function groupBySection(paragraphs: readonly Paragraph[]): Paragraph[][] {
  const sections: Paragraph[][] = [];
  for (const p of paragraphs) {
    const last = sections[sections.length - 1];
    if (last && last[0]?.section === p.section) last.push(p);
    else sections.push([p]);
  }
  return sections;
}
