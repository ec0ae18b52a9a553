import { classedTerms, foldDiacritics, isAccentFree, isVietnameseSyllable, phraseAt, wordSpans, type WordSpan } from '../text';
import { ASPECT_PHRASES, QUESTION_PHRASES } from './follow-up-vocabulary';
import { questionQualifiers } from './qualifiers';
import { isFunctionWord } from './question-vocabulary';

/**
 * A value a question is pinned to, as a follow-up can swap it: a lexicon alternative ("cố định" /
 * "di động"), a place or unit, a year, a technology, a number with its unit ("90 tuổi").
 */
interface Term {
  group: string;
  key: string;
  head?: string;
  /** With diacritics, when known (a lexicon phrase, a place). */
  written?: string;
  /** Words `[from, to)` the term accounts for ("năm 2023": both). */
  from: number;
  to: number;
  /** Characters that are swapped: the whole term, or only the year or the number in it. */
  start: number;
  end: number;
}

interface Edit {
  start: number;
  end: number;
  insert: string;
}

/**
 * The previous question with the follow-up's values put in place of the values of the same class
 * that it names ("Tốc độ băng rộng cố định …" + "còn di động thì sao?" → "Tốc độ băng rộng di
 * động …"; "… năm 2022 …" + "năm 2023 thì sao?" → "… năm 2023 …"), or undefined unless every
 * content word of the follow-up is in the previous question or in a swapped value: a follow-up
 * that says more than a swap is resolved otherwise (appended, as before).
 *
 * `content` are the follow-up's content words (markers and asking words removed), spans of
 * `wordSpans(text)`. The counterpart of a unit is preferably one with the same head ("quận …" for
 * "quận …"), else the last of its class; a run of two or more content words that differs from a
 * run of the previous question in exactly one syllable ("cấp tỉnh" / "cấp huyện") swaps too.
 */
export function substituteTerms({ previous, text, content }: { previous: string; text: string; content: readonly WordSpan[] }): string | undefined {
  const words = wordSpans(text);
  const before = wordSpans(previous);
  const inContent = new Set(content.map((w) => w.start));
  const fresh = termsOf(text, words).filter((t) => words.slice(t.from, t.to).some((w) => inContent.has(w.start)));
  const old = termsOf(previous, before);
  const same = (a: Term, b: Term): boolean => a.group === b.group && a.key === b.key;
  const covered = new Set<number>();
  const cover = (t: { from: number; to: number }): void => words.slice(t.from, t.to).forEach((w) => covered.add(w.start));
  const edits: Edit[] = [];
  const used = new Set<Term>();
  // One spelling per question, or its analysis matches half of it: a value typed without
  // diacritics goes into an accented question as written (when known), and into an accent-free
  // question without them.
  const previousAccentFree = isAccentFree(previous);
  const typedAccentFree = isAccentFree(text);
  let mixed = false;
  const insertOf = (typed: string, written: string | undefined): string => {
    if (previousAccentFree) return foldDiacritics(typed);
    if (!typedAccentFree || written !== undefined) return written ?? typed;
    mixed ||= /\p{L}/u.test(typed);
    return typed;
  };
  for (const t of fresh) {
    if (old.some((o) => same(o, t))) {
      cover(t);
      continue;
    }
    const candidates = old.filter((o) => o.group === t.group && !used.has(o) && !fresh.some((f) => same(f, o)));
    const pick = candidates.filter((c) => t.head !== undefined && c.head === t.head).pop() ?? candidates.pop();
    if (pick === undefined) continue;
    used.add(pick);
    edits.push({ start: pick.start, end: pick.end, insert: insertOf(text.slice(t.start, t.end), typedAccentFree ? t.written : undefined) });
    cover(t);
  }
  const known = new Set(before.map((w) => w.folded));
  const isNew = (w: WordSpan): boolean => !covered.has(w.start) && !known.has(w.folded);
  for (const run of contentRuns(content, words)) {
    const window = oneSyllableApart(run, before, isNew);
    if (window === undefined || edits.some((e) => e.start < window.end && window.start < e.end)) continue;
    edits.push({ ...window, insert: insertOf(text.slice(run[0]?.start, run[run.length - 1]?.end), undefined) });
    run.forEach((w) => covered.add(w.start));
  }
  if (edits.length === 0 || content.some(isNew)) return undefined;
  let out = previous;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = `${out.slice(0, e.start)}${e.insert}${out.slice(e.end)}`;
  return mixed ? foldDiacritics(out) : out;
}

