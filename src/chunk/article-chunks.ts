import type { ChunkDraft } from './draft';
import type { LegalArticle, LegalPoint } from './legal-structure';
import { packPieces, splitOversize, type Piece } from './pack-pieces';

/** A khoản's lead-in ("… trong các trường hợp sau đây:") is repeated in its điểm chunks up to this share of `articleMaxChars`. */
const LEAD_SHARE = 0.25;

interface Unit {
  locator: string;
  start: number;
  end: number;
  points: readonly LegalPoint[];
}

/**
 * One chunk for an article up to `articleMaxChars`; otherwise one per khoản ("Điều 20, khoản 2"),
 * and a khoản still longer than that one per run of điểm ("Điều 5, khoản 1, điểm a–c", packed up
 * to `articleMaxChars`), then per run of sentences. Every chunk's text starts with the article
 * heading line; a điểm chunk also repeats the khoản's lead-in when it is short. The first chunk's
 * body starts at the heading, so the article's introduction is never dropped.
 */
export function chunkArticle({ text, article, articleMaxChars }: { text: string; article: LegalArticle; articleMaxChars: number }): ChunkDraft[] {
  const base = `Điều ${article.number}`;
  let units: Unit[];
  if (article.end - article.start <= articleMaxChars) units = [{ locator: base, start: article.start, end: article.end, points: [] }];
  else if (article.clauses.length > 0) {
    units = article.clauses.map((c, i) => ({ locator: `${base}, khoản ${c.number}`, start: i === 0 ? article.start : c.start, end: c.end, points: c.points }));
  } else units = [{ locator: base, start: article.start, end: article.end, points: article.points }];
  return units.flatMap((unit) => chunkUnit({ text, article, unit, maxChars: articleMaxChars }));
}

function chunkUnit({ text, article, unit, maxChars }: { text: string; article: LegalArticle; unit: Unit; maxChars: number }): ChunkDraft[] {
  const headingPath = [...article.divisions, article.heading];
  const firstPoint = unit.points[0];
  const draft = (locator: string, start: number, end: number): ChunkDraft => {
    const prefix: string[] = start > article.start ? [article.heading] : [];
    if (firstPoint && start >= firstPoint.start) {
      const lead = text.slice(Math.max(unit.start, article.headingEnd), firstPoint.start).trim();
      if (lead && lead.length <= maxChars * LEAD_SHARE) prefix.push(lead);
    }
    return { locator, headingPath, text: [...prefix, text.slice(start, end)].join('\n\n'), start, end, kind: 'legal' };
  };
  if (unit.end - unit.start <= maxChars) return [draft(unit.locator, unit.start, unit.end)];
  if (!firstPoint) {
    const pieces = splitOversize({ text, start: unit.start, end: unit.end, maxChars, unit: 0 });
    return packPieces({ text, pieces, maxChars }).map((g) => draft(unit.locator, g.start, g.end));
  }
  const pieces: Piece[] = unit.points.flatMap((p, i) =>
    splitOversize({ text, start: i === 0 ? unit.start : p.start, end: p.end, maxChars, unit: i }),
  );
  return packPieces({ text, pieces, maxChars }).map((g) => {
    const from = unit.points[pieces[g.first]?.unit ?? 0]?.letter ?? '';
    const to = unit.points[pieces[g.last]?.unit ?? 0]?.letter ?? from;
    return draft(`${unit.locator}, điểm ${from === to ? from : `${from}–${to}`}`, g.start, g.end);
  });
}
