import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/ingest/build-document';
import { ingestLimits } from '../../src/ingest/ingest-limits';
import { imageLoader } from '../../src/ingest/load-image';
import { pdfLoader } from '../../src/ingest/load-pdf';
import { ocrPages } from '../../src/ingest/ocr/ocr-pages';
import { writeOcrImage } from '../../src/ingest/ocr/page-image';
import { parseTesseractTsv } from '../../src/ingest/ocr/tesseract-tsv';
import { foldDiacritics } from '../../src/text/index';
import { imagesToTiff, makeMixedPdf, makeScannedPdf, scanImages, type PrintedPage } from '../fixtures/ingest/make-scan';
import { join } from 'node:path';

const DECISION: PrintedPage = [
  '**ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG',
  'Số: 15/2024/QĐ-UBND',
  'Hải Phòng, ngày 12 tháng 3 năm 2024',
  '**QUYẾT ĐỊNH',
  '**Về việc ban hành Quy chế quản lý cây xanh đô thị',
  'Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý cây xanh đô thị trên địa bàn thành phố.',
  'Điều 2. Việc cấp phép chặt hạ cây xanh đô thị do Sở Xây dựng thực hiện trong thời hạn 07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.',
];
const FEES: PrintedPage = ['Phụ lục. Lệ phí cấp giấy phép chặt hạ cây xanh là 50.000 đồng một giấy phép.'];

const folded = (text: string | undefined) => foldDiacritics(text ?? '').toLowerCase().replace(/\s+/g, ' ');

let scanned: Buffer;
let frames: Buffer[];
beforeAll(async () => {
  scanned = await makeScannedPdf([DECISION], { rotateDegrees: 0.5, noise: 10, stamp: true, signature: { title: 'TM. ỦY BAN NHÂN DÂN', name: 'Nguyễn Văn Tùng' } });
  frames = await scanImages([DECISION, FEES]);
}, 120_000);

describe('pdfLoader with OCR', () => {
  it('recognises an image-only PDF (rotated, noisy, stamped) and gives its page count and confidence', async () => {
    const pages: number[] = [];
    const out = await pdfLoader.load({ path: 'qd.pdf', bytes: scanned, onPage: (p) => pages.push(p.done) });
    expect(out.problems).toEqual([]);
    const [doc] = out.documents;
    expect(folded(doc?.text)).toContain(folded('trong thời hạn 07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ'));
    expect(doc?.parts).toHaveLength(1);
    expect(doc?.parts?.[0]).toMatchObject({ page: 1, ocr: { low: false } });
    expect(doc?.parts?.[0]?.ocr?.confidence).toBeGreaterThan(80);
    expect(doc?.extraction).toMatchObject({ pages: 1, ocrPages: 1, lowConfidencePages: [] });
    expect(pages).toEqual([1]);
    // The header's số hiệu, date and issuer come out of the OCR text too.
    const built = buildDocument({ loaded: doc ?? { text: '' }, relativePath: 'qd.pdf', format: 'pdf', bytes: scanned.length, singleDocument: true });
    expect(built.document?.meta).toMatchObject({ docNumber: '15/2024/QĐ-UBND', issuedDate: '2024-03-12', docType: 'Quyết định' });
    expect(built.document?.source.pages).toEqual([{ number: 1, start: 0, end: built.document?.text.length, ocr: doc?.parts?.[0]?.ocr }]);
  }, 60_000);

  it('keeps the text layer of a mixed PDF and OCRs only its scanned page', async () => {
    const mixed = await makeMixedPdf([['Trang có lớp chữ: kế hoạch chuyển đổi số năm 2024.'], frames[1] ?? Buffer.alloc(0)]);
    const out = await pdfLoader.load({ path: 'mixed.pdf', bytes: mixed });
    const parts = out.documents[0]?.parts ?? [];
    expect(parts.map((p) => [p.page, p.ocr === undefined])).toEqual([[1, true], [2, false]]);
    expect(parts[0]?.text).toBe('Trang có lớp chữ: kế hoạch chuyển đổi số năm 2024.');
    expect(folded(parts[1]?.text)).toContain(folded('50.000 đồng một giấy phép'));
    expect(out.documents[0]?.extraction).toMatchObject({ pages: 2, ocrPages: 1 });
  }, 60_000);

  it('marks pages below the confidence floor and still indexes them', async () => {
    const out = await pdfLoader.load({ path: 'qd.pdf', bytes: scanned, limits: ingestLimits({ ocrConfidenceFloor: 99.9 }) });
    expect(out.documents[0]?.parts?.[0]?.ocr?.low).toBe(true);
    expect(out.documents[0]?.extraction?.lowConfidencePages).toEqual([1]);
    expect(out.problems).toMatchObject([{ code: 'ocr-low-confidence', severity: 'warning', pages: [1] }]);
  }, 60_000);
});