/** The terms of a question: classed terms from the text module, and its years, technologies and numbers. */
function termsOf(text: string, words: readonly WordSpan[]): Term[] {
  const accentFree = isAccentFree(text);
  const stopsAt = (at: number): boolean => {
    const w = words[at];
    if (w === undefined || isFunctionWord(w, accentFree) || !isVietnameseSyllable(w.text)) return true;
    return [QUESTION_PHRASES, ASPECT_PHRASES].some((list) => phraseAt({ words, list, folded: accentFree, at }) > at);
  };
  const breakBefore = (at: number): boolean => {
    const [a, b] = [words[at - 1], words[at]];
    return a !== undefined && b !== undefined && /[,.;:?!()%]/u.test(text.slice(a.end, b.start));
  };
  const terms: Term[] = classedTerms({ words, accentFree, stopsAt, breakBefore }).map((t) => ({
    group: t.group,
    key: t.key,
    ...(t.head === undefined ? {} : { head: t.head }),
    ...(t.written === undefined ? {} : { written: t.written }),
    from: t.from,
    to: t.to,
    start: (words[t.from] as WordSpan).start,
    end: (words[t.to - 1] as WordSpan).end,
  }));
  const kinds = new Map(questionQualifiers(text).map((q) => [q.key, q.kind]));
  words.forEach((w, i) => {
    const kind = kinds.get(w.folded);
    if (kind === undefined || kind === 'ordinal' || terms.some((t) => t.from <= i && i < t.to)) return;
    const unit = words[i + 1];
    // "năm 2023" is one term; the number of "90 tuổi" swaps with another number of years of age.
    const from = kind === 'year' && words[i - 1]?.folded === 'nam' ? i - 1 : i;
    const group = kind === 'number' ? `number:${unit === undefined || breakBefore(i + 1) ? '' : unit.folded}` : kind;
    terms.push({ group, key: w.folded, from, to: i + 1, start: w.start, end: w.end });
  });
  return terms.sort((a, b) => a.from - b.from);
}

/** Maximal runs of content words adjacent in the follow-up. */
function contentRuns(content: readonly WordSpan[], words: readonly WordSpan[]): WordSpan[][] {
  const index = new Map(words.map((w, i) => [w.start, i]));
  const runs: WordSpan[][] = [];
  let previousIndex = -2;
  for (const w of content) {
    const i = index.get(w.start) ?? -2;
    if (i === previousIndex + 1 && runs.length > 0) (runs[runs.length - 1] as WordSpan[]).push(w);
    else runs.push([w]);
    previousIndex = i;
  }
  return runs;
}

/**
 * A run of the previous question as long as `run` (two words or more) that differs from it in
 * exactly one syllable, a new one of the follow-up (`isNew`), as a span.
 */
function oneSyllableApart(run: readonly WordSpan[], before: readonly WordSpan[], isNew: (w: WordSpan) => boolean): { start: number; end: number } | undefined {
  if (run.length < 2) return undefined;
  for (let i = before.length - run.length; i >= 0; i--) {
    const window = before.slice(i, i + run.length);
    const differing = run.filter((w, k) => w.folded !== window[k]?.folded);
    if (differing.length === 1 && differing.every(isNew)) return { start: (window[0] as WordSpan).start, end: (window[window.length - 1] as WordSpan).end };
  }
  return undefined;
}
