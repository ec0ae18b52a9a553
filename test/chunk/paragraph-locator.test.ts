import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createParagraphLocator } from '../../src/chunk';
import { PROJECT_ROOT } from '../../src/config/config';
import { normalizeText } from '../../src/text';

// A shipped knowledge/ story: a lead paragraph, then two "##" sections of paragraphs.
const text = normalizeText(readFileSync(resolve(PROJECT_ROOT, 'knowledge/chuyen-doi-so-tai-hai-phong-nang-cao-nhan-thuc-va-dau-tu-ha-tang.md'), 'utf8'));
const locate = createParagraphLocator(text);
const at = (needle: string): { start: number; end: number } => {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`not in the story: ${needle}`);
  return { start, end: start + needle.length };
};

describe('createParagraphLocator', () => {
  it('names the section heading and the paragraph within it', () => {
    // The 6th paragraph under "## Tăng cường đầu tư phát triển nền tảng số, hạ tầng số".
    expect(locate([at('thành phố giao 58 nhiệm vụ về chuyển đổi số cho 21 đơn vị')])).toBe('Tăng cường đầu tư phát triển nền tảng số, hạ tầng số, đoạn 6');
    expect(locate([at('Trung tâm Internet Việt Nam (VNNIC) và Sở TTTT')])).toBe('Tăng cường đầu tư phát triển nền tảng số, hạ tầng số, đoạn 2');
  });

  it('counts a paragraph before any heading in the document', () => {
    expect(locate([at('Năm 2022, Hải Phòng chọn chuyển đổi số')])).toBe('Đoạn 1');
  });

  it('lists the paragraphs quoted, not the span between them, section by section', () => {
    const first = at('Trên thực tế, khái niệm chuyển đổi số');
    const third = at('BCĐ chuyển đổi số thành phố họp');
    expect(locate([first, third])).toBe('Nâng cao nhận thức để dẫn dắt hành động, đoạn 1, 3');
    expect(locate([{ start: first.start, end: third.end }])).toBe('Nâng cao nhận thức để dẫn dắt hành động, đoạn 1–3');
    expect(locate([first, at('thành phố giao 58 nhiệm vụ')])).toBe('Nâng cao nhận thức để dẫn dắt hành động, đoạn 1; Tăng cường đầu tư phát triển nền tảng số, hạ tầng số, đoạn 6');
  });

  it('finds nothing for a stretch outside every paragraph (the title)', () => {
    expect(locate([at('# Chuyển đổi số tại Hải Phòng')])).toBeUndefined();
  });
});
