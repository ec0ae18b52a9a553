/**
 * Vietnamese text handling, shared by indexing and querying alike. Nothing else in the project
 * matches text on its own: every comparison goes through these functions.
 */
export { normalizeText, normalizeToneMarks } from './normalize';
export { foldDiacritics } from './fold';
export { syllables, bigrams, analyzeForIndex, type AnalyzedText } from './tokenize';
export { splitSentences, type Span } from './sentences';
export { findDocNumbers, normalizeDocNumber, docNumberKey, matchDocNumbers, type DocNumberMatch } from './doc-number';
export { findArticleRefs, findInDocumentRefs, type ArticleRef, type LocatedArticleRef } from './article-ref';
export { OCR_NUMBER_LABEL, repairOcrDocNumber } from './ocr-doc-number';
export { wordSpans, isAccentFree, type WordSpan } from './word-spans';
export { capitalisedRuns, startsSentence } from './capitalised-runs';
export { isVietnameseSyllable } from './syllable-shape';
export { PLACE_KEYS, PLACE_NAMES, PLACE_SYLLABLES, sequenceKeys, type PlaceKeys } from './place-names';
export { phraseList, findPhrases, phraseAt, type PhraseList, type PhraseMatch } from './phrase-list';
export { termSets, type TermSets } from './term-sets';
export { classedTerms, MAX_UNIT_NAME_WORDS, MAX_LOWER_UNIT_NAME_WORDS, type ClassedTerm, type ClassedTermsOptions } from './term-classes';
