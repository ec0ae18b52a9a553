import { describe, expect, it } from 'vitest';
import { chunkDocument, detectLegalStructure } from '../../src/chunk/index';
import { isAppError } from '../../src/config/errors';
import { makeDocument } from '../helpers/make-document';
import { chunkProblems } from './invariants';

// A decree in the shape of real ones: issuing body, căn cứ, Chương/Mục headings with their titles on
// the next line, articles with khoản and điểm, an "Điều 12a.", and the recipients after the last article.
const DECREE = `# Nghị định quy định chi tiết Luật Cư trú

CHÍNH PHỦ

Số: 62/2021/NĐ-CP

Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;

Căn cứ Luật Cư trú ngày 13 tháng 11 năm 2020;

Chính phủ ban hành Nghị định quy định chi tiết một số điều của Luật Cư trú.

Chương I

NHỮNG QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh

Nghị định này quy định chi tiết một số điều của Luật Cư trú về đăng ký thường trú, đăng ký tạm trú.

Điều 2. Đối tượng áp dụng

1. Công dân Việt Nam.

2. Cơ quan, tổ chức, cá nhân có liên quan đến đăng ký, quản lý cư trú quy định tại
Điều 169 của Luật này.

CHƯƠNG II

ĐĂNG KÝ CƯ TRÚ

Mục 1. ĐĂNG KÝ THƯỜNG TRÚ

Điều 3. Hồ sơ đăng ký thường trú

1. Hồ sơ đăng ký thường trú đối với người quy định tại khoản 1 Điều 20 của Luật Cư trú bao gồm:

a) Tờ khai thay đổi thông tin cư trú, trong đó ghi rõ ý kiến đồng ý cho đăng ký thường trú của chủ hộ, chủ sở hữu chỗ ở hợp pháp;

b) Giấy tờ, tài liệu chứng minh việc sở hữu chỗ ở hợp pháp, trừ trường hợp đã có thông tin này trong Cơ sở dữ liệu về cư trú;

c) Giấy tờ, tài liệu chứng minh quan hệ nhân thân với chủ hộ, thành viên hộ gia đình, trừ trường hợp đã có thông tin chứng minh quan hệ này trong Cơ sở dữ liệu quốc gia về dân cư.

2. Người đăng ký thường trú nộp hồ sơ đến cơ quan đăng ký cư trú nơi mình cư trú.

Điều 12a. Thời hạn giải quyết

Trong thời hạn 07 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ và hợp lệ, cơ quan đăng ký cư trú có trách nhiệm thẩm định, cập nhật thông tin.
2020. Năm bắt đầu áp dụng thủ tục điện tử trên toàn quốc.

Mục 2. ĐĂNG KÝ TẠM TRÚ

Điều 13. Điều kiện đăng ký tạm trú

Công dân đến sinh sống tại chỗ ở hợp pháp ngoài phạm vi đơn vị hành chính cấp xã nơi đã đăng ký thường trú để lao động, học tập hoặc vì mục đích khác từ 30 ngày trở lên thì phải thực hiện đăng ký tạm trú.

Nơi nhận:
- Ban Bí thư Trung ương Đảng;
- Thủ tướng, các Phó Thủ tướng Chính phủ;

TM. CHÍNH PHỦ
THỦ TƯỚNG`;

const doc = makeDocument({ id: 'nd-62-2021', text: DECREE });
const chunk = (articleMaxChars: number) => chunkDocument({ doc, targetChars: 1200, overlapChars: 300, articleMaxChars });

describe('detectLegalStructure', () => {
  it('finds divisions with their titles, articles, khoản and điểm', () => {
    const structure = detectLegalStructure({ text: doc.text });
    expect(structure?.divisions.map((d) => d.text)).toEqual([
      'Chương I. NHỮNG QUY ĐỊNH CHUNG',
      'CHƯƠNG II. ĐĂNG KÝ CƯ TRÚ',
      'Mục 1. ĐĂNG KÝ THƯỜNG TRÚ',
      'Mục 2. ĐĂNG KÝ TẠM TRÚ',
    ]);
    expect(structure?.articles.map((a) => a.number)).toEqual(['1', '2', '3', '12a', '13']);
    const dieu3 = structure?.articles[2];
    expect(dieu3?.divisions).toEqual(['CHƯƠNG II. ĐĂNG KÝ CƯ TRÚ', 'Mục 1. ĐĂNG KÝ THƯỜNG TRÚ']);
    expect(dieu3?.clauses.map((c) => [c.number, c.points.map((p) => p.letter)])).toEqual([
      [1, ['a', 'b', 'c']],
      [2, []],
    ]);
  });

  it('does not take a wrapped "Điều 169 của Luật này." or a line starting "2020. " for a heading or a khoản', () => {
    const structure = detectLegalStructure({ text: doc.text });
    expect(structure?.articles[1]?.clauses.map((c) => c.number)).toEqual([1, 2]);
    expect(structure?.articles[3]?.clauses).toEqual([]);
  });

  it('finds no structure in a news story that quotes one article', () => {
    const story = 'Hải Phòng đẩy mạnh chuyển đổi số\n\nNghị quyết quy định:\n\nĐiều 3. Tổ chức thực hiện.\n\nCác sở, ngành triển khai ngay.';
    expect(detectLegalStructure({ text: story })).toBeUndefined();
  });
});

