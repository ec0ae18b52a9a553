import type { Store } from '../index/store';
import { docNumberKey, findDocNumbers, foldDiacritics, normalizeText } from '../text/index';
import { PhraseTable, phraseKey } from '../text/phrase-table';

/** The kinds of legal documents people name, as they are spelled in titles (folded, lower case). */
const DOC_TYPES = ['bo luat', 'luat', 'hien phap', 'nghi dinh', 'nghi quyet', 'thong tu lien tich', 'thong tu', 'quyet dinh', 'chi thi', 'phap lenh', 'ke hoach', 'cong van'];

/** One document as the catalog knows it. */
export interface CatalogDocument {
  docId: string;
  title: string;
  docNumber?: string;
  /** Folded type phrase ("luat", "nghi dinh"), when the title starts with one. */
  type?: string;
  /** Number and year read from the số hiệu ("100/2019/NĐ-CP" → 100, 2019). */
  number?: number;
  year?: number;
}

/**
 * The documents of a snapshot indexed by the names people call them: the title ("Luật Cư trú"),
 * the name without the số hiệu ("Bộ luật số 91/2015/QH13 Dân sự" → "Bộ luật Dân sự"), the same
 * with the year ("Luật Đất đai 2024"), "luật" for "bộ luật" ("Luật Dân sự"), without "và"
 * ("Luật Hôn nhân gia đình"); and by số hiệu key and by (type, number, year) for partial
 * references ("Nghị định 100/2019", "Nghị định 126 năm 2020", "Thông tư 35").
 */
export interface DocumentCatalog {
  documents: Map<string, CatalogDocument>;
  names: PhraseTable<{ docIds: string[]; name: string }>;
  byNumberKey: Map<string, string[]>;
  byTypeNumber: Map<string, string[]>;
}

export const typeNumberKey = (type: string, number: number, year?: number) => `${type}|${number}|${year ?? ''}`;

function push(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key) ?? [];
  if (!list.includes(id)) list.push(id);
  map.set(key, list);
}

/** Name variants of one title (see DocumentCatalog). */
function namesOf(title: string, docNumber: string | undefined, year: number | undefined): string[] {
  const folded = foldDiacritics(normalizeText(title)).toLowerCase().replace(/\s+/g, ' ').trim();
  const type = DOC_TYPES.find((t) => folded === t || folded.startsWith(`${t} `));
  if (type === undefined) return [];
  let rest = folded.slice(type.length).trim();
  // "số 91/2015/QH13 Dân sự" → "dân sự".
  if (docNumber !== undefined) rest = rest.replace(/^so\s+\S+\s*/, '');
  else rest = rest.replace(/^so\s+\S*\d\S*\s*/, '');
  if (rest.startsWith(`${type} `)) rest = rest.slice(type.length + 1);
  if (rest.startsWith('ve ')) rest = rest.slice(3);
  if (rest === '' && type !== 'hien phap') return [];
  // Only laws, codes and the constitution are named by their name; decrees and circulars by số hiệu.
  if (!['bo luat', 'luat', 'hien phap', 'phap lenh'].includes(type)) return [];
  const bases = [`${type} ${rest}`.trim()];
  if (type === 'bo luat') bases.push(`luat ${rest}`);
  const out = new Set<string>();
  for (const base of bases) {
    for (const name of [base, base.replace(/ va /g, ' ')]) {
      out.add(name);
      if (year !== undefined) {
        out.add(`${name} ${year}`);
        out.add(`${name} nam ${year}`);
      }
    }
  }
  return [...out];
}

/** Reads every document of the store once (titles and metadata only). */
export function buildDocumentCatalog({ store }: { store: Store }): DocumentCatalog {
  const documents = new Map<string, CatalogDocument>();
  const names = new Map<string, string[]>();
  const byNumberKey = new Map<string, string[]>();
  const byTypeNumber = new Map<string, string[]>();
  for (const doc of store.listDocuments()) {
    const docNumber = doc.meta.docNumber ?? findDocNumbers(doc.title)[0];
    const parts = docNumber === undefined ? [] : docNumberKey(docNumber).split('-');
    const number = parts[0] !== undefined && /^\d+$/.test(parts[0]) ? Number(parts[0]) : undefined;
    const year = parts[1] !== undefined && /^(19|20)\d\d$/.test(parts[1]) ? Number(parts[1]) : undefined;
    const folded = foldDiacritics(normalizeText(doc.title)).toLowerCase();
    const type = DOC_TYPES.find((t) => folded === t || folded.startsWith(`${t} `));
    documents.set(doc.id, { docId: doc.id, title: doc.title, ...(docNumber === undefined ? {} : { docNumber }), ...(type === undefined ? {} : { type }), ...(number === undefined ? {} : { number }), ...(year === undefined ? {} : { year }) });
    for (const name of namesOf(doc.title, docNumber, year)) push(names, name, doc.id);
    if (docNumber !== undefined) push(byNumberKey, docNumberKey(docNumber), doc.id);
    if (type !== undefined && number !== undefined) {
      push(byTypeNumber, typeNumberKey(type, number), doc.id);
      if (year !== undefined) push(byTypeNumber, typeNumberKey(type, number, year), doc.id);
    }
  }
  return {
    documents,
    names: new PhraseTable([...names].map(([name, docIds]) => ({ key: phraseKey(name), value: { docIds, name } }))),
    byNumberKey,
    byTypeNumber,
  };
}
