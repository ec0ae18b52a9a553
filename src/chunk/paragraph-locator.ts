import { HEADING_SEPARATOR, paragraphLocator } from './section-chunks';
import { detectSections, type Paragraph } from './section-structure';

/**
 * Where stretches of a non-legal document stand, as an official reads it: its section heading and
 * the paragraph within that section ("II. NHIỆM VỤ › 1. Hạ tầng số, đoạn 3"), or the paragraph of the
 * document when it has no heading ("Đoạn 3"), not the range of paragraphs a chunk happens to span.
 * Uses the chunker's own structure (`detectSections`), so the numbers are the chunker's paragraphs. Paragraphs of several
 * sections are listed section by section, joined with "; ".
 */
export function createParagraphLocator(text: string): (ranges: ReadonlyArray<{ start: number; end: number }>) => string | undefined {
  const { paragraphs } = detectSections({ text });
  const firstOfSection = new Map<number, number>();
  for (const p of paragraphs) if (!firstOfSection.has(p.section)) firstOfSection.set(p.section, p.number);
  const within = (p: Paragraph): number => p.number - (firstOfSection.get(p.section) ?? p.number) + 1;
  return (ranges) => {
    const touched = paragraphs.filter((p) => ranges.some(({ start, end }) => p.start < Math.max(end, start + 1) && start < p.end));
    if (touched.length === 0) return undefined;
    const groups: Paragraph[][] = [];
    for (const p of touched) {
      const last = groups[groups.length - 1];
      if (last !== undefined && last[0]?.section === p.section) last.push(p);
      else groups.push([p]);
    }
    return groups
      .map((group) => {
        const headingPath = group[0]?.headingPath ?? [];
        if (headingPath.length === 0) return `Đoạn ${numberList(group.map((p) => p.number))}`;
        return `${headingPath.join(HEADING_SEPARATOR)}, đoạn ${numberList(group.map(within))}`;
      })
      .join('; ');
  };
}

/** "1, 4" or "2–3" or "1–3, 6": ascending numbers with runs joined as `paragraphLocator` writes them. */
function numberList(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    runs.push(paragraphLocator(sorted[i] ?? 0, sorted[j] ?? 0).replace(/^Đoạn /, ''));
    i = j + 1;
  }
  return runs.join(', ');
}