describe('imageLoader', () => {
  it('reads every frame of a multi-page TIFF as a page', async () => {
    const out = await imageLoader.load({ path: 'scan.tif', bytes: await imagesToTiff(frames) });
    expect(out.problems).toEqual([]);
    expect(out.documents[0]?.parts?.map((p) => p.page)).toEqual([1, 2]);
    expect(folded(out.documents[0]?.text)).toContain(folded('50.000 đồng một giấy phép'));
  }, 60_000);

  it('stops at ocrMaxPages, keeps the pages read and says where it stopped', async () => {
    const out = await imageLoader.load({ path: 'scan.tif', bytes: await imagesToTiff(frames), limits: ingestLimits({ ocrMaxPages: 1 }) });
    expect(out.documents[0]?.parts?.map((p) => p.page)).toEqual([1]);
    expect(out.problems).toMatchObject([{ code: 'truncated', severity: 'warning', pages: [2], stoppedAt: 'trang 2', limit: 'ocrMaxPages' }]);
  }, 60_000);

  it('reports a damaged image instead of throwing', async () => {
    const out = await imageLoader.load({ path: 'hong.png', bytes: Buffer.from('\x89PNG\r\n\x1a\n không phải ảnh') });
    expect(out).toMatchObject({ documents: [], problems: [{ code: 'corrupt', severity: 'error' }] });
  });
});

describe('ocrPages', () => {
  it('keeps what it read when the file time limit comes, and names the pages left unread', async () => {
    const page = frames[1] ?? Buffer.alloc(0);
    const limits = ingestLimits({ maxFileMs: 8000, ocrConcurrency: 1 });
    const result = await ocrPages({
      pages: [1, 2, 3],
      limits,
      render: async ({ page: n, dir, abortSignal }) => {
        if (n === 1) {
          const imagePath = join(dir, 'p1.png');
          await writeOcrImage({ input: page, output: imagePath });
          return { ok: true, imagePath, dpi: 300 };
        }
        // Page 2 hangs (a stuck renderer) until the deadline aborts it.
        await new Promise((resolve) => abortSignal.addEventListener('abort', resolve, { once: true }));
        return { ok: false, detail: 'aborted' };
      },
    });
    expect([...result.recognized.keys()]).toEqual([1]);
    expect(result).toMatchObject({ unread: [2, 3], stoppedBy: 'maxFileMs', failed: [] });
  }, 30_000);
});

describe('parseTesseractTsv', () => {
  const word = (block: number, par: number, line: number, n: number, left: number, width: number, conf: number, text: string) => ['5', '1', block, par, line, n, left, 100 * line, width, 30, conf, text].join('\t');
  it('joins wrapped lines, keeps a new "Điều" line and separates paragraphs, averaging word confidence', () => {
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      word(1, 1, 1, 1, 100, 900, 90, 'Điều 2. Việc cấp phép chặt hạ cây xanh đô thị do'),
      word(1, 1, 2, 1, 100, 300, 80, 'Sở Xây dựng.'),
      word(1, 1, 3, 1, 100, 400, 70, 'Điều 3. Hiệu lực'),
      word(1, 2, 4, 1, 100, 500, 60, 'Nơi nhận:'),
      word(1, 2, 5, 1, 100, 500, -1, ''),
    ].join('\n');
    expect(parseTesseractTsv(tsv)).toEqual({ text: 'Điều 2. Việc cấp phép chặt hạ cây xanh đô thị do Sở Xây dựng.\nĐiều 3. Hiệu lực\n\nNơi nhận:', confidence: 75, words: 4 });
  });
});
