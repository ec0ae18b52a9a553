import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkDocument } from '../../src/chunk';
import type { SourceDocument } from '../../src/ingest/types';
import { createFakeAssistant } from '../fakes/fake-assistant';
import { createFakeDocumentSource } from '../fakes/fake-document-source';
import { residenceLaw } from '../helpers/residence-law-fixture';
import { startTestServer, type TestServer } from '../helpers/test-server';

describe('web pages', () => {
  let server: TestServer;
  const law = residenceLaw();
  const hostile = {
    doc: {
      id: 'cong-van-thu-nghiem',
      title: 'Công văn <script>alert("x")</script> về chuyển đổi số',
      meta: { docNumber: '12/CV-UBND', inForce: false, sourceUrl: 'javascript:alert(1)' },
      text: 'Đoạn 1: dùng thẻ <img src=x onerror=alert(1)> trong văn bản.\n\nĐoạn 2: nội dung "trích dẫn" & ký hiệu.\n\n## UBND <b>THÀNH PHỐ</b> ##\n\n#không phải tiêu đề',
    },
    chunks: [
      { id: 'cong-van-thu-nghiem#doan-1-0', docId: 'cong-van-thu-nghiem', ordinal: 0, locator: 'Đoạn 1', headingPath: [], text: 'Đoạn 1', start: 0, end: 59, kind: 'section' as const },
      { id: 'cong-van-thu-nghiem#doan-9-0', docId: 'cong-van-thu-nghiem', ordinal: 1, locator: 'Đoạn 9', headingPath: [], text: 'Đoạn lạc chỗ, offset sai.', start: 5000, end: 6000, kind: 'section' as const },
    ],
  };

  beforeAll(async () => {
    server = await startTestServer({ assistant: createFakeAssistant({ replies: {} }), documents: createFakeDocumentSource({ documents: [law, hostile] }) });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('serves the chat page in Vietnamese with the city header, loading Web Chat from this server only', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    // Scripts may connect to this origin only (its WebSocket included), never to any ws:/wss: host.
    expect(csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src'))).toBe("connect-src 'self'");
    const html = await res.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Trợ lý ảo — Thành phố Hải Phòng');
    expect(html).toContain('"locale":"vi-VN"');
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual(['/static/webchat.js', '/static/chat.js']);
  });

  it('streams Web Chat from node_modules, gzipped, with an ETag', async () => {
    const res = await fetch(`${server.url}/static/webchat.js`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const body = await res.text();
    expect(body.length).toBeGreaterThan(1_000_000);
    expect(body).toContain('renderWebChat');
    const again = await fetch(`${server.url}/static/webchat.js`, { headers: { 'If-None-Match': res.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
  });

  it('shows a document with one anchor per chunk, the metadata, and a :target highlight', async () => {
    const res = await fetch(`${server.url}/documents/luat-cu-tru-2020`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Luật Cư trú</h1>');
    expect(html).toContain('68/2020/QH14');
    expect(html).toContain('13/11/2020');
    expect(html).toContain('.chunk:target');
    for (const chunk of law.chunks) expect(html).toContain(`id="${chunk.id}"`);
    // <span class="chunk" id="…"><span class="cited">label</span>BODY</span>: the body is the khoản itself.
    const cited = html.slice(html.indexOf('id="luat-cu-tru-2020#dieu-22-khoan-3-0"')).split('</span>')[1];
    expect(cited).toMatch(/^3\. Trong thời hạn 07 ngày làm việc/);
    // Nothing of the text is lost or repeated around the anchors.
    const visible = html.slice(html.indexOf('<article class="doc-text">')).replace(/<span class="cited">[^<]*<\/span>/g, '').replace(/<[^>]+>/g, '');
    const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
    expect(squash(visible.replace(/&quot;/g, '"').replace(/&amp;/g, '&'))).toContain(squash(law.doc.text));
    expect(visible.split('Trong thời hạn 07 ngày làm việc')).toHaveLength(2);
  });

  it('escapes everything taken from a document and drops unsafe source links', async () => {
    const html = await (await fetch(`${server.url}/documents/cong-van-thu-nghiem`)).text();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('javascript:alert');
    expect(html).toContain('Văn bản này đã hết hiệu lực.');
    expect(html).toContain('id="cong-van-thu-nghiem#doan-9-0"');
  });

  it('shows a Markdown heading of a document as a heading, not as "# …", and nothing else as markup', async () => {
    const html = await (await fetch(`${server.url}/documents/cong-van-thu-nghiem`)).text();
    expect(html).toContain('<b class="md-h">UBND &lt;b&gt;THÀNH PHỐ&lt;/b&gt;</b>');
    expect(html).not.toContain('## UBND');
    expect(html.replace(/<span class="para-n"[^>]*>[^<]*<\/span>/g, '')).toContain('\n#không phải tiêu đề');
  });

  it('names the places of a non-legal document as its citations do: section heading and paragraph, numbered in the margin', async () => {
    const file = 'knowledge/chuyen-doi-so-tai-hai-phong-nang-cao-nhan-thuc-va-dau-tu-ha-tang.md';
    const text = readFileSync(file, 'utf8');
    const doc: SourceDocument = { id: 'cds-hai-phong', title: 'Chuyển đổi số tại Hải Phòng', text, meta: {}, source: { path: file, format: 'md', bytes: text.length, contentHash: 'z' } };
    const chunks = chunkDocument({ doc });
    const local = await startTestServer({ assistant: createFakeAssistant({ replies: {} }), documents: createFakeDocumentSource({ documents: [{ doc, chunks }] }) });
    try {
      const html = await (await fetch(`${local.url}/documents/cds-hai-phong`)).text();
      const chunk = chunks.find((c) => c.headingPath.join(' › ') === 'Nâng cao nhận thức để dẫn dắt hành động');
      if (chunk === undefined) throw new Error(`no chunk under the heading: ${chunks.map((c) => c.locator).join('; ')}`);
      const label = /<span class="cited">([^<]*)<\/span>/.exec(html.slice(html.indexOf(`id="${chunk.id}"`)))?.[1] ?? '';
      expect(label).toMatch(/^Đoạn được trích dẫn · Nâng cao nhận thức để dẫn dắt hành động, đoạn 1(–\d+)?$/);
      // Every chunk under a heading is named by it, and by paragraphs counted within it.
      const labels = [...html.matchAll(/<span class="cited">[^·<]*· ([^<]*)<\/span>/g)].map((m) => m[1] ?? '');
      expect(labels.filter((l) => l.startsWith('Tăng cường đầu tư')).every((l) => /, đoạn \d+(–\d+)?$/.test(l))).toBe(true);
      expect(labels.filter((l) => l.startsWith('Tăng cường đầu tư'))).toHaveLength(chunks.filter((c) => c.locator.startsWith('Tăng cường đầu tư')).length);
      // Each chunk's label names exactly the paragraphs numbered in the margin inside it (overlapping chunks show only their new part).
      for (const piece of html.split('<span class="chunk" ').slice(1)) {
        const range = /<span class="cited">[^<]*, đoạn (\d+)(?:–(\d+))?<\/span>/.exec(piece);
        if (range === null) continue;
        const marks = [...piece.matchAll(/<span class="para-n" aria-hidden="true">đoạn (\d+)<\/span>/g)].map((m) => Number(m[1]));
        const from = Number(range[1]);
        const to = Number(range[2] ?? range[1]);
        expect(marks).toEqual(Array.from({ length: to - from + 1 }, (_, k) => from + k));
      }
      // The section's first paragraph is "đoạn 1" in the margin, right where it starts.
      expect(html).toContain('<span class="para-n" aria-hidden="true">đoạn 1</span>Trên thực tế, khái niệm chuyển đổi số');
      // Nothing of the text is lost: without the marks and tags, the whole text is there.
      const visible = html.slice(html.indexOf('<article')).replace(/<span class="(?:cited|para-n)"[^>]*>[^<]*<\/span>/g, '').replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      const squash = (t: string) => t.replace(/^#+ /gm, '').replace(/\s+/g, ' ').trim();
      expect(squash(visible)).toContain(squash(text.slice(text.indexOf('\n') + 1)));
    } finally {
      await local.stop();
    }
  });

  it('keeps the blank lines around a chunk outside its highlight', async () => {
    const padded = residenceLaw();
    const third = padded.chunks.find((c) => c.id.endsWith('dieu-22-khoan-3-0'));
    if (third === undefined) throw new Error('fixture lost Điều 22, khoản 3');
    // A chunker that counts the paragraph break into the chunk.
    const chunks = padded.chunks.map((c) => (c === third ? { ...c, start: c.start - 2, end: c.end + 1 } : c));
    const documents = createFakeDocumentSource({ documents: [{ doc: { ...padded.doc, id: 'luat-cu-tru-padded' }, chunks }] });
    const local = await startTestServer({ assistant: createFakeAssistant({ replies: {} }), documents });
    try {
      const html = await (await fetch(`${local.url}/documents/luat-cu-tru-padded`)).text();
      const cited = html.slice(html.indexOf(`id="${third.id}"`)).split('</span>')[1];
      expect(cited).toMatch(/^3\. Trong thời hạn/);
      expect(cited).toMatch(/nêu rõ lý do\.$/);
    } finally {
      await local.stop();
    }
  });

  it('answers an unknown document with a Vietnamese 404 page', async () => {
    const res = await fetch(`${server.url}/documents/khong-co-van-ban-nay`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Không tìm thấy văn bản “khong-co-van-ban-nay”');
  });
});
