import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/config';
import { DEFAULT_TUNABLES } from '../../src/config/tunables';
import { ingestFolder, type IngestResult } from '../../src/ingest/index';
import { ingestLimits } from '../../src/ingest/ingest-limits';

let result: IngestResult;

beforeAll(async () => {
  result = await ingestFolder({ dir: resolve(PROJECT_ROOT, 'knowledge'), limits: ingestLimits(DEFAULT_TUNABLES) });
});

describe('knowledge/ (the shipped sample)', () => {
  it('yields the five articles with their headlines and no problem', () => {
    expect(result.problems).toEqual([]);
    expect(result.filesSeen).toBe(5);
    expect(result.documents.map((d) => d.title)).toEqual([
      'Bộ TT&TT và UBND thành phố Hải Phòng ký biên bản ghi nhớ về phối hợp thúc đẩy chuyển đổi số giai đoạn 2022 - 2025',
      'Chuyển đổi số tại Hải Phòng: Kết hợp nhuần nhuyễn giữa nâng cao nhận thức và đầu tư hạ tầng',
      'Hải Phòng: Quán triệt, tuyên truyền và triển khai thực hiện Nghị quyết 03 của Ban Thường vụ Thành ủy về chuyển đổi số',
      'UBND thành phố Hải Phòng ban hành Chương trình hành động thực hiện Nghị quyết số 03-NQ/TU về chuyển đổi số',
      'Ủy ban Quốc gia về Chuyển đổi số họp phiên thứ hai đánh giá kết quả thực hiện quý I/2022',
    ]);
  });

  it('marks every document as an article, with the dates and sources the articles give', () => {
    for (const document of result.documents) expect(document.meta.docType).toBe('Bài viết');
    const meta = Object.fromEntries(result.documents.map((d) => [d.id, d.meta]));
    expect(meta['chuyen-doi-so-tai-hai-phong-nang-cao-nhan-thuc-va-dau-tu-ha-tang']?.issuedDate).toBe('2022-08-04');
    expect(meta['uy-ban-quoc-gia-ve-chuyen-doi-so-hop-phien-thu-hai-danh-gia-ket-qua-quy-i-2022']).toMatchObject({
      issuedDate: '2022-04-27',
      issuer: 'Cổng tin tức Thành phố Hải Phòng',
    });
    expect(meta['hai-phong-quan-triet-trien-khai-nghi-quyet-03-ve-chuyen-doi-so']?.sourceUrl).toMatch(/^https:\/\//);
  });

  it('keeps the facts the assistant answers from, and none of the web page chrome', () => {
    const all = result.documents.map((d) => d.text).join('\n');
    // "Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?"
    expect(all).toContain('tốc độ băng rộng cố định của Hải Phòng hiện đạt ~ 60 Mbps');
    expect(all).toContain('tổng số 11.345 đại biểu tham dự');
    expect(all).toContain('Tỷ lệ hồ sơ trực tuyến cũng khá cao, hiện đạt 27,9%');
    expect(all).toContain('trợ lý ảo sẽ được đưa vào sử dụng trước ngày 1/7');
    for (const cruft of ['Print Thứ Tư', 'captcha', 'QR Code', 'Bình luận của bạn']) expect(all).not.toContain(cruft);
  });
});
