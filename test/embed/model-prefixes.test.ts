import { describe, expect, it } from 'vitest';
import { prefixesFor } from '../../src/embed/model-prefixes';

describe('prefixesFor', () => {
  it.each([
    ['Xenova/multilingual-e5-small', 'query: ', 'passage: '],
    ['intfloat/multilingual-e5-large', 'query: ', 'passage: '],
    ['Xenova/bge-m3', '', ''],
    ['Xenova/bge-small-en-v1.5', 'Represent this sentence for searching relevant passages: ', ''],
    ['some/other-model', '', ''],
  ])('gives %s the prefixes its family was trained with', (modelId, query, passage) => {
    expect(prefixesFor({ modelId })).toEqual({ query, passage });
  });

  it('uses an instruction for e5-instruct queries and nothing for its passages', () => {
    const prefixes = prefixesFor({ modelId: 'intfloat/multilingual-e5-large-instruct' });
    expect(prefixes.query).toMatch(/^Instruct: .*\nQuery: $/s);
    expect(prefixes.passage).toBe('');
  });

  it('lets an override replace one prefix and keep the other', () => {
    expect(prefixesFor({ modelId: 'Xenova/multilingual-e5-small', override: { query: 'câu hỏi: ' } })).toEqual({ query: 'câu hỏi: ', passage: 'passage: ' });
  });

  it('does not mistake a name that merely contains "e5" for the e5 family', () => {
    expect(prefixesFor({ modelId: 'acme/vine5-base' })).toEqual({ query: '', passage: '' });
  });
});
