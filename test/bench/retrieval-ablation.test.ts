import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../src/chunk/index';
import { DEFAULT_TUNABLES } from '../../src/config/tunables';
import { buildBm25Index } from '../../src/index/bm25-index';
import { lexicalEntries } from '../../src/index/lexical-entries';
import { openSqliteStore, writeSqliteStore } from '../../src/index/sqlite-store';
import { createLexicalRetriever } from '../../src/retrieve/lexical-retriever';
import { DEFAULT_UNDERSTANDING } from '../../src/retrieve/understanding';
import { ABLATIONS, runAblation } from '../../bench/retrieval-ablation';
import type { BenchQuestion } from '../../bench/retrieval-corpus';
import { runQuestions, type QuestionVariant } from '../../bench/retrieval-quality';
import { LUAT_CU_TRU, LUAT_HON_NHAN } from '../helpers/law-documents';
import { useTempDirs } from '../helpers/temp-dirs';

const tempDir = useTempDirs('retrieval-ablation');

const cuTru = (article: string) => [{ law: 'Luật Cư trú', article }];
const honNhan = (article: string) => [{ law: 'Luật Hôn nhân và gia đình', article }];
// Questions each technique changes (chat code, Telex, a named document and article, scaffolding,
// an abbreviation, an everyday word) and plain ones it does not.
const QUESTIONS: BenchQuestion[] = [
  { id: 'q1', question: 'Điều kiện kết hôn là gì?', relevant: honNhan('8') },
  { id: 'q2', question: 'cho em hỏi ko có nhà thì đăng ký thường trú đc ko ạ', relevant: cuTru('20') },
  { id: 'q3', question: 'Điều 21 Luật Cư trú quy định gì?', relevant: cuTru('21') },
  { id: 'q4', question: 'hoof sow ddaang kys thuowngf truss gồm những gì', relevant: cuTru('21') },
  { id: 'q5', question: 'UBND cấp xã xác nhận gì khi đăng ký thường trú?', relevant: cuTru('21') },
  { id: 'q6', question: 'Nơi cư trú của người chưa thành niên', relevant: cuTru('12') },
  { id: 'q7', question: 'Theo Luật Hôn nhân và gia đình, đăng ký kết hôn ở đâu?', relevant: honNhan('9') },
  { id: 'q8', question: 'bỏ nhau rồi hủy kết hôn trái pháp luật thì sao', relevant: honNhan('12') },
  // Labelled with the other law's article so that filtering by the named document and boosting it rank differently.
  { id: 'q9', question: 'Phạm vi điều chỉnh của Luật Hôn nhân và gia đình', relevant: cuTru('1') },
];

function setup() {
  const documents = [LUAT_CU_TRU, LUAT_HON_NHAN];
  const chunks = documents.flatMap((doc) => chunkDocument({ doc }));
  const path = join(tempDir(), 'store.sqlite');
  writeSqliteStore({ path, documents, chunks });
  const store = openSqliteStore({ path });
  const lexical = buildBm25Index({ entries: lexicalEntries({ documents, chunks }), params: { ...DEFAULT_TUNABLES } });
  return { store, lexical };
}

describe('runAblation', () => {
  it.each<QuestionVariant>(['written', 'typing noise'])('gives every ablation row exactly what retrieving every question gives (%s)', async (variant) => {
    const snapshot = setup();
    const shippedRetriever = createLexicalRetriever({ ...snapshot, understanding: DEFAULT_UNDERSTANDING });
    const shipped = await runQuestions({ snapshot, questions: QUESTIONS, variant, retrieverFor: () => shippedRetriever });
    let reused = 0;
    for (const ablation of ABLATIONS) {
      const retriever = createLexicalRetriever({ ...snapshot, understanding: ablation.understanding, ranking: ablation.ranking ?? 'learned' });
      const full = await runQuestions({ snapshot, questions: QUESTIONS, variant, retrieverFor: () => retriever });
      const fast = await runAblation({ snapshot, questions: QUESTIONS, variant, ablation, shipped, retrieverFor: () => retriever });
      expect({ ablation: ablation.name, ranks: fast.ranks, changed: fast.changed }).toEqual({ ablation: ablation.name, ranks: full.ranks, changed: full.changed });
      if (ablation.ranking === 'lexical') expect(fast.retrieved).toBe(QUESTIONS.length);
      reused += QUESTIONS.length - fast.retrieved;
    }
    // The point of it: most (technique, question) pairs are not retrieved again.
    expect(reused).toBeGreaterThan((QUESTIONS.length * (ABLATIONS.length - 1)) / 2);
    snapshot.store.close();
  });

  it('retrieves again a question the technique changes, and only it', async () => {
    const snapshot = setup();
    const retriever = createLexicalRetriever({ ...snapshot });
    const shipped = await runQuestions({ snapshot, questions: QUESTIONS, variant: 'written', retrieverFor: () => retriever });
    const chatCode = ABLATIONS.find((a) => a.name === 'without chat code');
    if (chatCode === undefined) throw new Error('no chat-code ablation');
    const plain = QUESTIONS.filter((q) => q.id === 'q1' || q.id === 'q6');
    const onlyChat = QUESTIONS.filter((q) => q.id === 'q2');
    const withOff = createLexicalRetriever({ ...snapshot, understanding: chatCode.understanding });
    expect((await runAblation({ snapshot, questions: plain, variant: 'written', ablation: chatCode, shipped: { ranks: [shipped.ranks[0], shipped.ranks[5]], times: [0, 0], changed: 0 }, retrieverFor: () => withOff })).retrieved).toBe(0);
    expect((await runAblation({ snapshot, questions: onlyChat, variant: 'written', ablation: chatCode, shipped: { ranks: [shipped.ranks[1]], times: [0], changed: 0 }, retrieverFor: () => withOff })).retrieved).toBe(1);
    snapshot.store.close();
  });
});
