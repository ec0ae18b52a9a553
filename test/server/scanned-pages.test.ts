import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/index/store';
import type { DocumentSource } from '../../src/app/document-source';
import { documentSourceFromStore } from '../../src/app/store-document-source';
import { createFakeAssistant } from '../fakes/fake-assistant';
import { makeScannedPdf } from '../fixtures/ingest/make-scan';
import { startTestServer, type TestServer } from '../helpers/test-server';

const TEXT = 'Điều 2. Thời hạn cấp giấy phép chặt hạ cây xanh đô thị là 07 ngày làm việc.';
const page = (ocr: boolean) => ({ number: 1, start: 0, end: TEXT.length, ...(ocr ? { ocr: { confidence: 94.6, low: false } } : {}) });

/** A store holding one document whose source file is `path` (relative to the knowledge folder). */
function storeWith(path: string, ocr = true): Store {
  const doc = { id: 'qd-15', title: 'Quyết định 15/2024/QĐ-UBND', meta: {}, text: TEXT, source: { path, format: 'pdf', bytes: 1, contentHash: 'x', pages: [page(ocr)] } };
  return { getDocument: (id: string) => (id === doc.id ? doc : undefined), chunksOfDocument: () => [] } as unknown as Store;
}

let root = '';
let knowledge = '';
let server: TestServer;
let documents: DocumentSource;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'troly-scans-'));
  knowledge = join(root, 'knowledge');
  mkdirSync(knowledge);
  writeFileSync(join(knowledge, 'qd-15.pdf'), await makeScannedPdf([[TEXT]]));
  writeFileSync(join(root, 'bi-mat.pdf'), await makeScannedPdf([['Tài liệu ngoài kho']]));
  symlinkSync(join(root, 'bi-mat.pdf'), join(knowledge, 'lien-ket.pdf'));
  documents = documentSourceFromStore({ store: () => storeWith('qd-15.pdf'), knowledgeDir: knowledge });
  server = await startTestServer({ assistant: createFakeAssistant({ replies: {} }), documents });
}, 60_000);
afterAll(async () => {
  await server.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('scanned pages in the document viewer', () => {
  it('shows each OCR-read page beside the recognised text, captioned as a scan with its confidence', async () => {
    const html = await (await fetch(`${server.url}/documents/qd-15`)).text();
    expect(html).toContain('<div class="with-scans"><article class="doc-text">');
    expect(html).toContain('<img src="/documents/qd-15/pages/1" alt="Trang 1 — bản quét, nhận dạng ký tự (độ tin cậy 95%)"');
  });

  it('serves the page image as a JPEG rendered from the source file', async () => {
    const res = await fetch(`${server.url}/documents/qd-15/pages/1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect((await fetch(`${server.url}/documents/qd-15/pages/2`)).status).toBe(404);
    expect((await fetch(`${server.url}/documents/qd-15/pages/abc`)).status).toBe(400);
  }, 30_000);

  it('renders no image for a page with a text layer, nor for a source outside the knowledge folder', async () => {
    expect(await documentSourceFromStore({ store: () => storeWith('qd-15.pdf', false), knowledgeDir: knowledge }).pageImage?.('qd-15', 1)).toBeUndefined();
    expect(await documentSourceFromStore({ store: () => storeWith('../bi-mat.pdf'), knowledgeDir: knowledge }).pageImage?.('qd-15', 1)).toBeUndefined();
    expect(await documentSourceFromStore({ store: () => storeWith('lien-ket.pdf'), knowledgeDir: knowledge }).pageImage?.('qd-15', 1)).toBeUndefined();
  }, 30_000);
});
