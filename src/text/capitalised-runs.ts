import type { WordSpan } from './word-spans';

/** A capitalised word: upper-case first letter, then lower-case letters only ("Nẵng"; not "UBND", "I" or "5G"). */
const TITLE_CASE = /^\p{Lu}\p{Ll}+$/u;
/** Characters after which a word starts a sentence or a heading line, so its capital says nothing alone. */
const SENTENCE_END = /[.?!:;…"“”«(\n–-]/u;

/**
 * The runs of adjacent capitalised words of a text — Vietnamese writes names with every syllable
 * capitalised: "Đà Nẵng", "Bộ Giáo dục" (→ "Bộ Giáo"), "Nguyễn Mạnh Hùng". A sentence's first word
 * is capitalised anyway, so it starts a run only when the next word is capitalised too ("Hải Phòng
 * đứng thứ mấy…", not "Tốc độ…"). Abbreviations are left out: documents spell them out ("UBND" /
 * "Ủy ban nhân dân"). `words` are the `wordSpans` of `text`.
 */
export function capitalisedRuns({ words, text }: { words: readonly WordSpan[]; text: string }): WordSpan[][] {
  const runs: WordSpan[][] = [];
  let run: WordSpan[] = [];
  const flush = (): void => {
    const [first] = run;
    if (run.length > 1 || (first !== undefined && !startsSentence(text, first))) runs.push(run);
    run = [];
  };
  words.forEach((w, i) => {
    const previous = words[i - 1];
    const adjacent = previous !== undefined && run[run.length - 1] === previous && text.slice(previous.end, w.start).trim() === '';
    if (!adjacent || !TITLE_CASE.test(w.text)) flush();
    if (!TITLE_CASE.test(w.text)) return;
    // A capitalised word right after a sentence start is a new run: "… tại Hải Phòng. Tổng số …".
    if (run.length > 0 && startsSentence(text, w)) flush();
    run.push(w);
  });
  flush();
  return runs;
}

/** True when only spaces separate the word from the start of the text or from a sentence end. */
export function startsSentence(text: string, word: WordSpan): boolean {
  let i = word.start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\u00A0')) i--;
  return i < 0 || SENTENCE_END.test(text.charAt(i));
}
