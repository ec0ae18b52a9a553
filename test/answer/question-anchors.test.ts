import { describe, expect, it } from 'vitest';
import { anchorTerms, anchorVerdict, passageAnchors, questionAnchors } from '../../src/answer/question-anchors';
import { analyzeQuestion } from '../../src/answer/question-analysis';
import type { RetrievedPassage } from '../../src/retrieve/types';
import { foldDiacritics } from '../../src/text';

function passage({ title, text, docNumber, headingPath = [] }: { title: string; text: string; docNumber?: string; headingPath?: string[] }): RetrievedPassage {
  return {
    chunk: { id: 'doc#0', docId: 'doc', ordinal: 0, locator: headingPath.join(' › ') || 'Đoạn 1', headingPath, text, start: 0, end: text.length, kind: 'section' },
    doc: { id: 'doc', title, meta: docNumber === undefined ? {} : { docNumber } },
    score: 1,
    scores: { lexical: 1 },
  };
}

const anchorsOf = (question: string) => questionAnchors({ question, accentFree: foldDiacritics(question) === question }).map((a) => [a.kind, a.text]);
const verdict = (question: string, p: RetrievedPassage) => {
  const analysis = analyzeQuestion({ question });
  return anchorVerdict({ anchors: analysis.anchors, passage: passageAnchors(p), accentFree: analysis.accentFree });
};

// Real sentences of the sample documents and of the Luật Cư trú.
const HAI_PHONG_SPEED = passage({
  title: 'Chuyển đổi số tại Hải Phòng: Kết hợp nhuần nhuyễn giữa nâng cao nhận thức và đầu tư hạ tầng',
  text: 'Hạ tầng băng thông rộng di động 4G đã được phủ đến 100% cấp huyện và cấp xã trên địa bàn thành phố; tốc độ băng rộng cố định của Hải Phòng hiện đạt ~ 60 Mbps (đứng thứ 38/63 tỉnh, thành – trung bình cả nước là 73,5 Mbps).',
});
const NATIONAL_REVENUE = passage({
  title: 'Ủy ban Quốc gia về Chuyển đổi số họp phiên thứ hai đánh giá kết quả thực hiện quý I/2022',
  text: 'Đóng góp của kinh tế số cho nền kinh tế Việt Nam ngày càng tăng, ước tính doanh thu kinh tế số trong quý I/2022 đạt khoảng 53 tỷ USD.',
});
const CU_TRU_20_3 = passage({
  title: 'Luật Cư trú',
  docNumber: '68/2020/QH14',
  headingPath: ['Điều 20. Điều kiện đăng ký thường trú'],
  text: 'Điều 20. Điều kiện đăng ký thường trú\n\n3. Trừ trường hợp quy định tại khoản 2 Điều này, công dân được đăng ký thường trú tại chỗ ở hợp pháp do thuê, mượn, ở nhờ khi đáp ứng các điều kiện sau đây:\n\nb) Bảo đảm điều kiện về diện tích nhà ở tối thiểu do Hội đồng nhân dân cấp tỉnh quy định nhưng không thấp hơn 08 m2 sàn/người.',
});

describe('questionAnchors', () => {
  it.each<[string, Array<[string, string]>]>([
    ['Tốc độ băng rộng cố định của Đà Nẵng đạt bao nhiêu?', [['place', 'Đà Nẵng']]],
    ['Toc do bang rong co dinh cua Da Nang dat bao nhieu?', [['place', 'Da Nang']]],
    ['Hải Phòng đứng thứ mấy cả nước về tốc độ băng rộng cố định?', [['place', 'Hải Phòng']]],
    ['Doanh thu kinh tế số trong quý I/2023 ước tính đạt bao nhiêu?', [['year', '2023']]],
    ['Theo Luật Du Lịch, hợp đồng lữ hành có phải lập thành văn bản không?', [['name', 'Luật Du Lịch']]],
    ['Ai làm Trưởng ban Ban Chỉ đạo Chuyển đổi số thành phố?', [['name', 'Trưởng'], ['name', 'Ban Chỉ'], ['name', 'Chuyển']]],
    ['Tốc độ băng rộng cố định của thành phố đạt bao nhiêu?', []],
    ['UBND thành phố đề ra bao nhiêu nhiệm vụ?', []],
    // A sentence's first word is a name when it is not spelled like a Vietnamese syllable.
    ['Viettel đã đầu tư bao nhiêu trạm BTS ở Hải Phòng?', [['place', 'Hải Phòng'], ['name', 'Viettel']]],
    ['Công chức vi phạm thì có những hình thức kỷ luật nào?', []],
  ])('finds the anchors of "%s"', (question, expected) => {
    expect(anchorsOf(question)).toEqual(expected);
  });

  it('finds a place of two or more syllables typed all in lower case, but no other name, nor a place that is a common word', () => {
    expect(anchorsOf('toc do bang rong co dinh cua da nang dat bao nhieu')).toEqual([['place', 'da nang']]);
    expect(anchorsOf('tốc độ băng rộng cố định của đà nẵng đạt bao nhiêu')).toEqual([['place', 'đà nẵng']]);
    expect(anchorsOf('luat cu tru quy dinh gi ve tam tru')).toEqual([]);
    expect(anchorsOf('công dân có nghĩa vụ giữ gìn hòa bình như thế nào')).toEqual([]);
  });
});

