import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkAnswerSet, DEFAULT_CORPUS_LIST, DEFAULT_SET, expectedSplits, parseCorpusList, type RealisticQuestion } from '../../bench/answers-set-check';

const dir = mkdtempSync(join(tmpdir(), 'troly-answers-set-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const shipped = readFileSync(DEFAULT_SET, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as RealisticQuestion);

function checkVariant(name: string, questions: unknown[]): string[] {
  const path = join(dir, `${name}.jsonl`);
  writeFileSync(path, questions.map((q) => JSON.stringify(q)).join('\n') + '\n');
  return checkAnswerSet({ setPath: path }).errors;
}

describe('realistic answer set', () => {
  const result = checkAnswerSet();

  it('passes the checker: schema, verbatim key facts in the cited article, corpus list, follow-ups, split rule', () => {
    const { errors, counts } = result;
    expect(errors).toEqual([]);
    expect(counts.total).toBe(shipped.length);
  });

  it('has the size and mix the benchmark asks for', () => {
    const { counts } = result;
    expect(counts.total).toBeGreaterThanOrEqual(220);
    expect(counts.unanswerable).toBeGreaterThanOrEqual(70);
    for (const corpus of ['knowledge', 'alqac2023', 'zalo']) {
      expect(counts.byCorpus[`${corpus} answerable`]).toBeGreaterThan(0);
      expect(counts.byCorpus[`${corpus} unanswerable`]).toBeGreaterThan(0);
    }
    const nearMisses = Object.entries(counts.byNearMiss).filter(([k]) => k !== 'out-of-scope').reduce((n, [, v]) => n + v, 0);
    expect(nearMisses).toBeGreaterThan(counts.unanswerable / 2);
    for (const style of ['paraphrase', 'no-diacritics', 'typo', 'abbreviation', 'chat']) expect(counts.byStyle[style]).toBeGreaterThan(0);
  });

  it('rejects a key fact that is not verbatim in the cited article, and one that is in another article', () => {
    const i = shipped.findIndex((q) => q.answerable && q.corpus === 'knowledge');
    const q = shipped[i] as Extract<RealisticQuestion, { answerable: true }>;
    const altered = { ...q, keyFacts: [...q.keyFacts, `${q.keyFacts[0]} (không có trong văn bản)`] };
    const errors = checkVariant('fact', shipped.map((x, j) => (j === i ? altered : x)));
    expect(errors).toEqual([expect.stringMatching(new RegExp(`^${q.id}: key fact .* is not in ${q.doc.replace(/\./g, '\\.')}$`))]);

    const also = shipped.findIndex((x) => x.answerable && x.alsoIn !== undefined);
    if (also >= 0) {
      const a = shipped[also] as Extract<RealisticQuestion, { answerable: true }>;
      const elsewhere = { ...a, alsoIn: [{ doc: a.doc, article: a.corpus === 'knowledge' ? 'Không có mục này' : 'Điều 9999' }] };
      const alsoErrors = checkVariant('also', shipped.map((x, j) => (j === also ? elsewhere : x)));
      expect(alsoErrors).toEqual([`${a.id}: ${a.doc} has no section "${elsewhere.alsoIn[0]?.article}"`]);
    }

    const law = shipped.findIndex((x) => x.answerable && x.corpus === 'alqac2023');
    if (law >= 0) {
      const l = shipped[law] as Extract<RealisticQuestion, { answerable: true }>;
      const other = l.article === 'Điều 1' ? 'Điều 2' : 'Điều 1';
      const wrongArticle = checkVariant('article', shipped.map((x, j) => (j === law ? { ...l, article: other } : x)));
      expect(wrongArticle.some((e) => e.startsWith(`${l.id}: key fact`) && e.endsWith(`but not in ${other}`))).toBe(true);
    }
  });

  it('rejects a document outside the corpus list, a follow-up of a later question, and a split that breaks the rule', () => {
    const [first, second] = shipped;
    if (first === undefined || second === undefined) throw new Error('set too small');
    const errors = checkVariant('links', [
      { ...first, doc: 'khong-co-trong-danh-sach.md' },
      { ...second, followUpOf: 'R999', ...(second.answerable ? { kind: 'followup' } : {}), split: second.split === 'tune' ? 'report' : 'tune' },
    ]);
    expect(errors).toContain(`${first.id}: doc khong-co-trong-danh-sach.md is not in the ${first.corpus} corpus list`);
    expect(errors).toContain(`${second.id}: followUpOf R999 is not an earlier question`);
    expect(errors.some((e) => e.startsWith(`${second.id}: split is`))).toBe(true);
  });

  it('keeps a conversation in one half and puts every group of two or more in both halves', () => {
    const splits = expectedSplits(shipped);
    for (const q of shipped) if (q.followUpOf !== undefined) expect(splits.get(q.id)).toBe(splits.get(q.followUpOf));
    const groups = new Map<string, Set<string>>();
    for (const q of shipped) {
      if (q.followUpOf !== undefined) continue;
      const key = `${q.corpus}|${q.answerable ? q.kind : q.nearMiss}`;
      const seen = groups.get(key) ?? new Set<string>();
      seen.add(`${q.id}:${splits.get(q.id)}`);
      groups.set(key, seen);
    }
    for (const [key, members] of groups) {
      if (members.size < 2) continue;
      const halves = new Set([...members].map((m) => m.split(':')[1]));
      expect(halves, key).toEqual(new Set(['tune', 'report']));
    }
    const halves = { tune: 0, report: 0 };
    for (const s of splits.values()) halves[s]++;
    expect(Math.abs(halves.tune - halves.report)).toBeLessThanOrEqual(Math.ceil(shipped.length * 0.1));
  });

  it('reads the corpus list by block and refuses a list without a block', () => {
    const lists = parseCorpusList(readFileSync(DEFAULT_CORPUS_LIST, 'utf8'));
    expect(lists.knowledge).toHaveLength(5);
    expect(lists.alqac2023).toHaveLength(17);
    expect(lists.zalo.length).toBeGreaterThanOrEqual(25);
    expect(() => parseCorpusList('```knowledge\na.md\n```\n```zalo\nb.md\n```\n')).toThrow(/no ```alqac2023 block/);
  });
});
