import { foldDiacritics } from '../src/text/index';

/** Character error counts of a recognised text against its source. */
export interface CharErrors {
  /** Source characters (after whitespace is collapsed). */
  chars: number;
  /** Levenshtein edits (substitutions + insertions + deletions). */
  edits: number;
  /** Edits left when both sides are compared without diacritics. */
  foldedEdits: number;
  /** Source characters that carry a diacritic (ă â đ ê ô ơ ư or a tone mark). */
  diacriticChars: number;
  /** Of those, aligned to the same base letter with a wrong or missing diacritic. */
  diacriticErrors: number;
}

/** NFC, whitespace collapsed to single spaces: line breaks and paragraph gaps are layout, not characters. */
export const comparable = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim();

const hasDiacritic = (ch: string): boolean => foldDiacritics(ch) !== ch;

/**
 * Aligns `hypothesis` to `reference` (Levenshtein, full backtrace; fine for a page of ≈ 3,000
 * characters) and counts the edits, the edits that remain without diacritics, and the diacritic
 * errors: source letters with a diacritic aligned to the same base letter written differently.
 */
export function charErrors(reference: string, hypothesis: string): CharErrors {
  const ref = [...comparable(reference)];
  const hyp = [...comparable(hypothesis)];
  const n = ref.length;
  const m = hyp.length;
  const width = m + 1;
  const cost = new Uint32Array((n + 1) * width);
  for (let j = 0; j <= m; j++) cost[j] = j;
  for (let i = 1; i <= n; i++) {
    cost[i * width] = i;
    for (let j = 1; j <= m; j++) {
      const sub = (cost[(i - 1) * width + j - 1] ?? 0) + (ref[i - 1] === hyp[j - 1] ? 0 : 1);
      const del = (cost[(i - 1) * width + j] ?? 0) + 1;
      const ins = (cost[i * width + j - 1] ?? 0) + 1;
      cost[i * width + j] = Math.min(sub, del, ins);
    }
  }
  let diacriticErrors = 0;
  for (let i = n, j = m; i > 0 || j > 0; ) {
    const here = cost[i * width + j] ?? 0;
    if (i > 0 && j > 0 && here === (cost[(i - 1) * width + j - 1] ?? 0) + (ref[i - 1] === hyp[j - 1] ? 0 : 1)) {
      const r = ref[i - 1] ?? '';
      const h = hyp[j - 1] ?? '';
      if (r !== h && hasDiacritic(r) && foldDiacritics(r).toLowerCase() === foldDiacritics(h).toLowerCase()) diacriticErrors++;
      i--;
      j--;
    } else if (i > 0 && here === (cost[(i - 1) * width + j] ?? 0) + 1) i--;
    else j--;
  }
  return {
    chars: n,
    edits: cost[n * width + m] ?? 0,
    foldedEdits: levenshtein([...foldDiacritics(ref.join(''))], [...foldDiacritics(hyp.join(''))]),
    diacriticChars: ref.filter(hasDiacritic).length,
    diacriticErrors,
  };
}

function levenshtein(a: readonly string[], b: readonly string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min((previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1), (previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1);
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Sums of counts over pages. */
export function addErrors(list: readonly CharErrors[]): CharErrors {
  return list.reduce((a, b) => ({ chars: a.chars + b.chars, edits: a.edits + b.edits, foldedEdits: a.foldedEdits + b.foldedEdits, diacriticChars: a.diacriticChars + b.diacriticChars, diacriticErrors: a.diacriticErrors + b.diacriticErrors }), { chars: 0, edits: 0, foldedEdits: 0, diacriticChars: 0, diacriticErrors: 0 });
}
