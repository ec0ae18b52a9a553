import MarkdownIt from 'markdown-it';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/bot/markdown-escape';

// The Markdown renderer Web Chat uses (markdown-it, with its raw HTML passed through for the sanitiser).
const md = new MarkdownIt({ html: true, linkify: true });
/** The text a reader sees: the rendered HTML with its tags removed and entities decoded. */
const seen = (html: string): string =>
  html
    .replace(/<br>\n?/g, '\n')
    .replace(/<\/?p>\n?/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();

describe('escapeMarkdown', () => {
  it.each([
    ['an image tag in a title', 'Luật <img src=x onerror=alert(1)> Cư trú'],
    ['a script in a passage', 'Điều 2. <script>alert(1)</script> còn lại'],
    ['a heading', '# UBND THÀNH PHỐ HẢI PHÒNG'],
    ['a numbered line', '6. Lưu trú là việc công dân ở lại một địa điểm'],
    ['a bulleted line', '- Sở Thông tin và Truyền thông'],
    ['emphasis, links and code', '*đậm* _nghiêng_ [x](http://evil) `mã` ~~gạch~~ a | b'],
    ['an entity and a backslash', '&lt;b&gt; C:\\thư mục'],
    ['a bare address', 'Xem http://evil.example/a và www.evil.vn hoặc thu@evil.vn, số 1.000.000 đồng'],
  ])('renders %s as the literal text, with no markup', (_, text) => {
    const html = md.render(escapeMarkdown(text));
    expect(html).not.toMatch(/<(?!\/?p>|br>)/);
    expect(seen(html)).toBe(text);
  });

  it('keeps the lines of a list as lines (hard breaks), leading spaces dropped', () => {
    const html = md.render(escapeMarkdown('Hồ sơ gồm:\n    a) Tờ khai;\n    b) Giấy tờ chứng minh.'));
    expect(seen(html)).toBe('Hồ sơ gồm:\na) Tờ khai;\nb) Giấy tờ chứng minh.');
    expect(html).not.toContain('<code>');
  });

  it('shows any single line of printable text exactly as written (property)', () => {
    const line = fc.string({ unit: fc.constantFrom(...'ab đ#*_[]()<>!&\\`~|-+=.1):/@w'.split('')), minLength: 1, maxLength: 40 }).map((s) => s.trim()).filter((s) => s !== '');
    fc.assert(
      fc.property(line, (text) => {
        const html = md.render(escapeMarkdown(text));
        expect(html).not.toMatch(/<(?!\/?p>|br>)/);
        expect(seen(html)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
