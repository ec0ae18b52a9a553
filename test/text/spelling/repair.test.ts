import { describe, expect, it } from 'vitest';
import { analyzeForIndex, syllables } from '../../../src/text/index';
import { repairSpelling, type TermFrequency } from '../../../src/text/spelling/repair';
import { decodeTelex } from '../../../src/text/spelling/telex';
import { accentVariants, confusionVariants } from '../../../src/text/spelling/variants';

// A small corpus, one "chunk" per line, from the wording of Luật Cư trú and Bộ luật dân sự.
const CORPUS = [
  'Công dân có quyền đăng ký tạm trú tại nơi ở hợp pháp',
  'Hồ sơ đăng ký tạm trú gồm tờ khai thay đổi thông tin cư trú',
  'Thời hạn tạm trú tối đa là 02 năm và có thể tiếp tục gia hạn nhiều lần',
  'Người đăng ký tạm trú phải khai báo với cơ quan đăng ký cư trú',
  'Thủ tục đăng ký tạm trú được thực hiện tại công an xã',
  'Những người sau đây được đăng ký thường trú tại chỗ ở hợp pháp',
  'Những người có quyền và nghĩa vụ được quy định tại khoản 1 Điều này',
  'Những người được giám hộ có nơi cư trú là nơi cư trú của người giám hộ',
  'Mức phạt tiền bao nhiêu do cơ quan có thẩm quyền quyết định theo thủ tục hành chính',
  'Lệ phí bao nhiêu đồng do Bộ Tài chính quy định về thủ tục',
  'Thủ tục hành chính về cư trú được công khai',
  'Người lao động được nghỉ bao nhiêu ngày trong năm',
  'Trẻ em bao nhiêu tuổi thì được cấp thẻ căn cước',
  'Người đứng đầu cơ quan chú ý việc ghi chú hồ sơ',
  'Kiểm tra việc chấp hành pháp luật về tham nhũng',
  'Chứng minh nơi cư trú bằng giấy tờ hợp pháp và thủ tục đăng ký',
];

function frequencyOf(lines: readonly string[]): TermFrequency {
  const df = { accented: new Map<string, number>(), folded: new Map<string, number>() };
  for (const line of lines) {
    const a = analyzeForIndex(line);
    for (const t of new Set([...a.syllables, ...a.bigrams])) df.accented.set(t, (df.accented.get(t) ?? 0) + 1);
    for (const t of new Set([...a.foldedSyllables, ...a.foldedBigrams])) df.folded.set(t, (df.folded.get(t) ?? 0) + 1);
  }
  return (term, view) => df[view].get(term) ?? 0;
}

const frequency = frequencyOf(CORPUS);
// A low bar, as the corpus is tiny: the rules, not the thresholds, are under test.
const options = { contextRatio: 2, contextMinimum: 1 };
const repair = (text: string) => {
  const tokens = syllables(text);
  const accented = tokens.some((t) => /[^a-z0-9]/.test(t));
  return repairSpelling({ tokens, accented, frequency, options });
};

describe('decodeTelex', () => {
  it('decodes Telex left-overs that an input method did not convert', () => {
    expect(decodeTelex('thur')).toBe('thủ');
    expect(decodeTelex('tucj')).toBe('tục');
    expect(decodeTelex('kys')).toBe('ký');
    expect(decodeTelex('ddaang')).toBe('đâng');
    expect(decodeTelex('nguwowif')).toBe('người');
  });

  it('leaves words that hold no Telex key sequence alone', () => {
    for (const word of ['bao', 'luat', 'dang', 'cu', 'tru']) expect(decodeTelex(word)).toBeUndefined();
  });
});

describe('spelling variants', () => {
  it('puts every diacritic on a toneless syllable, and reaches the right tone from a wrong one', () => {
    expect(accentVariants('nguoi')).toEqual(expect.arrayContaining(['người', 'ngươi', 'nguội']));
    expect(accentVariants('nhũng')).toContain('những');
  });

  it('swaps the regional confusions, keeping the tone', () => {
    expect(confusionVariants('chú')).toContain('trú');
    expect(confusionVariants('kí')).toContain('ký');
    expect(confusionVariants('xử')).toContain('sử');
    expect(confusionVariants('dá')).toEqual(expect.arrayContaining(['giá', 'rá']));
  });
});

describe('repairSpelling', () => {
  it('repairs a word the corpus lacks from its neighbours: "bao nhiu" → "bao nhiêu"', () => {
    const r = repair('phạt bao nhiu tiền');
    expect(r.tokens).toEqual(['phạt', 'bao', 'nhiêu', 'tiền']);
    expect(r.corrections).toEqual([{ position: 2, from: 'nhiu', to: 'nhiêu', reason: 'unknown-word' }]);
  });

  it('repairs a real word that fits no neighbour when a confusable one does: "tạm chú" → "tạm trú"', () => {
    expect(repair('đăng ký tạm chú').tokens).toEqual(['đăng', 'ký', 'tạm', 'trú']);
    expect(repair('nhũng người được đăng ký').tokens[0]).toBe('những');
  });

  it('never changes a pair the corpus contains ("ghi chú", "tham nhũng")', () => {
    expect(repair('ghi chú hồ sơ').corrections).toEqual([]);
    expect(repair('pháp luật về tham nhũng').corrections).toEqual([]);
  });

  it('decodes Telex, then fits the result to the context: "thur tucj ddaang kys"', () => {
    // In a question with diacritics elsewhere, the repaired syllables get theirs.
    expect(repair('thur tucj ddaang kys tạm trú').tokens).toEqual(['thủ', 'tục', 'đăng', 'ký', 'tạm', 'trú']);
    // Typed all without diacritics, the question is searched without them.
    expect(repair('thur tucj ddaang kys').tokens).toEqual(['thu', 'tuc', 'dang', 'ky']);
  });

  it('repairs questions typed without diacritics in the accent-free vocabulary', () => {
    const r = repairSpelling({ tokens: ['dang', 'ky', 'tam', 'chu'], accented: false, frequency, options });
    expect(r.tokens).toEqual(['dang', 'ky', 'tam', 'tru']);
  });

  it('leaves numbers, one-letter tokens and protected positions alone', () => {
    const tokens = ['khoản', '1', 'điểm', 'a', 'tạm', 'chú'];
    const r = repairSpelling({ tokens, accented: true, frequency, options, protect: new Set([5]) });
    expect(r.tokens).toEqual(tokens);
  });
});
