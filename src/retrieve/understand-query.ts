import type { LexicalIndex, LexicalQuery } from '../index/lexical-index';
import { bigrams, findArticleRefs, findDocNumbers, foldDiacritics, normalizeText, syllables } from '../text/index';
import type { PhraseMatch } from '../text/phrase-table';
import { queryLexicons } from '../text/query-lexicons';
import { repairSpelling } from '../text/spelling/repair';
import type { DocumentCatalog } from './document-catalog';
import { findDocumentReferences } from './document-references';
import type { QueryAnalysis } from './query-analysis';
import { DEFAULT_UNDERSTANDING, type QueryUnderstanding, type UnderstandingOptions } from './understanding';

/** A question analysed for search, with how it was understood and the documents it restricts to. */
export interface UnderstoodQuery extends QueryAnalysis {
  understood: QueryUnderstanding;
  /** Union of the named documents (empty: no restriction). */
  documentIds: string[];
  /**
   * The same query without the words that name the documents: inside a named document those
   * words match every heading, so only this query tells how well the document answers.
   */
  content: LexicalQuery;
}

interface Token {
  /** Lower-case syllable as typed (with diacritics when the user typed them). */
  text: string;
  /** Position in the typed question's syllables it came from. */
  from: number;
  /** Chat-code output and abbreviation syllables are not spelling-repaired. */
  protect: boolean;
  /** Part of the words naming a document. */
  reference?: boolean;
}

const isAscii = (s: string) => foldDiacritics(s) === s;

/**
 * Accepts a phrase match only where each syllable was typed without diacritics or with the
 * entry's own: "đẻ" is not "để", though both fold to "de".
 */
function typedAs<T>(tokens: readonly Token[], phraseOf: (value: T) => string): (m: PhraseMatch<T>) => boolean {
  return (m) => {
    const wanted = syllables(phraseOf(m.entry.value));
    return wanted.every((w, j) => {
      const typed = tokens[m.start + j]?.text ?? '';
      return isAscii(typed) || typed === w;
    });
  };
}

/**
 * Query understanding: the question as people type it → what the lexical index should search.
 * In order: chat code ("ko", "dc", "ntn"), spelling repair against the corpus vocabulary
 * (`repairSpelling`: Telex left-overs, tone slips, regional confusions), documents and articles
 * named ("Điều 31 Luật Cư trú", "BLDS", "Nghị định 100/2019"), question scaffolding dropped
 * ("cho em hỏi", "đúng hay sai", "như thế nào"), abbreviations both ways and everyday words
 * ("sổ đỏ") searched beside their legal form. Each step can be turned off (`options`) to measure it.
 */
