import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../src/chunk/index';
import { DEFAULT_TUNABLES } from '../../src/config/tunables';
import { buildBm25Index } from '../../src/index/bm25-index';
import { lexicalEntries } from '../../src/index/lexical-entries';
import { openSqliteStore, writeSqliteStore } from '../../src/index/sqlite-store';
import { buildDocumentCatalog } from '../../src/retrieve/document-catalog';
import { createLexicalRetriever } from '../../src/retrieve/lexical-retriever';
import { understandQuery } from '../../src/retrieve/understand-query';
import { LUAT_CU_TRU, LUAT_HON_NHAN, lawDocument } from '../helpers/law-documents';
import { useTempDirs } from '../helpers/temp-dirs';

const tempDir = useTempDirs('understand');
// A third document with a Zalo-style title: "<loại> số <số hiệu> <tên>".
const BLDS = lawDocument({
  id: 'bo-luat-dan-su',
  title: 'Bộ luật số 91/2015/QH13 Dân sự',
  docNumber: '91/2015/QH13',
  text: 'Điều 12. Tự bảo vệ quyền dân sự\n\nViệc tự bảo vệ quyền dân sự phải phù hợp với tính chất, mức độ xâm phạm đến quyền dân sự đó.\n\nĐiều 20. Người thành niên\n\n1. Người thành niên là người từ đủ mười tám tuổi trở lên.',
});

function setup() {
  const documents = [LUAT_CU_TRU, LUAT_HON_NHAN, BLDS];
  const chunks = documents.flatMap((doc) => chunkDocument({ doc }));
  const path = join(tempDir(), 'store.sqlite');
  writeSqliteStore({ path, documents, chunks });
  const store = openSqliteStore({ path });
  const lexical = buildBm25Index({ entries: lexicalEntries({ documents, chunks }), params: { ...DEFAULT_TUNABLES } });
  const catalog = buildDocumentCatalog({ store });
  return { store, lexical, catalog, retriever: createLexicalRetriever({ store, lexical }), understand: (query: string) => understandQuery({ query, lexical, catalog }) };
}

describe('understandQuery', () => {
  it('looks up "Điều N" in the document the question names, whatever other law has an Điều N', async () => {
    const { store, retriever } = setup();
    for (const query of ['Điều 12 Luật Cư trú quy định gì?', 'dieu 12 luat cu tru quy dinh gi', 'Điều 12 Luật số 68/2020/QH14']) {
      const result = await retriever.retrieve({ query, k: 3 });
      expect(result.passages[0]?.doc.id, query).toBe('luat-cu-tru');
      expect(result.passages[0]?.chunk.locator, query).toMatch(/^Điều 12\b/);
      expect(result.understood?.documentUse).toBe('lookup');
      expect(result.understood?.documents[0]?.titles).toEqual(['Luật Cư trú']);
      expect(result.confidence).toBe(1);
    }
    store.close();
  });

  it('knows documents by short name and abbreviation: "BLDS", "Luật Dân sự", "Luật Hôn nhân gia đình"', () => {
    const { store, understand } = setup();
    expect(understand('Điều 20 BLDS quy định gì').documentIds).toEqual(['bo-luat-dan-su']);
    expect(understand('theo luật dân sự năm 2015, người thành niên là ai').documentIds).toEqual(['bo-luat-dan-su']);
    expect(understand('Luật Hôn nhân gia đình quy định điều kiện kết hôn').documentIds).toEqual(['luat-hon-nhan-va-gia-dinh']);
    expect(understand('điều kiện kết hôn').documentIds).toEqual([]);
    store.close();
  });

  it('restricts the search to a named document', async () => {
    const { store, retriever } = setup();
    const result = await retriever.retrieve({ query: 'Theo Luật Cư trú, nơi cư trú của người chưa thành niên', k: 10 });
    expect(result.understood?.documentUse).toBe('filter');
    expect(new Set(result.passages.map((p) => p.doc.id))).toEqual(new Set(['luat-cu-tru']));
    store.close();
  });

  it('takes a document that matches much worse than another as an incidental mention: a boost, not a filter', async () => {
    const { store, retriever } = setup();
    const result = await retriever.retrieve({ query: 'Hồ sơ đăng ký thường trú gồm tờ khai thay đổi thông tin cư trú theo Luật Hôn nhân và gia đình', k: 3 });
    expect(result.understood?.documents[0]?.titles).toEqual(['Luật Hôn nhân và gia đình']);
    expect(result.understood?.documentUse).toBe('boost');
    expect(result.passages[0]?.doc.id).toBe('luat-cu-tru');
    store.close();
  });

  it('drops question scaffolding and says so', () => {
    const { store, understand } = setup();
    const q = understand('Thưa luật sư, cho em hỏi điều kiện đăng ký thường trú như thế nào ạ?');
    expect(q.understood.dropped).toEqual(['thưa luật sư', 'cho em hỏi', 'như thế nào', 'ạ']);
    expect(q.understood.searched).toBe('điều kiện đăng ký thường trú');
    expect(q.syllables).not.toContain('thưa');
    store.close();
  });

  it('replaces chat code and repairs spelling against the corpus vocabulary', () => {
    const { store, understand } = setup();
    const q = understand('ko có chỗ ở hợp pháp thì nơi cư chú của người chưa thành niên có dc xác định ko');
    expect(q.understood.corrections).toEqual(expect.arrayContaining([
      { from: 'ko', to: 'không', reason: 'chat-code' },
      { from: 'dc', to: 'được', reason: 'chat-code' },
      { from: 'chú', to: 'trú', reason: 'context' },
    ]));
    expect(q.syllables).toContain('trú');
    store.close();
  });

  it('searches abbreviations both ways and everyday words beside their legal form, below what was typed', () => {
    const { store, understand } = setup();
    const q = understand('UBND xã xác nhận chỗ ở cho người già');
    expect(q.understood.expansions).toEqual([
      { from: 'ubnd', to: 'ủy ban nhân dân', kind: 'abbreviation' },
      { from: 'người già', to: 'người cao tuổi', kind: 'everyday' },
    ]);
    expect(q.termWeights?.['cao']).toBe(0.5);
    expect(q.termWeights?.['người']).toBeUndefined();
    expect(understand('về hưu cần bao nhiêu năm đóng').understood.expansions).toContainEqual(
      { from: 'về hưu', to: 'nghỉ hưu', kind: 'everyday' },
    );
    expect(understand('ăn cắp xe đạp').understood.expansions).toContainEqual(
      { from: 'ăn cắp', to: 'trộm cắp tài sản', kind: 'everyday' },
    );
    // "để" is not the everyday "đẻ", although both are "de" without diacritics.
    expect(understand('hồ sơ để đăng ký').understood.expansions).toEqual([]);
    store.close();
  });

  it('changes nothing in a clean question the corpus words well', () => {
    const { store, understand } = setup();
    const q = understand('Điều kiện đăng ký thường trú');
    expect(q.understood).toMatchObject({ changed: false, corrections: [], expansions: [], dropped: [], documents: [] });
    store.close();
  });
});
