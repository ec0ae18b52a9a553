import { findArticleRefs, matchDocNumbers, findPhrases, isAccentFree, wordSpans, type WordSpan } from '../text';
import { questionAnchors, type QuestionAnchor } from './question-anchors';
import { breaksBigrams, CUE_PHRASES, isFunctionWord, type QuestionCue } from './question-vocabulary';

/** A term of the question: a syllable, or two adjacent syllables joined with "_". */
export interface QuestionTerm {
  accented: string;
  folded: string;
  kind: 'syllable' | 'bigram';
}

/** What the sentence scorer needs to know about a question. */
export interface QuestionAnalysis {
  /** True when typed without any diacritic: then terms match accent-free only, at full weight. */
  accentFree: boolean;
  /** Content terms: syllables that are not function words; bigrams with a content side and no bigram breaker. */
  terms: QuestionTerm[];
  /** Tokens with digits ("2025", "03-nq/tu", "21"), lower-case and accent-free. */
  numbers: string[];
  /** Số hiệu the question names, as comparison keys (`docNumberKey`). */
  docNumbers: string[];
  /** "Điều N" numbers the question names. */
  articles: number[];
  cues: Set<QuestionCue>;
  /** Names and years the answer must be about (see `questionAnchors`). */
  anchors: QuestionAnchor[];
}

/** Cuts a question into the terms, numbers, references and cues that sentences are scored by. */
export function analyzeQuestion({ question }: { question: string }): QuestionAnalysis {
  const words = wordSpans(question);
  const accentFree = isAccentFree(question);
  const content = words.map((w) => !isFunctionWord(w, accentFree));
  const breaker = words.map((w) => breaksBigrams(w, accentFree));
  const terms: QuestionTerm[] = [];
  const seen = new Set<string>();
  const add = (term: QuestionTerm): void => {
    if (seen.has(term.folded)) return;
    seen.add(term.folded);
    terms.push(term);
  };
  words.forEach((w, i) => {
    if (content[i] === true) add({ accented: w.lower, folded: w.folded, kind: 'syllable' });
    const prev = words[i - 1];
    if (prev !== undefined && (content[i] === true || content[i - 1] === true) && breaker[i] !== true && breaker[i - 1] !== true) {
      add({ accented: `${prev.lower}_${w.lower}`, folded: `${prev.folded}_${w.folded}`, kind: 'bigram' });
    }
  });
  return {
    accentFree,
    terms,
    numbers: [...new Set(words.filter((w) => /\d/.test(w.folded)).map((w) => w.folded))],
    docNumbers: [...new Set(matchDocNumbers(question).map((m) => m.key))],
    articles: [...new Set(findArticleRefs(question).map((r) => r.article))],
    cues: detectCues(words, accentFree),
    anchors: questionAnchors({ question, accentFree }),
  };
}

function detectCues(words: readonly WordSpan[], accentFree: boolean): Set<QuestionCue> {
  const cues = new Set<QuestionCue>();
  for (const [cue, list] of Object.entries(CUE_PHRASES) as Array<[QuestionCue, (typeof CUE_PHRASES)[QuestionCue]]>) {
    if (findPhrases({ words, list, folded: accentFree }).length > 0) cues.add(cue);
  }
  return cues;
}
