import { describe, expect, it } from 'vitest';
import { classedTerms, isAccentFree, wordSpans } from '../../src/text';

const STOPS = new Set(['là', 'la', 'đạt', 'dat', 'bao', 'nhiêu', 'nhieu', 'của', 'cua', 'có', 'co', 'và', 'va']);

function terms(question: string): Array<{ text: string; group: string; key: string; head?: string }> {
  const words = wordSpans(question);
  const found = classedTerms({ words, accentFree: isAccentFree(question), stopsAt: (at) => STOPS.has(words[at]?.lower ?? '') });
  return found.map((t) => ({
    text: question.slice(words[t.from]?.start, words[t.to - 1]?.end),
    group: t.group,
    key: t.key,
    ...(t.head === undefined ? {} : { head: t.head }),
  }));
}

describe('classedTerms', () => {
  it('finds a lexicon alternative, with or without diacritics, under one group', () => {
    const [accented] = terms('Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?').filter((t) => t.group.startsWith('alternative'));
    const [plain] = terms('toc do bang rong di dong cua hai phong').filter((t) => t.group.startsWith('alternative'));
    expect(accented).toMatchObject({ text: 'cố định', key: 'co dinh' });
    expect(plain).toMatchObject({ text: 'di dong', key: 'di dong', group: accented?.group });
  });

  it('finds places in any case, and a one-syllable or common-word place only capitalised', () => {
    expect(terms('tốc độ của hải phòng').map((t) => t.text)).toEqual(['hải phòng']);
    expect(terms('Thừa Thiên Huế và Huế').map((t) => t.key)).toEqual(['thua thien hue', 'hue']);
    expect(terms('vì hòa bình')).toEqual([]);
  });

  it('reads a unit as its head and its name: capitalised, or an organisation written with one capital, or typed in lower case', () => {
    expect(terms('Tỷ lệ của UBND quận Hải An là bao nhiêu')).toEqual([{ text: 'UBND quận Hải An', group: 'where', key: 'hai an', head: 'quan' }]);
    expect(terms('Sở Du lịch đạt bao nhiêu')).toEqual([{ text: 'Sở Du lịch', group: 'where', key: 'du lich', head: 'so' }]);
    expect(terms('của sở du lịch là')).toEqual([{ text: 'sở du lịch', group: 'where', key: 'du lich', head: 'so' }]);
    // Without diacritics "so" is also "số" and "hồ sơ": a one-syllable head then needs a capitalised name.
    expect(terms('ty le ho so truc tuyen').filter((t) => t.group === 'where')).toEqual([]);
    expect(terms('thành phố có bao nhiêu')).toEqual([]);
  });
});
