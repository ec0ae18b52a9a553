import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatUnderstanding, UNDERSTANDING_PROMPT_KEYS } from '../../src/cli/format-understanding';
import { loadPrompts } from '../../src/prompts/catalog';
import type { QueryUnderstanding } from '../../src/retrieve/understanding';

const prompts = loadPrompts({ dir: resolve(__dirname, '../../prompts') });

const UNDERSTOOD: QueryUnderstanding = {
  original: 'cho em hỏi Điều 20 Luật Cư trú ko có sổ đỏ thì đăng ký thường chú ntn ạ',
  searched: 'điều 20 luật cư trú không có sổ đỏ thì đăng ký thường trú',
  documents: [{ docIds: ['luat-cu-tru'], titles: ['Luật Cư trú'], typed: 'luat cu tru', how: 'name' }],
  documentUse: 'lookup',
  articles: [{ article: 20, clause: 2 }],
  corrections: [
    { from: 'ko', to: 'không', reason: 'chat-code' },
    { from: 'chú', to: 'trú', reason: 'context' },
  ],
  expansions: [{ from: 'sổ đỏ', to: 'giấy chứng nhận quyền sử dụng đất', kind: 'everyday' }],
  dropped: ['cho em hỏi', 'như thế nào', 'ạ'],
  changed: true,
};

describe('formatUnderstanding', () => {
  it('has every prompt it uses', () => {
    expect(() => prompts.require(UNDERSTANDING_PROMPT_KEYS)).not.toThrow();
  });

  it('says what was searched, the document and how it was used, corrections, expansions and what was left out', () => {
    expect(formatUnderstanding({ understood: UNDERSTOOD, prompts })).toEqual([
      'Đã hiểu là: "điều 20 luật cư trú không có sổ đỏ thì đăng ký thường trú"',
      '  Văn bản: Luật Cư trú (từ "luat cu tru"; tra đúng điều được nêu)',
      '  Điều khoản: khoản 2 Điều 20',
      '  Sửa: "ko" → "không" (viết tắt khi chat)',
      '  Sửa: "chú" → "trú" (không hợp với từ bên cạnh)',
      '  Tìm thêm: "sổ đỏ" → "giấy chứng nhận quyền sử dụng đất" (từ pháp lý tương ứng)',
      '  Bỏ qua: "cho em hỏi", "như thế nào", "ạ"',
    ]);
  });

  it('says plainly when nothing was changed', () => {
    const unchanged = { ...UNDERSTOOD, searched: 'điều kiện kết hôn', documents: [], documentUse: 'none' as const, articles: [], corrections: [], expansions: [], dropped: [], changed: false };
    expect(formatUnderstanding({ understood: unchanged, prompts })).toEqual(['Đã hiểu là: "điều kiện kết hôn" (không thay đổi)']);
  });
});
