import { describe, expect, it } from 'vitest';
import { checkLlmReply } from '../../../src/answer/llm/check-llm-reply';

describe('checkLlmReply', () => {
  it('renumbers the cited passages in order of first appearance', () => {
    const r = checkLlmReply({ text: 'Tốc độ đạt ~ 60 Mbps [3]. Thuê bao di động đạt 83% [1][3].', passageCount: 4 });
    expect(r).toEqual({
      ok: true,
      sentences: [
        { text: 'Tốc độ đạt ~ 60 Mbps.', cites: [1] },
        { text: 'Thuê bao di động đạt 83%.', cites: [2, 1] },
      ],
      cited: [3, 1],
    });
  });

  it('splits grouped markers such as [2, 4]', () => {
    expect(checkLlmReply({ text: 'Thời hạn là 07 ngày làm việc [2, 4].', passageCount: 5 })).toEqual({ ok: true, sentences: [{ text: 'Thời hạn là 07 ngày làm việc.', cites: [1, 2] }], cited: [2, 4] });
  });

  it('gives a sentence of markers only to the sentence before it', () => {
    expect(checkLlmReply({ text: 'Thời hạn là 07 ngày làm việc. [2]', passageCount: 3 })).toEqual({ ok: true, sentences: [{ text: 'Thời hạn là 07 ngày làm việc.', cites: [1] }], cited: [2] });
  });

  it.each([
    ['an invented passage', 'Thời hạn là 07 ngày làm việc [9].', /\[9\]/],
    ['passage 0', 'Thời hạn là 07 ngày làm việc [0].', /\[0\]/],
    ['no citation', 'Thời hạn là 07 ngày làm việc.', /no passage/],
    ['an empty reply', '  \n ', /empty/],
  ])('rejects %s', (_, text, reason) => {
    const r = checkLlmReply({ text, passageCount: 3 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});
