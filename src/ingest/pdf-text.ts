/** One positioned run of text from a PDF page (the subset of pdfjs' TextItem used here). */
export interface PdfTextRun {
  str: string;
  /** Transformation matrix: [4] is x, [5] is y (PDF y grows upwards). */
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

interface Line {
  text: string;
  y: number;
  right: number;
  height: number;
}

/** A gap between lines wider than this many line spacings starts a new paragraph. */
const PARAGRAPH_GAP = 1.3;
/** A line reaching this share of the page's text width was wrapped, not ended. */
const FULL_LINE = 0.85;
/** Lines that start a unit of their own even right after a full line: Điều/Chương/Mục, "1.", "a)", bullets. Also used for OCR lines. */
export const STRUCTURAL_START = /^(?:(?:Điều|Chương|Mục|Phần)\s+[\dIVXLC]+|\d+(?:\.\d+)*[.)]\s|[a-zđ][)]\s|[-+•–]\s)/u;

function toLines(runs: readonly PdfTextRun[]): Line[] {
  const lines: Line[] = [];
  let current: Line | undefined;
  let endedLine = true;
  for (const run of runs) {
    const x = run.transform[4] ?? 0;
    const y = run.transform[5] ?? 0;
    const sameLine = current !== undefined && !endedLine && Math.abs(current.y - y) < Math.max(1, run.height) * 0.5;
    if (current === undefined || !sameLine) {
      current = { text: run.str, y, right: x + run.width, height: run.height };
      lines.push(current);
    } else {
      const gap = x - current.right;
      const needsSpace = gap > run.height * 0.15 && !/\s$/.test(current.text) && !/^\s/.test(run.str);
      current.text += (needsSpace ? ' ' : '') + run.str;
      current.right = Math.max(current.right, x + run.width);
      current.height = Math.max(current.height, run.height);
    }
    endedLine = run.hasEOL;
  }
  return lines.filter((line) => line.text.trim() !== '');
}

/**
 * Rebuilds the paragraphs of one PDF page from its text runs: runs on one baseline form a line; a
 * line that fills the text width was wrapped and continues on the next (joined with a space,
 * because the sentence splitter treats a line break as a sentence end) unless the next line opens
 * a unit of its own ("Điều 5.", "2.", "a)", "-"); a wider vertical gap starts a new paragraph.
 */
export function pageText(runs: readonly PdfTextRun[]): string {
  const lines = toLines(runs);
  if (lines.length === 0) return '';
  const gaps = lines.slice(1).map((line, i) => (lines[i]?.y ?? 0) - line.y).filter((gap) => gap > 0);
  const lineSpacing = gaps.length > 0 ? Math.min(...gaps.filter((gap) => gap >= (lines[0]?.height ?? 0) * 0.5), Infinity) : Infinity;
  const maxRight = Math.max(...lines.map((line) => line.right));
  let out = lines[0]?.text.trim() ?? '';
  for (let i = 1; i < lines.length; i++) {
    const previous = lines[i - 1];
    const line = lines[i];
    if (previous === undefined || line === undefined) continue;
    const gap = previous.y - line.y;
    if (Number.isFinite(lineSpacing) && gap > lineSpacing * PARAGRAPH_GAP) out += '\n\n';
    else if (previous.right >= maxRight * FULL_LINE && !STRUCTURAL_START.test(line.text.trim())) out += ' ';
    else out += '\n';
    out += line.text.trim();
  }
  return out;
}
