import { describe, expect, it } from 'vitest';
import { headerTitle } from '../../src/ingest/header-title';
import { extractMetadata, findVietnameseDate } from '../../src/ingest/index';

/** Headers as they come out of real documents (text layer of the PDF / Word file, column by column). */
const PARTY_RESOLUTION = `THÀNH ỦY HẢI PHÒNG
BAN THƯỜNG VỤ
*
Số 03-NQ/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Hải Phòng, ngày 26 tháng 10 năm 2021
NGHỊ QUYẾT
CỦA BAN THƯỜNG VỤ THÀNH ỦY
về chuyển đổi số thành phố Hải Phòng đến năm 2025, định hướng đến năm 2030
I. TÌNH HÌNH VÀ NGUYÊN NHÂN`;

const PEOPLES_COMMITTEE_DECISION = `ỦY BAN NHÂN DÂN
THÀNH PHỐ HẢI PHÒNG
-------
Số: 1234/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Hải Phòng, ngày 05 tháng 5 năm 2022
QUYẾT ĐỊNH
Ban hành Kế hoạch chuyển đổi số thành phố Hải Phòng năm 2022
ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;`;

const LAW = `QUỐC HỘI
-------
Luật số: 68/2020/QH14
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
LUẬT
CƯ TRÚ
Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Quốc hội ban hành Luật Cư trú.
Chương I
NHỮNG QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Luật này quy định về việc thực hiện quyền tự do cư trú của công dân Việt Nam trên lãnh thổ nước Cộng hòa xã hội chủ nghĩa Việt Nam.
Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XIV, kỳ họp thứ 10 thông qua ngày 13 tháng 11 năm 2020.`;

/** A two-column header flattened onto single lines, as some PDF text layers give it. */
const GOVERNMENT_DECREE = `CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc
Số: 15/2024/NĐ-CP Hà Nội, ngày 16 tháng 02 năm 2024
NGHỊ ĐỊNH
Quy định chi tiết một số điều của Luật`;

const OFFICIAL_LETTER = `BỘ THÔNG TIN VÀ TRUYỀN THÔNG
Số: 1064/BTTTT-CĐSQG
V/v hướng dẫn triển khai chuyển đổi số năm 2023
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Hà Nội, ngày 31/3/2023
Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương`;

