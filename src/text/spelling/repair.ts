import { foldDiacritics } from '../fold';
import { decodeTelex } from './telex';
import { accentVariants, confusionVariants, editVariants } from './variants';

/** How many chunks hold a term (syllable or "a_b" bigram) in one view of the index. */
export type TermFrequency = (term: string, view: 'accented' | 'folded') => number;

/** One syllable the repair changed, and why. */
export interface SpellingCorrection {
  /** Token position in the question's syllables. */
  position: number;
  from: string;
  to: string;
  reason: 'telex' | 'unknown-word' | 'context';
}

/** Tunables of the repair, with their defaults. */
export interface SpellingOptions {
  /**
   * A syllable the corpus contains is replaced only when a candidate's bigram support (chunks with
   * the candidate next to the neighbours) is at least this many times the typed one's (plus one).
   * Default 20: "tạm chú" (no chunk) → "tạm trú" (thousands), while rare but real pairs stay.
   */
  contextRatio: number;
  /** Least bigram support a context correction needs. Default 5 chunks. */
  contextMinimum: number;
}

export const DEFAULT_SPELLING_OPTIONS: Readonly<SpellingOptions> = Object.freeze({ contextRatio: 20, contextMinimum: 5 });

// Least share of a candidate's chunks where it stands next to the neighbour (doubled for edits).
const MIN_ASSOCIATION = 0.05;

// A one-letter edit needs this many times `contextMinimum` of bigram support (edits reach far).
const EDIT_SUPPORT_FACTOR = 4;

// Candidate classes, cheapest first; a candidate's support is divided by its cost.
const COST = { accent: 1, confusion: 2, edit: 4 } as const;

/**
 * Repairs the syllables of a question against the corpus vocabulary, Vietnamese-aware:
 * - Telex left-overs ("thur tucj" → "thủ tục") when the decoded syllable is in the corpus;
 * - a syllable the corpus never uses: the candidate that best fits its neighbours among its other
 *   diacritics ("nhiêu"), confusable spellings (ch/tr, s/x, d/gi/r, l/n, i/y, n/ng, t/c) and, with
 *   bigram support only, one-letter edits ("bao nhiu" → "bao nhiêu");
 * - a syllable the corpus does use, only when it forms no bigram the corpus has with a neighbour
 *   and a diacritics or confusion variant does, `contextRatio` times more ("tạm chú" → "tạm trú",
 *   "nhũng người" → "những người"). A pair the corpus contains is never changed.
 * `accented` says which view the tokens are in: lower-case syllables with diacritics, or without
 * (then candidates are compared without diacritics too). Tokens at `protect` (codes, numbers,
 * abbreviations) and tokens with digits or of one letter are left alone.
 */
export function repairSpelling({ tokens, accented, frequency, protect = new Set(), options = DEFAULT_SPELLING_OPTIONS }: {
  tokens: readonly string[];
  accented: boolean;
  frequency: TermFrequency;
  protect?: ReadonlySet<number>;
  options?: Readonly<SpellingOptions>;
}): { tokens: string[]; corrections: SpellingCorrection[] } {
  const view = accented ? 'accented' : 'folded';
  const inView = (t: string) => (accented ? t : foldDiacritics(t));
  const df = (t: string) => frequency(t, view);
  const out = [...tokens];
  const corrections: SpellingCorrection[] = [];
  const skip = (i: number) => protect.has(i) || /\d/.test(out[i] ?? '') || (out[i] ?? '').length < 2;
  // Pass 1: Telex, needing no context.
  out.forEach((t, i) => {
    if (skip(i) || df(t) > 0) return;
    const decoded = decodeTelex(foldDiacritics(t) === t ? t : '');
    if (decoded !== undefined && df(inView(decoded)) > 0) {
      out[i] = inView(decoded);
      corrections.push({ position: i, from: t, to: out[i] ?? '', reason: 'telex' });
    }
  });
  // Pass 2: context, left to right (a repaired left neighbour helps the next syllable).
  for (let i = 0; i < out.length; i++) {
    if (skip(i)) continue;
    const t = out[i] ?? '';
    const left = i > 0 ? out[i - 1] : undefined;
    const right = i + 1 < out.length ? out[i + 1] : undefined;
    const pairs = (c: string) => [left === undefined ? -1 : frequency(`${left}_${c}`, view), right === undefined ? -1 : frequency(`${c}_${right}`, view)];
    const support = (c: string) => pairs(c).reduce((s, p) => s + Math.max(p, 0), 0);
    const known = df(t) > 0;
    if (known && (left === undefined && right === undefined)) continue;
    if (known && pairs(t).every((p) => p !== 0)) continue;
    const telex = known ? undefined : decodeTelex(foldDiacritics(t) === t ? t : '');
    const basis = telex === undefined ? t : inView(telex);
    const candidates = new Map<string, number>();
    const add = (c: string, cost: number) => {
      if (c === t || df(c) === 0) return;
      if ((candidates.get(c) ?? Infinity) > cost) candidates.set(c, cost);
    };
    if (accented) for (const c of accentVariants(basis)) add(c, COST.accent);
    for (const c of confusionVariants(basis)) add(c, COST.confusion);
    if (accented) for (const c of confusionVariants(foldDiacritics(basis))) for (const v of accentVariants(c)) add(v, COST.confusion + COST.accent);
    if (!known) {
      for (const e of editVariants(foldDiacritics(basis))) {
        if (frequency(e, 'folded') === 0) continue;
        if (accented) for (const v of accentVariants(e)) add(v, COST.edit);
        else add(e, COST.edit);
      }
    }
    // Replacing a word the corpus has needs a candidate that fits every neighbour the corpus knows;
    // an unknown syllable's candidate must fit one neighbour, typically (association), edits more so.
    const neighbours = [left, right].filter((n) => n !== undefined && df(n) > 0).length;
    let best: { term: string; score: number; support: number } | undefined;
    for (const [c, cost] of candidates) {
      const sides = pairs(c);
      const s = support(c);
      const fitting = sides.filter((p) => p > 0).length;
      const needed = known ? neighbours : Math.min(neighbours, 1);
      if (s < options.contextMinimum * (cost === COST.edit ? EDIT_SUPPORT_FACTOR : 1) || fitting < needed) continue;
      // The neighbour must be typical of the candidate, not merely frequent ("đâu không" is not "đảm không").
      if (!known && Math.max(...sides) / df(c) < (cost === COST.edit ? 2 : 1) * MIN_ASSOCIATION) continue;
      const score = s / cost;
      if (best === undefined || score > best.score) best = { term: c, score, support: s };
    }
    if (best === undefined) continue;
    if (known && best.support < options.contextRatio * (support(t) + 1)) continue;
    out[i] = best.term;
    corrections.push({ position: i, from: t, to: best.term, reason: known ? 'context' : 'unknown-word' });
  }
  return { tokens: out, corrections };
}
