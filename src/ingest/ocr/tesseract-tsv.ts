import { STRUCTURAL_START } from '../pdf-text';

/** The text and confidence tesseract read from one page. */
export interface RecognizedPage {
  /** Lines of a paragraph joined as in `pageText`; paragraphs separated by a blank line. */
  text: string;
  /** Mean word confidence, 0–100 (0 when no word was read). */
  confidence: number;
  words: number;
}

interface OcrLine {
  key: string;
  paragraph: string;
  words: string[];
  left: number;
  right: number;
}

/** A line reaching this share of the page's widest line was wrapped, not ended (as in `pdf-text`). */
const FULL_LINE = 0.85;
/** A line starting further right than this share of the text width is centred (a title) or a signature block: never wrapped. */
const INDENT_LIMIT = 0.08;

/**
 * Reads tesseract's TSV output (one row per block, paragraph, line and word, with boxes and
 * confidences). Words of a line are joined with spaces; a line that starts at the left margin and
 * reaches the text width was wrapped and continues on the next unless that one opens a unit of its own ("Điều 5.", "2.", "a)");
 * tesseract's paragraphs are separated by a blank line.
 */
export function parseTesseractTsv(tsv: string): RecognizedPage {
  const lines: OcrLine[] = [];
  let confidenceSum = 0;
  let words = 0;
  for (const row of tsv.split('\n')) {
    const cells = row.split('\t');
    if (cells.length < 12 || cells[0] !== '5') continue;
    const text = (cells.slice(11).join('\t') ?? '').trim();
    const confidence = Number(cells[10]);
    if (text === '' || !Number.isFinite(confidence) || confidence < 0) continue;
    const [, pageNum, block, par, line] = cells;
    const left = Number(cells[6]);
    const width = Number(cells[8]);
    const key = `${pageNum}.${block}.${par}.${line}`;
    let current = lines[lines.length - 1];
    if (current === undefined || current.key !== key) {
      current = { key, paragraph: `${pageNum}.${block}.${par}`, words: [], left, right: left + width };
      lines.push(current);
    }
    current.words.push(text);
    current.left = Math.min(current.left, left);
    current.right = Math.max(current.right, left + width);
    confidenceSum += confidence;
    words++;
  }
  return { text: joinLines(lines), confidence: words === 0 ? 0 : confidenceSum / words, words };
}

function joinLines(lines: readonly OcrLine[]): string {
  if (lines.length === 0) return '';
  const textLeft = Math.min(...lines.map((l) => l.left));
  const textRight = Math.max(...lines.map((l) => l.right));
  const fullAt = textLeft + (textRight - textLeft) * FULL_LINE;
  const indentAt = textLeft + (textRight - textLeft) * INDENT_LIMIT;
  let out = lines[0]?.words.join(' ') ?? '';
  for (let i = 1; i < lines.length; i++) {
    const previous = lines[i - 1];
    const line = lines[i];
    if (previous === undefined || line === undefined) continue;
    const text = line.words.join(' ');
    if (line.paragraph !== previous.paragraph) out += '\n\n';
    else if (previous.right >= fullAt && previous.left <= indentAt && !STRUCTURAL_START.test(text)) out += ' ';
    else out += '\n';
    out += text;
  }
  return out;
}
