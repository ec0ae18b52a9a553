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
      '  ✗ mat-khau.pdf: tệp PDF có mật khẩu — hãy bổ sung bản không đặt mật khẩu',
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
});
