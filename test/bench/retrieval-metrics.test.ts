import { describe, expect, it } from 'vitest';
import { articleOfChunk, firstRelevantRank, percentile, rankArticles, summariseRanks } from '../../bench/retrieval-metrics';

const chunk = (title: string, locator: string, chunkId = `${title}|${locator}`) => ({ title, locator, chunkId });

describe('retrieval metrics', () => {
  it('reads the article from the locator, and "Điều 1" is not "Điều 12"', () => {
    expect(articleOfChunk(chunk('Luật Cư trú', 'Điều 20, khoản 2'))).toEqual({ law: 'Luật Cư trú', article: '20' });
    expect(articleOfChunk(chunk('Luật Cư trú', 'Điều 12'))).toEqual({ law: 'Luật Cư trú', article: '12' });
    expect(articleOfChunk(chunk('Luật Cư trú', 'Chương I'))).toBeUndefined();
    const ranking = rankArticles([chunk('Luật Cư trú', 'Điều 12')]);
    expect(firstRelevantRank(ranking, [{ law: 'Luật Cư trú', article: '1' }])).toBeUndefined();
  });

  it('counts the khoản chunks of one article once, at the first rank', () => {
    const ranking = rankArticles([
      chunk('Luật Cư trú', 'Điều 20, khoản 3'),
      chunk('Luật Cư trú', 'Điều 20, khoản 2'),
      chunk('Luật Hôn nhân và gia đình', 'Điều 8'),
      chunk('Luật Cư trú', 'Điều 21, khoản 1'),
    ]);
    expect(ranking).toHaveLength(3);
    expect(firstRelevantRank(ranking, [{ law: 'Luật Cư trú', article: '21' }])).toBe(3);
    // Same article number in another law does not count.
    expect(firstRelevantRank(ranking, [{ law: 'Luật Hôn nhân và gia đình', article: '20' }])).toBeUndefined();
  });

  it('computes recall at 1/5/10 and MRR at 10', () => {
    expect(summariseRanks([1, 2, 6, undefined, 11])).toEqual({ recallAt1: 0.2, recallAt5: 0.4, recallAt10: 0.6, mrrAt10: (1 + 0.5 + 1 / 6) / 5 });
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([5, 1, 3, 2, 4], 95)).toBe(5);
  });
});