describe('anchorVerdict', () => {
  it('rejects a passage about another place, with or without diacritics in the question', () => {
    for (const question of ['Tốc độ băng rộng cố định của Đà Nẵng đạt bao nhiêu?', 'Toc do bang rong co dinh cua Da Nang dat bao nhieu?', 'toc do bang rong co dinh cua da nang dat bao nhieu']) {
      expect(verdict(question, HAI_PHONG_SPEED).holds).toBe(false);
    }
    expect(verdict('Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?', HAI_PHONG_SPEED)).toEqual({ holds: true, general: [] });
  });

  it('counts a place named only in the document title', () => {
    const paragraph = passage({ title: HAI_PHONG_SPEED.doc.title, text: 'Bên cạnh đó, thành phố đã triển khai thí điểm trung tâm điều hành thông minh, kết nối 21 camera giám sát một cửa.' });
    expect(verdict('Hải Phòng đã kết nối bao nhiêu camera giám sát một cửa?', paragraph).holds).toBe(true);
    expect(verdict('Cần Thơ đã kết nối bao nhiêu camera giám sát một cửa?', paragraph).holds).toBe(false);
  });

  it('rejects a passage about another year, keeps one that names the year asked', () => {
    expect(verdict('Doanh thu kinh tế số trong quý I/2023 ước tính đạt bao nhiêu?', NATIONAL_REVENUE).holds).toBe(false);
    expect(verdict('Doanh thu kinh tế số trong quý I/2022 ước tính đạt bao nhiêu?', NATIONAL_REVENUE).holds).toBe(true);
  });

  it('lets a law article that names no place answer for any place, as a general rule', () => {
    const v = verdict('Người thuê nhà ở Hải Phòng cần diện tích tối thiểu bao nhiêu để đăng ký thường trú?', CU_TRU_20_3);
    expect(v.holds).toBe(true);
    expect(v.general.map((a) => a.text)).toEqual(['Hải Phòng']);
  });

  it('rejects a passage of another law when the question names its law, not one that only says "Luật này"', () => {
    const question = 'Theo Luật Du lịch, hợp đồng lữ hành có phải lập thành văn bản không?';
    expect(verdict(question, CU_TRU_20_3).holds).toBe(false);
    const untitled = passage({ title: 'Văn bản hợp nhất', text: 'Hợp đồng lữ hành phải được lập thành văn bản theo quy định của Luật này.' });
    expect(verdict(question, untitled).holds).toBe(true);
  });

  it('does not take a lower-case word for a place ("hòa bình" is peace, not Hòa Bình)', () => {
    const peace = passage({ title: 'Văn bản', text: 'Công dân có nghĩa vụ giữ gìn hòa bình và trật tự an toàn xã hội.' });
    expect(passageAnchors(peace).hasPlace).toBe(false);
    expect(verdict('Công dân Đà Nẵng có nghĩa vụ gì?', peace).holds).toBe(true);
  });
});

describe('anchorTerms', () => {
  it('names every question term that touches a general place, and no other', () => {
    const analysis = analyzeQuestion({ question: 'Người thuê nhà ở Hải Phòng cần diện tích tối thiểu bao nhiêu?' });
    const terms = anchorTerms({ anchors: analysis.anchors, terms: analysis.terms });
    expect([...terms].sort()).toEqual(analysis.terms.map((t) => t.folded).filter((t) => /(^|_)(hai|phong)(_|$)/.test(t)).sort());
    expect(terms).toContain('hai_phong');
    expect(terms).not.toContain('dien_tich');
  });

  it('leaves a year in: an undated paragraph of a report is still of its own time', () => {
    const analysis = analyzeQuestion({ question: 'Dân số thành phố Hải Phòng năm 2023 là bao nhiêu người?' });
    const year = analysis.anchors.filter((a) => a.kind === 'year');
    expect(year).toHaveLength(1);
    expect(anchorTerms({ anchors: year, terms: analysis.terms }).size).toBe(0);
  });
});
