import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { splitSentences } from '../../src/text/index';

// Real sentences of Luật Cư trú (shared/ beside the repository), stripped of khoản/điểm numbers and
// of anything that could read as a heading, so generated documents have only the structure we give them.
const LAW = fileURLToPath(new URL('../../../shared/bench/alqac2023/laws/luat-cu-tru.md', import.meta.url));
const STRUCTURE_LIKE = /^(?:#|điều\s|chương\s|mục\s|phần\s|tiểu mục\s|nơi nhận|luật này (?:đã )?được)/i;
export const SENTENCES: readonly string[] = splitSentences(readFileSync(LAW, 'utf8').normalize('NFC'))
  .map((s) => s.text.replace(/^(?:\d+\.|[a-zđ]\))\s+/, ''))
  .filter((s) => s.length > 20 && !STRUCTURE_LIKE.test(s) && /[.;:]$/.test(s));

const sentence = (i: number): string => SENTENCES[i % SENTENCES.length] ?? '';
/** A short title from a sentence: its first words, no final punctuation ("Công dân có chỗ ở hợp pháp"). */
const titleOf = (i: number, words: number): string => sentence(i).split(/\s+/).slice(0, words).join(' ').replace(/[.,;:]+$/, '');

const sentences = (min: number, max: number) => fc.array(fc.nat(), { minLength: min, maxLength: max });
/** One sentence far longer than any chunk limit: words of real sentences with no sentence end. */
const runOn = (i: number): string => Array.from({ length: 30 }, (_, k) => sentence(i + k).replace(/[.;:]$/, ',')).join(' ') + '.';

const clause = fc.record({ sentences: sentences(1, 3), points: fc.array(sentences(1, 2), { maxLength: 4 }), runOn: fc.boolean() });
const article = fc.record({ title: fc.nat(), intro: sentences(0, 2), clauses: fc.array(clause, { maxLength: 5 }) });
const division = fc.record({ level: fc.constantFrom('Phần thứ', 'Chương', 'Mục'), title: fc.nat(), sameLine: fc.boolean() });
export const legalSpec = fc.record({
  title: fc.boolean(),
  preamble: sentences(0, 4),
  parts: fc.array(fc.record({ division: fc.option(division, { nil: undefined }), article }), { minLength: 2, maxLength: 8 }),
  closing: fc.boolean(),
});
export type LegalSpec = typeof legalSpec extends fc.Arbitrary<infer T> ? T : never;

const ORDINALS = ['nhất', 'hai', 'ba', 'tư', 'năm', 'sáu', 'bảy', 'tám'];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];

/** Renders a legal text and records where each article starts and ends. */
export function renderLegal(spec: LegalSpec): { text: string; title?: string; articles: { number: string; start: number; end: number }[] } {
  const blocks: string[] = [];
  const articles: { number: string; start: number; end: number }[] = [];
  let offset = 0;
  const push = (block: string): number => {
    const at = offset;
    blocks.push(block);
    offset += block.length + 2;
    return at;
  };
  const title = spec.title ? '# Luật mẫu về cư trú' : undefined;
  if (title) push(title);
  for (const i of spec.preamble) push(`Căn cứ ${sentence(i)}`);
  spec.parts.forEach((part, n) => {
    const d = part.division;
    if (d) {
      const marker = d.level === 'Phần thứ' ? `Phần thứ ${ORDINALS[n] ?? 'chín'}` : `${d.level} ${d.level === 'Chương' ? ROMAN[n] : n + 1}`;
      const heading = titleOf(d.title, 4).toUpperCase();
      push(d.sameLine ? `${marker}. ${heading}` : `${marker}\n\n${heading}`);
    }
    const number = String(n + 1);
    const start = push(`Điều ${number}. ${titleOf(part.article.title, 6)}`);
    for (const i of part.article.intro) push(sentence(i));
    part.article.clauses.forEach((c, k) => {
      push(`${k + 1}. ${c.sentences.map(sentence).join(' ')}${c.runOn ? ` ${runOn(k)}` : ''}`);
      c.points.forEach((p, j) => push(`${'abcdđ'[j]}) ${p.map(sentence).join(' ')}`));
    });
    articles.push({ number, start, end: offset - 2 });
  });
  if (spec.closing) push('Nơi nhận:\n- Bộ Tư pháp;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH');
  return { text: blocks.join('\n\n'), title, articles };
}

const proseBlock = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('paragraph' as const), sentences: sentences(1, 6), runOn: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('markdown' as const), level: fc.integer({ min: 1, max: 3 }), title: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('heading-like' as const), title: fc.nat() }) },
);
export const proseSpec = fc.array(proseBlock, { minLength: 1, maxLength: 14 });
export type ProseSpec = typeof proseSpec extends fc.Arbitrary<infer T> ? T : never;

/** Renders a non-legal document: paragraphs of real sentences, Markdown headings and heading-like lines. */
export function renderProse(spec: ProseSpec): string {
  return spec
    .map((b) => {
      if (b.kind === 'markdown') return `${'#'.repeat(b.level)} ${titleOf(b.title, 5)}`;
      if (b.kind === 'heading-like') return titleOf(b.title, 7);
      return b.sentences.map(sentence).join(' ') + (b.runOn && b.sentences.length > 3 ? ` ${runOn(b.sentences[0] ?? 0)}` : '');
    })
    .join('\n\n');
}
