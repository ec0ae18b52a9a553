import { docNumberKey, findDocNumbers } from '../text/index';
import { phraseKey } from '../text/phrase-table';
import { typeNumberKey, type DocumentCatalog } from './document-catalog';

/** A document the question names, as understood. */
export interface DocumentReference {
  /** The documents it can be (one, or the versions/numbers that fit a partial reference). */
  docIds: string[];
  /** What in the question named it ("Luật Cư trú", "BLDS", "100/2019/NĐ-CP", "nghị định 126 năm 2020"). */
  typed: string;
  how: 'name' | 'doc-number' | 'type-number';
}

/** A partial reference matching more documents than this names none of them. */
export const MAX_REFERENCE_DOCUMENTS = 10;

const TYPE_KEYS = ['bo luat', 'luat', 'nghi dinh', 'nghi quyet', 'thong tu lien tich', 'thong tu', 'quyet dinh', 'chi thi', 'phap lenh'].map((t) => t.split(' '));

/**
 * The documents of the catalog a question names: by full số hiệu in any spelling
 * ("100/2019/nd-cp"); by name — title or short name, abbreviations expanded ("BLDS" → "bộ luật
 * dân sự"), with or without the year ("Luật Đất đai 2024"); by type and number with an optional
 * year ("Nghị định 126 năm 2020", "thông tư 35"). `folded` are the question's syllables without
 * diacritics, `expanded` the same with single-syllable abbreviations replaced by their full form.
 */
export function findDocumentReferences({ text, folded, expanded, catalog }: {
  text: string;
  folded: readonly string[];
  expanded: ReadonlyArray<{ token: string; from: number }>;
  catalog: DocumentCatalog;
}): DocumentReference[] {
  const refs: DocumentReference[] = [];
  const add = (ref: DocumentReference) => {
    if (ref.docIds.length === 0 || ref.docIds.length > MAX_REFERENCE_DOCUMENTS) return;
    if (refs.some((r) => r.docIds.join() === ref.docIds.join())) return;
    refs.push(ref);
  };
  for (const number of findDocNumbers(text)) add({ docIds: catalog.byNumberKey.get(docNumberKey(number)) ?? [], typed: number, how: 'doc-number' });
  const tokens = expanded.map((e) => e.token);
  for (const m of catalog.names.matches(tokens)) {
    const from = expanded[m.start]?.from ?? 0;
    const to = (expanded[m.end - 1]?.from ?? from) + 1;
    add({ docIds: m.entry.value.docIds, typed: folded.slice(from, to).join(' '), how: 'name' });
  }
  for (let i = 0; i < folded.length; i++) {
    const type = TYPE_KEYS.find((t) => t.every((w, j) => folded[i + j] === w));
    if (type === undefined) continue;
    let j = i + type.length;
    if (folded[j] === 'so') j++;
    const number = folded[j];
    if (number === undefined || !/^\d{1,4}$/.test(number)) continue;
    let end = j + 1;
    let year: number | undefined;
    const next = folded[end] === 'nam' ? folded[end + 1] : folded[end];
    if (next !== undefined && /^(19|20)\d\d$/.test(next)) {
      year = Number(next);
      end += folded[end] === 'nam' ? 2 : 1;
    }
    const key = typeNumberKey(type.join(' '), Number(number), year);
    add({ docIds: catalog.byTypeNumber.get(key) ?? [], typed: folded.slice(i, end).join(' '), how: 'type-number' });
  }
  return refs;
}

/** Key form of a name as the catalog compares it (for tests and explanations). */
export const referenceKey = (name: string) => phraseKey(name).join(' ');