export function understandQuery({ query, lexical, catalog, options = DEFAULT_UNDERSTANDING }: {
  query: string;
  lexical: Pick<LexicalIndex, 'documentFrequency'>;
  catalog: DocumentCatalog;
  options?: Readonly<UnderstandingOptions>;
}): UnderstoodQuery {
  const lex = queryLexicons();
  const text = normalizeText(query).trim();
  const hasDiacritics = foldDiacritics(text) !== text;
  const inView = (s: string) => (hasDiacritics ? s : foldDiacritics(s));
  const understood: QueryUnderstanding = { original: text, searched: text, documents: [], documentUse: 'none', articles: findArticleRefs(text).map((ref) => ({ ...ref })), corrections: [], expansions: [], dropped: [], changed: false };

  // 1. Chat code, syllable by syllable.
  const tokens: Token[] = [];
  syllables(text).forEach((t, i, all) => {
    const entry = options.chatCode && isAscii(t) ? lex.chatCode.get(t) : undefined;
    const previous = all[i - 1];
    if (entry === undefined || (entry.notAfter !== undefined && previous !== undefined && foldDiacritics(previous) === entry.notAfter)) {
      tokens.push({ text: t, from: i, protect: false });
      return;
    }
    const meaning = syllables(entry.meaning).map(inView);
    understood.corrections.push({ from: t, to: meaning.join(' '), reason: 'chat-code' });
    for (const m of meaning) tokens.push({ text: m, from: i, protect: true });
  });

  const folded = tokens.map((t) => foldDiacritics(t.text));

  // 2. Documents named (before anything else changes the words that name them).
  const inReference = new Set<number>();
  if (options.documents !== 'off') {
    const expanded = tokens.flatMap((t, i) => {
      const full = options.abbreviations ? lex.abbreviations.matches([folded[i] ?? '']).find((m) => m.entry.value.direction === 'expand') : undefined;
      return full === undefined ? [{ token: folded[i] ?? '', from: i }] : syllables(full.entry.value.full).map((s) => ({ token: foldDiacritics(s), from: i }));
    });
    for (const ref of findDocumentReferences({ text, folded, expanded, catalog })) {
      understood.documents.push({ ...ref, titles: ref.docIds.map((id) => catalog.documents.get(id)?.title ?? id) });
    }
    // The syllables of a reference are not scaffolding ("luật sư" in "Luật Sư …" aside).
    for (const doc of understood.documents) {
      const key = doc.typed.split(' ');
      for (let i = 0; i + key.length <= folded.length; i++) if (key.every((k, j) => folded[i + j] === k)) for (let j = 0; j < key.length; j++) inReference.add(i + j);
    }
  }

  // 3. Scaffolding.
  const drop = new Set<number>();
  if (options.scaffolding) {
    const matches = lex.scaffolding.matches(folded, (m) => {
      const exact = m.entry.value.exact;
      if (exact !== undefined && !exact.every((s, j) => tokens[m.start + j]?.text === s)) return false;
      for (let i = m.start; i < m.end; i++) if (inReference.has(i)) return false;
      return true;
    });
    let head = 0;
    for (const m of matches) {
      if (m.entry.value.where === 'start' && m.start !== head) continue;
      if (m.entry.value.where === 'start') head = m.end;
      if (m.entry.value.where !== 'end') for (let i = m.start; i < m.end; i++) drop.add(i);
    }
    // End-anchored phrases: only in the run of scaffolding that ends the question.
    let tail = folded.length;
    for (const m of [...matches].reverse()) {
      if (m.end !== tail || m.entry.value.where === 'start') break;
      for (let i = m.start; i < m.end; i++) drop.add(i);
      tail = m.start;
    }
    if (drop.size === tokens.length) drop.clear();
    for (const m of matches) if (drop.has(m.start)) understood.dropped.push(tokens.slice(m.start, m.end).map((t) => t.text).join(' '));
  }
  for (const i of inReference) {
    const t = tokens[i];
    if (t !== undefined) tokens[i] = { ...t, reference: true };
  }
  let kept = tokens.filter((_, i) => !drop.has(i));

  // 4. Spelling, against the index's vocabulary; abbreviations, codes and references are protected.
  if (options.spelling) {
    const protect = new Set<number>();
    const abbreviationKeys = lex.abbreviations.matches(kept.map((t) => foldDiacritics(t.text))).filter((m) => m.entry.value.direction === 'expand');
    for (const m of abbreviationKeys) for (let i = m.start; i < m.end; i++) protect.add(i);
    kept.forEach((t, i) => (t.protect || t.reference === true) && protect.add(i));
    const repaired = repairSpelling({ tokens: kept.map((t) => t.text), accented: hasDiacritics, frequency: (term, view) => lexical.documentFrequency({ term, view }), protect });
    for (const c of repaired.corrections) understood.corrections.push({ from: c.from, to: c.to, reason: c.reason });
    kept = kept.map((t, i) => ({ ...t, text: repaired.tokens[i] ?? t.text }));
  }
  const keptFolded = kept.map((t) => foldDiacritics(t.text));

  // 5. Expansions: searched beside the words typed, each phrase on its own (no bigram across).
  const segments: string[][] = [];
  if (options.abbreviations) {
    for (const m of lex.abbreviations.matches(keptFolded, typedAs(kept, (e) => (e.direction === 'expand' ? e.abbreviation : e.full)))) {
      const { abbreviation, full, direction } = m.entry.value;
      const other = direction === 'expand' ? full : abbreviation;
      understood.expansions.push({ from: kept.slice(m.start, m.end).map((t) => t.text).join(' '), to: other, kind: 'abbreviation' });
      segments.push(syllables(other).map(inView));
    }
  }
  if (options.everyday) {
    for (const m of lex.everyday.matches(keptFolded, typedAs(kept, (e) => e.everyday))) {
      understood.expansions.push({ from: kept.slice(m.start, m.end).map((t) => t.text).join(' '), to: m.entry.value.legal, kind: 'everyday' });
      segments.push(syllables(m.entry.value.legal).map(inView));
    }
  }

  const main = kept.map((t) => t.text);
  const all = [main, ...segments];
  const syl = all.flat();
  const bi = all.flatMap((s) => bigrams(s));
  const foldedAll = all.map((s) => s.map(foldDiacritics));
  understood.searched = main.join(' ');
  understood.changed = understood.corrections.length > 0 || understood.expansions.length > 0 || understood.dropped.length > 0 || understood.documents.length > 0;
  const docNumbers = findDocNumbers(text);
  // Terms only an expansion brings are searched at expansionWeight.
  const typed = new Set([...main, ...bigrams(main)].flatMap((t) => [t, foldDiacritics(t)]));
  const termWeights: Record<string, number> = {};
  for (const term of [...syl, ...bi, ...foldedAll.flat(), ...foldedAll.flatMap((s) => bigrams(s))]) if (!typed.has(term)) termWeights[term] = options.expansionWeight;
  const contentMain = kept.filter((t) => t.reference !== true).map((t) => t.text);
  const contentAll = [contentMain, ...segments];
  const content: LexicalQuery = {
    syllables: contentAll.flat(),
    bigrams: contentAll.flatMap((s) => bigrams(s)),
    foldedSyllables: contentAll.flat().map(foldDiacritics),
    foldedBigrams: contentAll.flatMap((s) => bigrams(s.map(foldDiacritics))),
    hasDiacritics,
    docNumbers: [],
    articles: [],
    termWeights,
  };
  return {
    text,
    content,
    syllables: syl,
    bigrams: bi,
    foldedSyllables: foldedAll.flat(),
    foldedBigrams: foldedAll.flatMap((s) => bigrams(s)),
    hasDiacritics,
    docNumbers,
    articleRefs: understood.articles,
    articles: [...new Set(understood.articles.map((r) => r.article))],
    termWeights,
    understood,
    documentIds: [...new Set(understood.documents.flatMap((d) => d.docIds))],
  };
}
