import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/answer/assistant';
import type { Feature } from '../../src/answer/answerability';
import type { RetrievalResult } from '../../src/retrieve/types';
import { createFakeRetriever } from '../fakes/fake-retriever';
import { article, cuTru, prompts, seedInfra, tunables, withText } from './corpus';
import { retrievalOf } from './passages';

async function features(question: string, retrieval: RetrievalResult): Promise<Readonly<Record<Feature, number>>> {
  const retriever = createFakeRetriever({ results: { [question]: retrieval } });
  const answer = await createAssistant({ retriever, prompts, tunables: { ...tunables, refusalThreshold: 0 } }).ask({ question, history: [] });
  const f = answer.answerability?.features;
  if (f === undefined) throw new Error(`no features for ${question}`);
  return f as Readonly<Record<Feature, number>>;
}

describe('answerability features on near misses', () => {
  it('anchorsAbsentLegal: a law article does not state the city figure a question names the city for', async () => {
    // Luật Cư trú, Điều 20 (điều kiện đăng ký thường trú, "diện tích nhà ở tối thiểu do Hội đồng nhân dân cấp tỉnh quy định"): no place named.
    const rented = retrievalOf({ items: article(cuTru, 20), confidence: 0.6 });
    expect((await features('Ở Hải Phòng diện tích nhà ở tối thiểu để đăng ký thường trú nhà thuê là bao nhiêu m2?', rented)).anchorsAbsentLegal).toBe(1);
    expect((await features('Diện tích nhà ở tối thiểu để đăng ký thường trú nhà thuê là bao nhiêu m2?', rented)).anchorsAbsentLegal).toBe(0);
    // Not a legal unit: that is namesMissing's, decided by rule.
    const trips = retrievalOf({ items: withText(seedInfra, 'Thái Nguyên'), confidence: 0.5 });
    expect((await features('Đà Nẵng đã triển khai chuyển đổi số thế nào?', trips)).anchorsAbsentLegal).toBe(0);
  });
});
