import type { ArticleRef } from '../text/index';
import type { SpellingCorrection } from '../text/spelling/repair';

/** What the question was understood as, for `troly search --explain` and "Đã hiểu là: …" in the chat. */
export interface QueryUnderstanding {
  /** The question as the user typed it (normalised: NFC, one tone placement). */
  original: string;
  /** The words that were searched, in order: corrected, without scaffolding, before expansions. */
  searched: string;
  /** The documents the question names; retrieval is restricted to them when any was found. */
  documents: Array<{ docIds: string[]; titles: string[]; typed: string; how: 'name' | 'doc-number' | 'type-number' }>;
  /**
   * How the named documents were used: `filter` (only their chunks were searched), `lookup` (the
   * article named was looked up in them), `boost` (their passages matched the question much worse
   * than others, so the mention was taken as incidental and only raised their rank), `none`.
   */
  documentUse: 'filter' | 'lookup' | 'boost' | 'none';
  /** "Điều N" / "khoản M" references; with a document, they are looked up directly. */
  articles: ArticleRef[];
  /** Words replaced: chat code ("ko" → "không"), Telex left-overs, misspellings. */
  corrections: Array<{ from: string; to: string; reason: 'chat-code' | SpellingCorrection['reason'] }>;
  /** Phrases searched beside what was typed: abbreviations both ways, everyday → legal words. */
  expansions: Array<{ from: string; to: string; kind: 'abbreviation' | 'everyday' }>;
  /** Question scaffolding not searched ("cho em hỏi", "như thế nào", "đúng hay sai"). */
  dropped: string[];
  /**
   * Words searched beside the question because its first results use them (pseudo-relevance
   * feedback), lowest weight; they do not count as a change of the question (`changed`).
   */
  feedback?: string[];
  /** True when anything above changed what is searched (the chat then says how it understood). */
  changed: boolean;
}

/** Which parts of query understanding run: all by default; the benchmark turns each off alone. */
export interface UnderstandingOptions {
  scaffolding: boolean;
  chatCode: boolean;
  spelling: boolean;
  abbreviations: boolean;
  everyday: boolean;
  /** Weight of expansion terms (abbreviations, everyday → legal) relative to typed ones, 0–1. */
  expansionWeight: number;
  /** Named documents restrict the search ("filter"), add to the score ("boost"), or are ignored. */
  documents: 'filter' | 'boost' | 'off';
  /** Pseudo-relevance feedback (`feedbackTerms`): words of the first results searched beside the question. */
  feedback: boolean;
}

export const DEFAULT_UNDERSTANDING: Readonly<UnderstandingOptions> = Object.freeze({
  scaffolding: true,
  chatCode: true,
  spelling: true,
  abbreviations: true,
  everyday: true,
  expansionWeight: 0.5,
  documents: 'filter',
  feedback: false,
});
