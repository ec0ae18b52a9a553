import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chunkDocument } from '../../src/chunk/index';
import { openSqliteStore, writeSqliteStore } from '../../src/index/sqlite-store';
import { LUAT_CU_TRU, LUAT_HON_NHAN } from '../helpers/law-documents';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'troly-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SqliteStore', () => {
  it('gives back every document and chunk field as written', () => {
    const documents = [LUAT_CU_TRU, LUAT_HON_NHAN];
    const chunks = documents.flatMap((doc) => chunkDocument({ doc }));
    const path = join(tempDir(), 'store.sqlite');
    writeSqliteStore({ path, documents, chunks });
    const store = openSqliteStore({ path });
    try {
      expect(store.getDocument('luat-cu-tru')).toEqual({ id: LUAT_CU_TRU.id, title: 'Luật Cư trú', meta: LUAT_CU_TRU.meta, source: LUAT_CU_TRU.source, text: LUAT_CU_TRU.text });
      expect(store.getDocumentSummary('luat-hon-nhan-va-gia-dinh')).toEqual({ id: LUAT_HON_NHAN.id, title: LUAT_HON_NHAN.title, meta: LUAT_HON_NHAN.meta });
      for (const chunk of chunks) expect(store.getChunk(chunk.id)).toEqual(chunk);
      expect(store.chunksOfDocument('luat-cu-tru')).toEqual(chunks.filter((c) => c.docId === 'luat-cu-tru'));
      expect(store.listDocuments().map((d) => [d.id, d.chunkCount])).toEqual([
        ['luat-cu-tru', chunks.filter((c) => c.docId === 'luat-cu-tru').length],
        ['luat-hon-nhan-va-gia-dinh', chunks.filter((c) => c.docId === 'luat-hon-nhan-va-gia-dinh').length],
      ]);
    } finally {
      store.close();
    }
  });

  it('returns chunks in the order asked and leaves out unknown ids', () => {
    const chunks = chunkDocument({ doc: LUAT_HON_NHAN });
    const path = join(tempDir(), 'store.sqlite');
    writeSqliteStore({ path, documents: [LUAT_HON_NHAN], chunks });
    const store = openSqliteStore({ path });
    const [first, second] = chunks;
    expect(store.getChunks([second?.id ?? '', 'khong-co#dieu-99', first?.id ?? '']).map((c) => c.id)).toEqual([second?.id, first?.id]);
    expect(store.getChunk('khong-co#dieu-99')).toBeUndefined();
    expect(store.getDocument('khong-co')).toBeUndefined();
    store.close();
  });

  it('refuses a file that is not a store with SNAPSHOT_CORRUPT', () => {
    const path = join(tempDir(), 'store.sqlite');
    writeFileSync(path, 'Điều 1. Đây không phải là cơ sở dữ liệu');
    expect(() => openSqliteStore({ path })).toThrowError(expect.objectContaining({ code: 'SNAPSHOT_CORRUPT' }));
    expect(() => openSqliteStore({ path: join(tempDir(), 'missing.sqlite') })).toThrowError(expect.objectContaining({ code: 'SNAPSHOT_CORRUPT' }));
  });
});
