import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/config';
import { formatIngestReport, INGEST_PROMPT_KEYS, type IngestResult } from '../../src/ingest/index';
import { loadPrompts } from '../../src/prompts/catalog';

const prompts = loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') });

const emptyDoc = { id: 'a', title: 'A', text: 'Nội dung.', meta: {}, source: { path: 'a.md', format: 'md', bytes: 10, contentHash: '0'.repeat(64) } };

describe('formatIngestReport', () => {
  it('has a Vietnamese text for every key it uses', () => {
    expect(() => prompts.require(INGEST_PROMPT_KEYS)).not.toThrow();
  });

  it('sums up and lists each problem with its file and reason, errors first', () => {
    const result: IngestResult = {
      filesSeen: 5,
      documents: [emptyDoc, { ...emptyDoc, id: 'b' }],
      problems: [
        { path: 'scan.pdf', code: 'scanned-no-text', severity: 'warning', message: '', pages: [2, 4] },
        { path: 'cu.docx', code: 'legacy-encoding', severity: 'warning', message: '', encoding: 'TCVN3' },
        { path: 'mat-khau.pdf', code: 'encrypted', severity: 'error', message: '' },
        { path: 'luat.jsonl#3', code: 'invalid-record', severity: 'error', message: '' },
      ],
    };
    expect(formatIngestReport({ result, prompts })).toEqual([
      'Đã xem 5 tệp: 2 văn bản được đưa vào kho tri thức, 2 tệp/bản ghi bị bỏ qua, 2 cảnh báo.',
      'Các vấn đề cần xử lý:',
      '  ✗ mat-khau.pdf: tệp có mật khẩu hoặc được mã hóa — hãy bổ sung bản không đặt mật khẩu',
      '  ✗ luat.jsonl#3: bản ghi không hợp lệ (cần có id, title, text) — bản ghi này bị bỏ qua, các dòng khác vẫn được nhập',
      '  ⚠ scan.pdf: các trang 2, 4 là bản quét, không có lớp chữ nên bị bỏ qua — cần nhận dạng ký tự (OCR)',
      '  ⚠ cu.docx: văn bản dùng bảng mã cũ (TCVN3) đã được tự động chuyển sang Unicode — nên kiểm tra lại và lưu tệp gốc bằng Unicode',
    ]);
  });

  it('says so when there is nothing to fix', () => {
    expect(formatIngestReport({ result: { filesSeen: 1, documents: [emptyDoc], problems: [] }, prompts })).toEqual([
      'Đã xem 1 tệp: 1 văn bản được đưa vào kho tri thức, 0 tệp/bản ghi bị bỏ qua, 0 cảnh báo.',
      'Không có lỗi nào.',
    ]);
  });

  it('gives the pages, OCR confidence and low pages of a scan, the rows of a sheet, and where a limit stopped reading', () => {
    const scan = { ...emptyDoc, id: 'qd', source: { ...emptyDoc.source, path: 'qd-15.pdf', format: 'pdf', extraction: { pages: 3, ocrPages: 2, meanConfidence: 88.4, lowConfidencePages: [3] } } };
    const sheet = { ...emptyDoc, id: 'tt', source: { ...emptyDoc.source, path: 'thu-tuc.xlsx', format: 'xlsx', extraction: { sheets: 2, rows: 140 } } };
    const plainPdf = { ...emptyDoc, id: 'nq', source: { ...emptyDoc.source, path: 'nq.pdf', format: 'pdf', extraction: { pages: 4, ocrPages: 0 } } };
    const lines = formatIngestReport({
      result: {
        filesSeen: 3,
        documents: [scan, sheet, plainPdf],
        problems: [
          { path: 'qd-15.pdf', code: 'ocr-low-confidence', severity: 'warning', message: '', pages: [3] },
          { path: 'lon.xlsx', code: 'truncated', severity: 'warning', message: '', stoppedAt: 'Trang tính Thủ tục, dòng 2002', limit: 'maxSheetRows' },
        ],
      },
      prompts,
    });
    expect(lines.slice(1, 4)).toEqual([
      'Bản quét và bảng tính đã đọc:',
      '  • qd-15.pdf: 3 trang, 2 trang nhận dạng ký tự (bản quét), độ tin cậy trung bình 88%; trang dưới ngưỡng tin cậy: 3 (vẫn đưa vào, có đánh dấu)',
      '  • thu-tuc.xlsx: 2 trang tính, 140 dòng (mỗi dòng là một đơn vị trích dẫn)',
    ]);
    expect(lines).toContain('  ⚠ lon.xlsx: dừng đọc tại Trang tính Thủ tục, dòng 2002 vì vượt giới hạn maxSheetRows — phần đã đọc trước đó vẫn được đưa vào');
    expect(lines.some((line) => line.includes('nq.pdf'))).toBe(false);
  });
});
