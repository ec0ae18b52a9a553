import { describe, expect, it } from 'vitest';
import { docxLoader } from '../../src/ingest/load-docx';
import { htmlLoader } from '../../src/ingest/load-html';
import { jsonlLoader } from '../../src/ingest/load-jsonl';
import { pdfLoader } from '../../src/ingest/load-pdf';
import { mdLoader, txtLoader } from '../../src/ingest/load-text';
import { makeDocx } from '../fixtures/ingest/make-docx';
import { makePdf } from '../fixtures/ingest/make-pdf';

const PARAGRAPH =
  'Hạ tầng băng thông rộng di động 4G đã được phủ đến 100% cấp huyện và cấp xã trên địa bàn thành phố, chất lượng băng thông di động vượt mốc 40 Mbps; tốc độ băng rộng cố định của Hải Phòng hiện đạt ~ 60 Mbps.';

describe('txtLoader', () => {
  it('reads UTF-8 text and leaves the title to the first line', async () => {
    const text = 'Chuyển đổi số tại Hải Phòng\n\nNăm 2022, Hải Phòng chọn chuyển đổi số là một trong 3 nội dung của chủ đề năm.';
    const out = await txtLoader.load({ path: 'a.txt', bytes: Buffer.from(text) });
    expect(out).toEqual({ documents: [{ text }], problems: [] });
  });
});

describe('mdLoader', () => {
  it('takes the first "# " heading as the title and keeps the Markdown headings in the text', async () => {
    const text = 'Tóm tắt\n\n# Hải Phòng triển khai Nghị quyết 03 về chuyển đổi số\n\n## Hạ tầng số\n\n' + PARAGRAPH;
    const out = await mdLoader.load({ path: 'a.md', bytes: Buffer.from(text) });
    expect(out.documents[0]?.title).toBe('Hải Phòng triển khai Nghị quyết 03 về chuyển đổi số');
    expect(out.documents[0]?.text).toContain('## Hạ tầng số');
  });
});

describe('htmlLoader', () => {
  it('keeps headings and paragraphs and drops scripts, styles and site chrome', async () => {
    const html = `<!doctype html><html><head><title>Chuyển đổi số - Cổng tin tức</title><style>p{color:red}</style></head>
<body><header><a href="/">Trang chủ</a></header><nav><ul><li>Tin tức</li><li>Video</li></ul></nav>
<article><h1>Ủy ban Quốc gia về Chuyển đổi số họp phiên thứ hai</h1>
<p>Sáng 27/4, Thủ tướng Chính phủ chủ trì Phiên họp lần thứ 2 của Ủy ban.</p>
<h2>Đóng góp của &ldquo;kinh tế số&rdquo; ngày càng tăng</h2><p>Ước tính doanh thu kinh tế số trong quý I/2022 đạt khoảng 53 tỷ USD.</p>
<script>var tracking = "Trang chủ";</script></article>
<aside>Tin khác: Bài liên quan</aside><footer>Bản quyền © Cổng tin tức</footer></body></html>`;
    const out = await htmlLoader.load({ path: 'a.html', bytes: Buffer.from(html) });
    expect(out.problems).toEqual([]);
    expect(out.documents[0]).toEqual({
      title: 'Ủy ban Quốc gia về Chuyển đổi số họp phiên thứ hai',
      text: [
        '# Ủy ban Quốc gia về Chuyển đổi số họp phiên thứ hai',
        'Sáng 27/4, Thủ tướng Chính phủ chủ trì Phiên họp lần thứ 2 của Ủy ban.',
        '## Đóng góp của “kinh tế số” ngày càng tăng',
        'Ước tính doanh thu kinh tế số trong quý I/2022 đạt khoảng 53 tỷ USD.',
      ].join('\n\n'),
    });
  });
});

describe('docxLoader', () => {
  it('reads a Word file through mammoth, keeping its heading styles', async () => {
    const bytes = await makeDocx({
      blocks: [
        { text: 'Kế hoạch chuyển đổi số thành phố Hải Phòng năm 2022', heading: 1 },
        { text: 'I. MỤC ĐÍCH, YÊU CẦU', heading: 2 },
        { text: PARAGRAPH },
      ],
    });
    const out = await docxLoader.load({ path: 'a.docx', bytes });
    expect(out.problems).toEqual([]);
    expect(out.documents[0]).toEqual({
      title: 'Kế hoạch chuyển đổi số thành phố Hải Phòng năm 2022',
      text: `# Kế hoạch chuyển đổi số thành phố Hải Phòng năm 2022\n\n## I. MỤC ĐÍCH, YÊU CẦU\n\n${PARAGRAPH}`,
    });
  });

  it('reports a zero-byte-content or non-ZIP file as corrupt', async () => {
    const out = await docxLoader.load({ path: 'x.docx', bytes: Buffer.from('không phải tệp Word') });
    expect(out.documents).toEqual([]);
    expect(out.problems.map((p) => [p.code, p.severity])).toEqual([['corrupt', 'error']]);
  });
});

