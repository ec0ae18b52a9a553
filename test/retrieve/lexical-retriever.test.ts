import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../src/chunk/index';
import { DEFAULT_TUNABLES } from '../../src/config/tunables';
import { buildBm25Index } from '../../src/index/bm25-index';
import { lexicalEntries } from '../../src/index/lexical-entries';
import { openSqliteStore, writeSqliteStore } from '../../src/index/sqlite-store';
import { createLexicalRetriever } from '../../src/retrieve/lexical-retriever';
import { LUAT_CU_TRU, LUAT_HON_NHAN } from '../helpers/law-documents';
import { useTempDirs } from '../helpers/temp-dirs';

const tempDir = useTempDirs('retriever');

function setup(options: { dropFromStore?: boolean } = {}) {
  const documents = [LUAT_CU_TRU, LUAT_HON_NHAN];
  const chunks = documents.flatMap((doc) => chunkDocument({ doc }));
  const path = join(tempDir(), 'store.sqlite');
  writeSqliteStore({ path, documents, chunks: options.dropFromStore === true ? chunks.slice(1) : chunks });
  const store = openSqliteStore({ path });
  const lexical = buildBm25Index({ entries: lexicalEntries({ documents, chunks }), params: { ...DEFAULT_TUNABLES } });
  return { store, retriever: createLexicalRetriever({ store, lexical }) };
}

describe('createLexicalRetriever', () => {
  it('returns passages with their chunk, document summary and lexical score, best first', async () => {
    const { store, retriever } = setup();
    const result = await retriever.retrieve({ query: 'đăng ký kết hôn', k: 4 });
    expect(result.mode).toBe('lexical');
    expect(result.passages).toHaveLength(4);
    const [top] = result.passages;
    expect(top?.doc).toEqual({ id: 'luat-hon-nhan-va-gia-dinh', title: 'Luật Hôn nhân và gia đình', meta: LUAT_HON_NHAN.meta });
    expect(top?.chunk.locator).toBe('Điều 9');
    // The score is the learned ranking's; the BM25F score stays beside it.
    expect(top?.scores.lexical).toBeGreaterThan(0);
    const scores = result.passages.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    store.close();
  });

  it('returns nothing with confidence 0 when no word of the question is in the documents', async () => {
    const { store, retriever } = setup();
    expect(await retriever.retrieve({ query: 'bitcoin blockchain' })).toMatchObject({ passages: [], confidence: 0, mode: 'lexical', understood: { changed: false } });
    store.close();
  });

  it('stops with ABORTED when the caller has aborted', async () => {
    const { store, retriever } = setup();
    const controller = new AbortController();
    controller.abort();
    await expect(retriever.retrieve({ query: 'kết hôn', abortSignal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    store.close();
  });

  it('reports SNAPSHOT_CORRUPT when the index names a chunk the store does not have', async () => {
    const { store, retriever } = setup({ dropFromStore: true });
    await expect(retriever.retrieve({ query: 'Luật này quy định về việc thực hiện quyền tự do cư trú', k: 50 })).rejects.toMatchObject({ code: 'SNAPSHOT_CORRUPT' });
    store.close();
  });
});
