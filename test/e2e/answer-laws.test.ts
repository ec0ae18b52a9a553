import { copyFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LivePipeline } from '../../src/app/live-pipeline';
import { PROJECT_ROOT } from '../../src/config/config';
import { loadPrompts } from '../../src/prompts/catalog';
import { findArticleRefs, foldDiacritics } from '../../src/text/index';
import { serveKnowledge, type ServedKnowledge } from '../helpers/served-knowledge';
import { expectVerbatim } from './answer-checks';

// Three of the ALQAC 2023 laws (shared/ beside the repository, see DESIGN.md) with their số hiệu,
// indexed and served for real.
const LAWS = fileURLToPath(new URL('../../../shared/bench/alqac2023/laws/', import.meta.url));
const FILES = [
  { file: 'luat-cu-tru.md', docNumber: '68/2020/QH14' },
  { file: 'luat-hon-nhan-va-gia-dinh.md', docNumber: '52/2014/QH13' },
  { file: 'luat-vien-chuc.md', docNumber: '58/2010/QH12' },
];
const prompts = loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') });
const REFUSAL = prompts.format('answer.refusal');
let served: ServedKnowledge;
let pipeline: LivePipeline;

beforeAll(async () => {
  served = await serveKnowledge({
    prompts,
    fill: (knowledgeDir) => {
      for (const { file, docNumber } of FILES) {
        copyFileSync(join(LAWS, file), join(knowledgeDir, file));
        writeFileSync(join(knowledgeDir, `${file}.meta.json`), JSON.stringify({ docNumber, docType: 'Luật', issuer: 'Quốc hội' }));
      }
    },
  });
  pipeline = served.pipeline;
});
afterAll(() => served?.close());

const ask = (question: string) => pipeline.assistant.ask({ question });

// [question, law, article, the words of the rule the answer must quote]
const LEGAL: Array<[string, string, number, string]> = [
  ['Nam, nữ kết hôn phải đủ bao nhiêu tuổi?', 'Luật Hôn nhân và gia đình', 8, 'Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên'],
  ['Thời gian tập sự của viên chức là bao lâu?', 'Luật Viên chức', 27, 'Thời gian tập sự từ 03 tháng đến 12 tháng'],
  ['Diện tích nhà ở tối thiểu để đăng ký thường trú tại chỗ ở thuê là bao nhiêu?', 'Luật Cư trú', 20, '08 m2 sàn/người'],
  ['Đơn vị phải báo trước bao nhiêu ngày khi đơn phương chấm dứt hợp đồng làm việc không xác định thời hạn với viên chức?', 'Luật Viên chức', 29, 'ít nhất 45 ngày'],
  // A place in the question does not stop a law that applies everywhere from answering.
  ['Người thuê nhà ở Hải Phòng muốn đăng ký thường trú tại chỗ ở thuê cần diện tích tối thiểu bao nhiêu?', 'Luật Cư trú', 20, '08 m2 sàn/người'],
];

const NOT_IN_THESE_LAWS = [
  'Giấy phép lái xe hạng B2 có thời hạn bao lâu?',
  'Cách nấu phở bò Nam Định như thế nào?',
  'Mức trợ cấp thất nghiệp hằng tháng bằng bao nhiêu phần trăm tiền lương?',
];

describe('answers on the ALQAC laws (real pipeline)', () => {
  it.each(LEGAL)('answers "%s" from %s, Điều %i, quoting the rule verbatim', async (question, law, article, rule) => {
    const answer = await ask(question);
    expect(answer.grounded).toBe(true);
    const citation = answer.citations.find((c) => c.title === law && findArticleRefs(c.locator)[0]?.article === article);
    expect(citation, answer.citations.map((c) => `${c.title} ${c.locator}`).join('; ')).toBeDefined();
    expect(citation?.passage).toContain(rule);
    expect(citation?.docNumber).toBe(FILES.find((f) => law === titleOf(f.file))?.docNumber);
    await expectVerbatim(answer, pipeline.documents);
  });

  it.each(LEGAL)('answers "%s" typed without diacritics from the same article', async (question, law, article, rule) => {
    const accented = await ask(question);
    const plain = await ask(foldDiacritics(question));
    expect(plain.grounded).toBe(true);
    // The same source first; which further sentences join it may differ (bench/results/answers.md measures exact parity).
    expect([plain.citations[0]?.docId, plain.citations[0]?.locator]).toEqual([accented.citations[0]?.docId, accented.citations[0]?.locator]);
    expect(plain.citations.some((c) => c.title === law && findArticleRefs(c.locator)[0]?.article === article && c.passage.includes(rule))).toBe(true);
  });

  it.each(NOT_IN_THESE_LAWS)('refuses "%s", with or without diacritics', async (question) => {
    for (const typed of [question, foldDiacritics(question)]) {
      const answer = await ask(typed);
      expect(answer.grounded, typed).toBe(false);
      expect(answer.citations).toEqual([]);
      expect(answer.text.startsWith(REFUSAL)).toBe(true);
    }
  });
});

function titleOf(file: string): string {
  return { 'luat-cu-tru.md': 'Luật Cư trú', 'luat-hon-nhan-va-gia-dinh.md': 'Luật Hôn nhân và gia đình', 'luat-vien-chuc.md': 'Luật Viên chức' }[file] ?? '';
}