describe('pdfLoader', () => {
  it('reads the text layer, joining wrapped lines of a paragraph with spaces', async () => {
    const bytes = await makePdf({ pages: [['NGHỊ QUYẾT', PARAGRAPH], ['Điều 2. Tổ chức thực hiện']] });
    const out = await pdfLoader.load({ path: 'a.pdf', bytes });
    expect(out.problems).toEqual([]);
    expect(out.documents[0]?.text).toBe(`NGHỊ QUYẾT\n\n${PARAGRAPH}\n\nĐiều 2. Tổ chức thực hiện`);
  });

  it('warns about scanned pages and still indexes the others', async () => {
    const bytes = await makePdf({ pages: [['Trang có chữ: kế hoạch chuyển đổi số.'], null, ['Trang ba cũng có chữ.'], null] });
    const out = await pdfLoader.load({ path: 'a.pdf', bytes });
    expect(out.documents[0]?.text).toBe('Trang có chữ: kế hoạch chuyển đổi số.\n\nTrang ba cũng có chữ.');
    expect(out.problems).toMatchObject([{ code: 'scanned-no-text', severity: 'warning', pages: [2, 4] }]);
  });

  it('refuses a PDF with no text layer at all instead of indexing it empty', async () => {
    const out = await pdfLoader.load({ path: 'scan.pdf', bytes: await makePdf({ pages: [null, null] }) });
    expect(out.documents).toEqual([]);
    expect(out.problems).toMatchObject([{ code: 'scanned-no-text', severity: 'error', pages: [1, 2] }]);
  });

  it('reports encrypted, truncated and fake PDFs', async () => {
    const encrypted = await makePdf({ pages: [['Tài liệu mật']], userPassword: 'matkhau' });
    const good = await makePdf({ pages: [[PARAGRAPH]] });
    const cases: Array<[Buffer, string]> = [
      [encrypted, 'encrypted'],
      [good.subarray(0, Math.floor(good.length * 0.6)), 'corrupt'],
      [Buffer.from('<!DOCTYPE html><html><body>404 Không tìm thấy trang</body></html>'), 'corrupt'],
    ];
    for (const [bytes, code] of cases) {
      const out = await pdfLoader.load({ path: 'x.pdf', bytes });
      expect(out.documents).toEqual([]);
      expect(out.problems.map((p) => [p.code, p.severity])).toEqual([[code, 'error']]);
    }
  });
});

describe('jsonlLoader', () => {
  it('imports the valid lines and names each bad line', async () => {
    const lines = [
      JSON.stringify({ id: 'luat-cu-tru-dieu-1', title: 'Luật Cư trú - Điều 1', text: 'Luật này quy định về việc thực hiện quyền tự do cư trú.', meta: { docNumber: '68/2020/QH14', docType: 'Luật' } }),
      '{"id": "hong", "title": "Thiếu ngoặc"',
      JSON.stringify({ id: 'thieu-text', title: 'Không có nội dung' }),
      '',
      JSON.stringify({ id: 'luat-cu-tru-dieu-2', title: 'Luật Cư trú - Điều 2', text: 'Cư trú là việc công dân sinh sống tại một địa điểm.' }),
      JSON.stringify({ id: 'luat-cu-tru-dieu-1', title: 'Trùng id', text: 'Nội dung trùng.' }),
      JSON.stringify({ id: 'sai-ngay', title: 'Ngày sai', text: 'Nội dung.', meta: { issuedDate: '13/11/2020' } }),
    ];
    const out = await jsonlLoader.load({ path: 'luat.jsonl', bytes: Buffer.from(lines.join('\n')) });
    expect(out.documents.map((d) => [d.id, d.path])).toEqual([
      ['luat-cu-tru-dieu-1', 'luat.jsonl#1'],
      ['luat-cu-tru-dieu-2', 'luat.jsonl#5'],
    ]);
    expect(out.documents[0]?.meta).toEqual({ docNumber: '68/2020/QH14', docType: 'Luật' });
    expect(out.problems.map((p) => [p.path, p.code])).toEqual([
      ['luat.jsonl#2', 'invalid-record'],
      ['luat.jsonl#3', 'invalid-record'],
      ['luat.jsonl#6', 'invalid-record'],
      ['luat.jsonl#7', 'invalid-record'],
    ]);
    expect(out.problems[1]?.message).toContain('text');
  });
});
