import { describe, expect, it } from 'vitest';
import { bearerMatches } from '../../src/admin/admin-auth';
import { csvField, feedbackCsv } from '../../src/admin/feedback-csv';
import { overallPercent } from '../../src/admin/progress-percent';
import { checkUploadName } from '../../src/admin/safe-file-name';
import type { FeedbackRecord } from '../../src/bot/feedback-store';

describe('bearerMatches', () => {
  const token = 'ma-quan-tri-2025';
  it.each([
    [`Bearer ${token}`, true],
    [`bearer ${token}`, true],
    [`Bearer  ${token} `, true],
    [`Bearer ${token}x`, false],
    [`Bearer ${token.slice(0, -1)}`, false],
    [token, false],
    [`Basic ${token}`, false],
    ['Bearer ', false],
    ['', false],
    [undefined, false],
  ])('%j → %s', (header, expected) => {
    expect(bearerMatches({ header, token })).toBe(expected);
  });
});

describe('checkUploadName', () => {
  it.each([
    ['Nghị quyết 03-NQ/TU.pdf', 'path'],
    ['../../etc/passwd.md', 'path'],
    ['..\\win.ini.txt', 'path'],
    ['tai-lieu..md', 'path'],
    ['.bashrc.md', 'hidden'],
    ['bao\u0000cao.pdf', 'characters'],
    ['bao:cao.pdf', 'characters'],
    ['bao-cao\u202Efdp.md', 'bidi'],
    ['\u200Fquyet-dinh.pdf', 'bidi'],
    ['ke-hoach\u2066.txt', 'bidi'],
    ['   ', 'empty'],
    [`${'Quyết định '.repeat(20)}.pdf`, 'too-long'],
    ['trinh-chieu.pptx', 'type'],
    ['khong-duoi', 'type'],
  ])('refuses %j (%s)', (name, problem) => {
    expect(checkUploadName(name)).toEqual({ problem });
  });

  it('keeps an ordinary Vietnamese name, NFC-normalised', () => {
    const decomposed = 'Kế hoạch chuyển đổi số 2025.PDF'.normalize('NFD');
    expect(checkUploadName(decomposed)).toEqual({ name: 'Kế hoạch chuyển đổi số 2025.PDF'.normalize('NFC') });
  });
});

describe('feedbackCsv', () => {
  const record: FeedbackRecord = {
    channelId: 'directline',
    conversationId: 'c1',
    userId: 'u1',
    answerId: 'a1',
    rating: 'down',
    question: '=HYPERLINK("http://x", "thủ tục")',
    answer: 'Theo Điều 20, công dân "có chỗ ở hợp pháp",\nthì được đăng ký.',
    citations: [{ n: 1, docId: 'luat-cu-tru', title: 'Luật Cư trú', docNumber: '68/2020/QH14', locator: 'Điều 20', chunkId: 'x', passage: 'p' }],
    at: '2025-03-01T08:00:00.000Z',
  };
  it('quotes fields, defuses formulas and keeps Vietnamese readable in Excel (BOM)', () => {
    const csv = feedbackCsv({ records: [record], header: ['Thời điểm', 'Đánh giá', 'Câu hỏi', 'Câu trả lời', 'Nguồn', 'Kênh', 'Hội thoại'] });
    expect(csv.startsWith('\uFEFFThời điểm,Đánh giá,')).toBe(true);
    const row = csv.split('\r\n')[1] ?? '';
    expect(row).toContain(`"'=HYPERLINK(""http://x"", ""thủ tục"")"`);
    expect(csv).toContain('"Theo Điều 20, công dân ""có chỗ ở hợp pháp"",\nthì được đăng ký."');
    expect(csv).toContain('Luật Cư trú — 68/2020/QH14 — Điều 20');
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('bình thường')).toBe('bình thường');
  });
});

describe('overallPercent', () => {
  it('rises through the phases and ends at 100', () => {
    const steps = [
      overallPercent({ phase: 'ingest', done: 0, total: 10 }),
      overallPercent({ phase: 'ingest', done: 10, total: 10 }),
      overallPercent({ phase: 'chunk', done: 5, total: 10 }),
      overallPercent({ phase: 'lexical', done: 0, total: 1 }),
      overallPercent({ phase: 'vectors', done: 50, total: 100 }),
      overallPercent({ phase: 'switch', done: 1, total: 1 }),
    ];
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(steps.at(-1)).toBe(100);
    expect(overallPercent({ phase: 'ingest', done: 3, total: 0 })).toBe(0);
  });
});
