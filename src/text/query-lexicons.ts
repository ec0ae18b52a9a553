import { z } from 'zod';
import { readLexiconFile } from './lexicon-file';
import { normalizeText } from './normalize';
import { PhraseTable, phraseKey } from './phrase-table';
import { syllables } from './tokenize';

/** A scaffolding phrase ("cho em hỏi", "đúng hay sai"): dropped from what is searched. */
export interface ScaffoldingEntry {
  phrase: string;
  /** Syllables with their diacritics, for entries matched only as typed with them ("ạ"). */
  exact?: string[];
  where: 'start' | 'end' | 'any';
}

/** A chat-code syllable ("ko", "dc") and the word it stands for. */
export interface ChatCodeEntry {
  code: string;
  meaning: string;
  /** The code is left alone right after this syllable (without diacritics). */
  notAfter?: string;
}

/** An abbreviation and its full form, both as phrases. */
export interface AbbreviationEntry {
  abbreviation: string;
  full: string;
}

/** An abbreviation entry as found in a question: typed abbreviated (expand) or in full (abbreviate). */
export type AbbreviationMatch = AbbreviationEntry & { direction: 'expand' | 'abbreviate' };

/** An everyday phrase and the legal phrase searched beside it. */
export interface EverydayEntry {
  everyday: string;
  legal: string;
  sense: string;
  applies: string;
}

const text = z.string().min(1, 'is empty');
const lexiconUrl = (name: string) => new URL(`./lexicon/${name}`, import.meta.url);

export interface QueryLexicons {
  scaffolding: PhraseTable<ScaffoldingEntry>;
  chatCode: Map<string, ChatCodeEntry>;
  /** Both directions: abbreviation → full and full → abbreviation. */
  abbreviations: PhraseTable<AbbreviationMatch>;
  everyday: PhraseTable<EverydayEntry>;
}

function load(): QueryLexicons {
  const scaffolding = readLexiconFile({
    url: lexiconUrl('scaffolding.tsv'),
    row: z.object({ phrase: text, match: z.enum(['folded', 'exact']), where: z.enum(['start', 'end', 'any']) }),
  }).map((r) => ({ key: phraseKey(r.phrase), value: { phrase: normalizeText(r.phrase), where: r.where, ...(r.match === 'exact' ? { exact: syllables(r.phrase) } : {}) } }));
  const chat = readLexiconFile({
    url: lexiconUrl('chat-code.tsv'),
    row: z.object({ code: text, meaning: text, guard: z.union([z.literal(''), z.string().regex(/^not-after:\S+$/, 'must be empty or not-after:<syllable>')]) }),
  });
  const abbreviations = readLexiconFile({ url: lexiconUrl('abbreviations.tsv'), row: z.object({ abbreviation: text, full: text }) });
  const everyday = readLexiconFile({ url: lexiconUrl('everyday-legal.tsv'), row: z.object({ everyday: text, legal: text, sense: text, applies: text }) });
  return {
    scaffolding: new PhraseTable(scaffolding),
    chatCode: new Map(chat.map((r) => [r.code, { code: r.code, meaning: normalizeText(r.meaning), ...(r.guard === '' ? {} : { notAfter: r.guard.slice('not-after:'.length) }) }])),
    abbreviations: new PhraseTable<AbbreviationMatch>(
      abbreviations.flatMap((r) => {
        const entry = { abbreviation: normalizeText(r.abbreviation), full: normalizeText(r.full) };
        return [
          { key: phraseKey(r.abbreviation), value: { ...entry, direction: 'expand' as const } },
          { key: phraseKey(r.full), value: { ...entry, direction: 'abbreviate' as const } },
        ];
      }),
    ),
    everyday: new PhraseTable(everyday.map((r) => ({ key: phraseKey(r.everyday), value: { ...r, everyday: normalizeText(r.everyday), legal: normalizeText(r.legal) } }))),
  };
}

let cached: QueryLexicons | undefined;

/** The lexicons of `src/text/lexicon/`, read and checked once. */
export function queryLexicons(): QueryLexicons {
  cached ??= load();
  return cached;
}