describe('chunkDocument on a legal text', () => {
  it('puts the text before the first division in a "Phần mở đầu" chunk, without the title line', () => {
    const [first] = chunk(2000);
    expect(first?.locator).toBe('Phần mở đầu');
    expect(first?.text).toMatch(/^CHÍNH PHỦ\n\nSố: 62\/2021\/NĐ-CP[\s\S]*một số điều của Luật Cư trú\.$/);
    expect(first?.kind).toBe('section');
  });

  it('gives each article its Chương/Mục heading path and keeps short articles whole', () => {
    const chunks = chunk(2000);
    const byLocator = new Map(chunks.map((c) => [c.locator, c]));
    expect(byLocator.get('Điều 1')?.headingPath).toEqual(['Chương I. NHỮNG QUY ĐỊNH CHUNG', 'Điều 1. Phạm vi điều chỉnh']);
    expect(byLocator.get('Điều 13')?.headingPath).toEqual(['CHƯƠNG II. ĐĂNG KÝ CƯ TRÚ', 'Mục 2. ĐĂNG KÝ TẠM TRÚ', 'Điều 13. Điều kiện đăng ký tạm trú']);
    expect(byLocator.get('Điều 12a')?.id).toBe('nd-62-2021#dieu-12a-0');
    expect(byLocator.get('Điều 12a')?.text).toMatch(/cập nhật thông tin\.\n2020\. Năm bắt đầu áp dụng thủ tục điện tử trên toàn quốc\.$/);
    expect(byLocator.get('Điều 2')?.text).toMatch(/quy định tại\nĐiều 169 của Luật này\.$/);
  });

  it('puts the recipients and signature after the last article in a "Phần kết" chunk', () => {
    const last = chunk(2000).at(-1);
    expect(last?.locator).toBe('Phần kết');
    expect(last?.text).toMatch(/^Nơi nhận:\n- Ban Bí thư[\s\S]*THỦ TƯỚNG$/);
    expect(chunk(2000).find((c) => c.locator === 'Điều 13')?.text).not.toContain('Nơi nhận');
  });

  // Điều 3 from its heading to the end of điểm b: with a limit one below that, no two điểm fit together.
  const dieu3 = detectLegalStructure({ text: doc.text })?.articles[2];
  const headingToB = (dieu3?.clauses[0]?.points[1]?.end ?? 0) - (dieu3?.start ?? 0);

  it('splits a long article by khoản and a long khoản by runs of điểm, repeating the heading and the lead-in', () => {
    const dieu3 = chunk(headingToB - 1).filter((c) => c.locator.startsWith('Điều 3,'));
    expect(dieu3.map((c) => c.locator)).toEqual(['Điều 3, khoản 1, điểm a', 'Điều 3, khoản 1, điểm b–c', 'Điều 3, khoản 2']);
    expect(dieu3.map((c) => c.id)).toEqual(['nd-62-2021#dieu-3-khoan-1-diem-a-0', 'nd-62-2021#dieu-3-khoan-1-diem-b-c-0', 'nd-62-2021#dieu-3-khoan-2-0']);
    const [a, b, k2] = dieu3;
    // The first chunk's body starts at the heading, so the khoản's lead-in is in it once.
    expect(a?.text).toMatch(/^Điều 3\. Hồ sơ đăng ký thường trú\n\n1\. Hồ sơ đăng ký thường trú đối với người quy định tại khoản 1 Điều 20 của Luật Cư trú bao gồm:\n\na\) Tờ khai/);
    expect(a?.text).toBe(doc.text.slice(a?.start, a?.end));
    expect(b?.text).toMatch(/^Điều 3\. Hồ sơ đăng ký thường trú\n\n1\. Hồ sơ đăng ký thường trú .* bao gồm:\n\nb\) Giấy tờ, tài liệu chứng minh việc sở hữu/);
    expect(doc.text.slice(b?.start, b?.end)).toMatch(/^b\) Giấy tờ.*Cơ sở dữ liệu về cư trú;\n\nc\) Giấy tờ.*quốc gia về dân cư\.$/);
    expect(k2?.text).toBe(`Điều 3. Hồ sơ đăng ký thường trú\n\n${doc.text.slice(k2?.start, k2?.end)}`);
  });

  it('packs consecutive điểm under one locator "điểm a–b" when they fit', () => {
    const locators = chunk(headingToB).map((c) => c.locator).filter((l) => l.startsWith('Điều 3,'));
    expect(locators).toEqual(['Điều 3, khoản 1, điểm a–b', 'Điều 3, khoản 1, điểm c', 'Điều 3, khoản 2']);
  });

  it('covers the text exactly, whatever the article limit', () => {
    for (const max of [80, 200, 400, 2000]) {
      expect(chunkProblems({ text: doc.text, chunks: chunk(max), title: '# Nghị định quy định chi tiết Luật Cư trú' })).toEqual([]);
    }
  });

  it('rejects an overlap that is not smaller than the target, saying which settings to fix', () => {
    try {
      chunkDocument({ doc, targetChars: 300, overlapChars: 300 });
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'INPUT_INVALID')).toBe(true);
      expect(String(error)).toMatch(/overlapChars must be an integer from 0 to targetChars - 1 \(299\), got 300.*TROLY_CHUNK_OVERLAP_CHARS/);
    }
  });
});