describe('extractMetadata', () => {
  it.each([
    ['S6: l5/2O24/QÐ-UBND'],
    ['Số: 15 / 2024 / QĐ - UBND'],
    ['Sô: 15l2024/QD-UBND'],
    ['SỐ:I5/2024/QÐ-UBND'],
  ])('reads the số hiệu of a scanned decision header through OCR misreadings: %s', (numberLine) => {
    const header = `ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG\n${numberLine}\nHải Phòng, ngày 12 tháng 3 năm 2024\nQUYẾT ĐỊNH\nVề việc ban hành Quy chế quản lý cây xanh đô thị`;
    expect(extractMetadata({ text: header })).toEqual({ docNumber: '15/2024/QĐ-UBND', issuedDate: '2024-03-12', issuer: 'Ủy ban nhân dân thành phố Hải Phòng', docType: 'Quyết định' });
  });

  it('reads a Party resolution header: the organ under the committee is the issuer', () => {
    expect(extractMetadata({ text: PARTY_RESOLUTION })).toEqual({
      docNumber: '03-NQ/TU',
      issuedDate: '2021-10-26',
      issuer: 'Ban Thường vụ Thành ủy Hải Phòng',
      docType: 'Nghị quyết',
    });
  });

  it('reads a People’s Committee decision: the second line continues the issuer’s name', () => {
    expect(extractMetadata({ text: PEOPLES_COMMITTEE_DECISION })).toEqual({
      docNumber: '1234/QĐ-UBND',
      issuedDate: '2022-05-05',
      issuer: 'Ủy ban nhân dân thành phố Hải Phòng',
      docType: 'Quyết định',
    });
  });

  it('reads a law: "Luật số:", the date it was passed at the end', () => {
    expect(extractMetadata({ text: LAW })).toEqual({ docNumber: '68/2020/QH14', issuedDate: '2020-11-13', issuer: 'Quốc hội', docType: 'Luật' });
  });

  it('reads a header whose two columns were flattened onto one line', () => {
    expect(extractMetadata({ text: GOVERNMENT_DECREE })).toEqual({
      docNumber: '15/2024/NĐ-CP',
      issuedDate: '2024-02-16',
      issuer: 'Chính phủ',
      docType: 'Nghị định',
    });
  });

  it('recognises an official letter by its "V/v" line and cases a ministry name', () => {
    expect(extractMetadata({ text: OFFICIAL_LETTER })).toEqual({
      docNumber: '1064/BTTTT-CĐSQG',
      issuedDate: '2023-03-31',
      issuer: 'Bộ Thông tin và Truyền thông',
      docType: 'Công văn',
    });
  });

  it('takes number, type and date from a title that names the document itself', () => {
    const title = 'Nghị quyết số 03-NQ/TU ngày 26/10/2021 của Ban Thường vụ Thành ủy về chuyển đổi số';
    expect(extractMetadata({ text: title, title })).toEqual({ docNumber: '03-NQ/TU', issuedDate: '2021-10-26', docType: 'Nghị quyết' });
  });

  it('does not turn a news article that mentions a resolution into that resolution', () => {
    const article = `Hải Phòng: Quán triệt, tuyên truyền và triển khai thực hiện Nghị quyết 03 của Ban Thường vụ Thành ủy về chuyển đổi số
Ngày 21/4, Thành ủy Hải Phòng tổ chức Hội nghị cán bộ thành phố trực tuyến nghiên cứu, học tập, quán triệt Nghị quyết số 03-NQ-TU ngày 26/10/2021 của Ban Thường vụ Thành ủy về Chuyển đổi số thành phố Hải Phòng.`;
    expect(extractMetadata({ text: article, title: article.split('\n')[0] })).toEqual({});
  });
});

describe('findVietnameseDate', () => {
  it('reads numeric and spelled-out dates as ISO', () => {
    expect(findVietnameseDate('ngày 26/10/2021')).toBe('2021-10-26');
    expect(findVietnameseDate('Hải Phòng, ngày 26 tháng 10 năm 2021')).toBe('2021-10-26');
    expect(findVietnameseDate('Hà Nội, Ngày 5 tháng 1 năm 2024')).toBe('2024-01-05');
  });

  it('rejects dates that do not exist', () => {
    expect(findVietnameseDate('ngày 31 tháng 2 năm 2021')).toBeUndefined();
    expect(findVietnameseDate('ngày 12/13/2021')).toBeUndefined();
  });
});

describe('headerTitle', () => {
  it('names a document by its type, name, số hiệu and subject when its header has no other title', () => {
    expect(headerTitle({ text: LAW, meta: extractMetadata({ text: LAW }) })).toBe('Luật Cư trú số 68/2020/QH14');
    expect(headerTitle({ text: PARTY_RESOLUTION, meta: extractMetadata({ text: PARTY_RESOLUTION }) })).toBe(
      'Nghị quyết số 03-NQ/TU về chuyển đổi số thành phố Hải Phòng đến năm 2025, định hướng đến năm 2030',
    );
    expect(headerTitle({ text: PEOPLES_COMMITTEE_DECISION, meta: { docNumber: '1234/QĐ-UBND' } })).toBe(
      'Quyết định số 1234/QĐ-UBND ban hành Kế hoạch chuyển đổi số thành phố Hải Phòng năm 2022',
    );
  });

  it('gives nothing for a text without an administrative header', () => {
    expect(headerTitle({ text: 'Năm 2022, Hải Phòng chọn chuyển đổi số là một trong 3 nội dung của chủ đề năm.', meta: {} })).toBeUndefined();
  });
});
