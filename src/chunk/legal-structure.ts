import { classifyLegalLine, isUpperCaseLine, POINT_LETTERS, stripMarks } from './legal-lines';
import { splitLines, type Line } from './lines';

/** A stretch `[start, end)` of the document text, from its first to its last non-blank character. */
export interface Range {
  start: number;
  end: number;
}

/** An điểm: "a) …" up to the next điểm or khoản. */
export interface LegalPoint extends Range {
  letter: string;
}

/** A khoản: "1. …" up to the next khoản, with its điểm. */
export interface LegalClause extends Range {
  number: number;
  points: LegalPoint[];
}

/** A Phần (level 0), Chương (1), Mục (2) or Tiểu mục (3) heading, with its title line. */
export interface LegalDivision extends Range {
  level: number;
  /** "Chương II. ĐĂNG KÝ THƯỜNG TRÚ": the marker and the title, joined when they are on separate lines. */
  text: string;
  /** The divisions it sits under and itself, outermost first. */
  path: string[];
  /** Text between the heading and the next article or division, if any (rare: an introductory note). */
  body?: Range;
}

export interface LegalArticle extends Range {
  /** "20", "12a". */
  number: string;
  /** The heading line without Markdown marks: "Điều 20. Điều kiện đăng ký thường trú". */
  heading: string;
  headingEnd: number;
  /** The Phần/Chương/Mục/Tiểu mục headings the article sits under, outermost first. */
  divisions: string[];
  clauses: LegalClause[];
  /** Điểm directly under the article (only filled when it has no khoản). */
  points: LegalPoint[];
}

/** Most lines a division title in capitals may take under its "Chương II" marker. */
const MAX_TITLE_LINES = 3;

export interface LegalStructure {
  /** A leading Markdown title line ("# Luật Cư trú"): the document's title, not part of any chunk. */
  title?: Range;
  /** Text before the first article or division: issuing body, số hiệu, căn cứ. */
  preamble?: Range;
  divisions: LegalDivision[];
  articles: LegalArticle[];
  /** Text after the last article: "Luật này đã được Quốc hội … thông qua …", "Nơi nhận:", signatures. */
  closing?: Range;
}

/**
 * Finds the Phần/Chương/Mục/Điều/khoản/điểm structure of a legal text, or `undefined` when it has
 * fewer than `minArticles` article headings ("Điều N." at the start of a line). Two by default: a
 * news story may quote one "Điều 3." line, while every law, decree or decision has several articles.
 * Khoản must start at 1 and rise, điểm at "a)" and follow the alphabet, so a wrapped line that happens
 * to begin with "2020. " is not taken for a khoản.
 */
export function detectLegalStructure({ text, minArticles = 2 }: { text: string; minArticles?: number }): LegalStructure | undefined {
  const lines = splitLines(text).filter((l) => l.text);
  const kinds = lines.map((l) => classifyLegalLine(l.text));
  const lastArticle = kinds.map((k) => k.kind).lastIndexOf('article');
  if (kinds.filter((k) => k.kind === 'article').length < Math.max(1, minArticles)) return undefined;

  const result: LegalStructure = { divisions: [], articles: [] };
  const path: (string | undefined)[] = [];
  let article: LegalArticle | undefined;
  let clause: LegalClause | undefined;
  let point: LegalPoint | undefined;
  let first = 0;
  const firstLine = lines[0];
  if (firstLine && /^#\s/.test(firstLine.text) && kinds[0]?.kind === 'text') {
    result.title = { start: firstLine.start, end: firstLine.end };
    first = 1;
  }

  for (let i = first; i < lines.length; i++) {
    const line = lines[i] as Line;
    const kind = kinds[i] ?? { kind: 'text' };
    if (result.closing) {
      result.closing.end = line.end;
      continue;
    }
    const afterLast = i > lastArticle;
    if (afterLast && (kind.kind === 'closing' || kind.kind === 'division')) {
      result.closing = { start: line.start, end: line.end };
      continue;
    }
    if (kind.kind === 'division') {
      article = undefined;
      const marker = kind.marker.replace(/[\s.:\-–—]+$/, '');
      const titleLines: string[] = kind.title ? [kind.title] : [];
      let end = line.end;
      // A title in capitals may follow on its own lines: "Chương I" / "NHỮNG QUY ĐỊNH CHUNG".
      for (let next = lines[i + 1]; !kind.title && next && titleLines.length < MAX_TITLE_LINES; next = lines[i + 1]) {
        if (kinds[i + 1]?.kind !== 'text' || !isUpperCaseLine(next.text)) break;
        titleLines.push(stripMarks(next.text));
        end = next.end;
        i++;
      }
      const title = titleLines.join(' ');
      const heading = title ? `${marker}. ${title}` : marker;
      path.length = kind.level;
      path[kind.level] = heading;
      const division: LegalDivision = { level: kind.level, text: heading, path: defined(path), start: line.start, end };
      result.divisions.push(division);
      continue;
    }
    if (kind.kind === 'article') {
      const divisions = defined(path);
      article = { number: kind.number, heading: kind.heading, start: line.start, headingEnd: line.end, end: line.end, divisions, clauses: [], points: [] };
      clause = undefined;
      point = undefined;
      result.articles.push(article);
      continue;
    }
    if (!article) {
      if (result.articles.length === 0 && result.divisions.length === 0) {
        result.preamble = { start: result.preamble?.start ?? line.start, end: line.end };
      }
      else {
        const division = result.divisions[result.divisions.length - 1];
        if (division) division.body = { start: division.body?.start ?? line.start, end: line.end };
      }
      continue;
    }
    article.end = line.end;
    if (kind.kind === 'clause' && follows(kind.number - 1, clause ? clause.number - 1 : -1)) {
      clause = { number: kind.number, start: line.start, end: line.end, points: [] };
      point = undefined;
      article.clauses.push(clause);
      continue;
    }
    if (kind.kind === 'point' && follows(kind.order, point ? POINT_LETTERS.indexOf(point.letter) : -1)) {
      point = { letter: kind.letter, start: line.start, end: line.end };
      (clause ?? article).points.push(point);
    }
    if (clause) clause.end = line.end;
    if (point) point.end = line.end;
  }
  return result;
}

/**
 * A khoản or điểm continues its list when it is the next one, or skips one (a repealed unit left out);
 * the first must be the first (1 or "a)"), so a stray "5. " line inside a paragraph is not a khoản.
 */
function follows(index: number, previous: number): boolean {
  if (previous < 0) return index === 0;
  return index === previous + 1 || index === previous + 2;
}

function defined(path: readonly (string | undefined)[]): string[] {
  return path.filter((d): d is string => d !== undefined);
}
