/**
 * Checker of the realistic answer set: `npx tsx bench/answers-set-check.ts [--set FILE] [--corpus FILE]`.
 *
 * Validates bench/answers/realistic.jsonl against its schema and against the documents it cites
 * (listed in bench/answers/realistic-corpus.md): every key fact is a verbatim substring (after the
 * project's normalisation, which is NFC plus one tone-mark placement) of the cited article (laws:
 * "Điều N" up to the next article; articles from knowledge/: the cited heading up to the next
 * heading; the same for each `alsoIn` section, another place that states them all), every
 * document is in the corpus list, every follow-up points to an earlier question,
 * and every `split` field follows the fixed rule of {@link expectedSplits}. Prints counts per kind,
 * corpus, split and near-miss class; exits 1 on any error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { PROJECT_ROOT } from '../src/config/config';
import { normalizeText } from '../src/text';

export const CORPORA = ['knowledge', 'alqac2023', 'zalo'] as const;
export type SetCorpus = (typeof CORPORA)[number];

const KINDS = ['number', 'date', 'who', 'list', 'procedure', 'definition', 'yesno', 'duration', 'authority', 'multipart', 'followup'] as const;
const STYLES = ['paraphrase', 'no-diacritics', 'typo', 'abbreviation', 'chat'] as const;
const NEAR_MISSES = ['year', 'number', 'place', 'technology', 'organisation', 'mentioned', 'out-of-scope'] as const;

const id = z.string().regex(/^R\d{3}$/, 'id is R followed by three digits');
const question = z.string().trim().min(5);
const split = z.enum(['tune', 'report']);
const keyFact = z
  .string()
  .min(1)
  .refine((s) => s.trim() === s, 'a key fact has no leading or trailing space');

const answerableSchema = z.strictObject({
  id,
  question,
  answerable: z.literal(true),
  corpus: z.enum(CORPORA),
  doc: z.string().min(1),
  article: z.string().min(1),
  keyFacts: z.array(keyFact).min(1),
  kind: z.enum(KINDS),
  style: z.array(z.enum(STYLES)).min(1).optional(),
  followUpOf: id.optional(),
  /** Other sections of the same corpus that state every key fact too: citing one of them is right as well. */
  alsoIn: z.array(z.strictObject({ doc: z.string().min(1), article: z.string().min(1) })).min(1).optional(),
  split,
});
const unanswerableSchema = z.strictObject({
  id,
  question,
  answerable: z.literal(false),
  corpus: z.enum(CORPORA),
  nearMiss: z.enum(NEAR_MISSES),
  doc: z.string().min(1).optional(),
  article: z.string().min(1).optional(),
  style: z.array(z.enum(STYLES)).min(1).optional(),
  followUpOf: id.optional(),
  split,
});
export const realisticQuestionSchema = z.discriminatedUnion('answerable', [answerableSchema, unanswerableSchema]);
export type RealisticQuestion = z.infer<typeof realisticQuestionSchema>;

/** Where each corpus's documents live, relative to the project root by default. */
export interface CorpusRoots {
  knowledge: string;
  alqac2023: string;
  zalo: string;
}

export const DEFAULT_ROOTS: CorpusRoots = {
  knowledge: resolve(PROJECT_ROOT, 'knowledge'),
  alqac2023: resolve(PROJECT_ROOT, '../shared/bench/alqac2023/laws'),
  zalo: resolve(PROJECT_ROOT, '../shared/bench/zalo2021/laws'),
};
export const DEFAULT_SET = resolve(PROJECT_ROOT, 'bench/answers/realistic.jsonl');
export const DEFAULT_CORPUS_LIST = resolve(PROJECT_ROOT, 'bench/answers/realistic-corpus.md');

/**
 * Reads the corpus list: one fenced block per corpus, its info string the corpus name
 * (```knowledge, ```alqac2023, ```zalo), one file name per line.
 */
export function parseCorpusList(markdown: string): Record<SetCorpus, string[]> {
  const lists: Record<SetCorpus, string[]> = { knowledge: [], alqac2023: [], zalo: [] };
  const seen = new Set<string>();
  for (const m of markdown.matchAll(/^```([\w-]+)[ \t]*\n([\s\S]*?)^```[ \t]*$/gm)) {
    const name = m[1] as SetCorpus;
    if (!(CORPORA as readonly string[]).includes(name)) continue;
    if (seen.has(name)) throw new Error(`corpus list: two blocks for ${name}`);
    seen.add(name);
    lists[name] = (m[2] ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
  }
  for (const name of CORPORA) if (!seen.has(name)) throw new Error(`corpus list: no \`\`\`${name} block`);
  return lists;
}

/**
 * The fixed split, decided before any results and independent of them: questions are taken in id
 * order; a follow-up goes where the question it follows goes (a conversation is never cut in two);
 * any other question alternates within its group — corpus plus kind for answerable questions,
 * corpus plus near-miss class for unanswerable ones — so both halves have the same mix. A group's
 * first question goes to the half that is smaller at that point (tune on a tie), which keeps the
 * halves even although most groups are small. Appending questions never moves an earlier one.
 */
export function expectedSplits(questions: readonly RealisticQuestion[]): Map<string, 'tune' | 'report'> {
  const out = new Map<string, 'tune' | 'report'>();
  const last = new Map<string, 'tune' | 'report'>();
  const size = { tune: 0, report: 0 };
  for (const q of [...questions].sort((a, b) => a.id.localeCompare(b.id))) {
    let half = q.followUpOf === undefined ? undefined : out.get(q.followUpOf);
    if (half === undefined) {
      const group = `${q.corpus}|${q.answerable ? q.kind : `unanswerable:${q.nearMiss}`}`;
      const previous = last.get(group);
      half = previous === undefined ? (size.report < size.tune ? 'report' : 'tune') : previous === 'tune' ? 'report' : 'tune';
      last.set(group, half);
    }
    out.set(q.id, half);
    size[half]++;
  }
  return out;
}

interface Section {
  label: string;
  text: string;
}

/** Laws: "Điều N" from its heading to the next article heading. */
function lawArticles(text: string): Section[] {
  const lines = text.split('\n');
  const out: Section[] = [];
  let current: { label: string; lines: string[] } | undefined;
  for (const line of lines) {
    const m = /^Điều (\d+[a-zđ]?)\./.exec(line);
    if (m) {
      if (current) out.push({ label: current.label, text: current.lines.join('\n') });
      current = { label: `Điều ${m[1]}`, lines: [] };
    }
    current?.lines.push(line);
  }
  if (current) out.push({ label: current.label, text: current.lines.join('\n') });
  return out;
}

/** Articles (knowledge/): each Markdown heading's text, up to the next heading. */
function headingSections(text: string): Section[] {
  const out: Section[] = [];
  let current: { label: string; lines: string[] } | undefined;
  for (const line of text.split('\n')) {
    const m = /^#{1,6}\s+(.*\S)\s*$/.exec(line);
    if (m) {
      if (current) out.push({ label: current.label, text: current.lines.join('\n') });
      current = { label: m[1] ?? '', lines: [] };
    }
    current?.lines.push(line);
  }
  if (current) out.push({ label: current.label, text: current.lines.join('\n') });
  return out;
}

export interface SetCounts {
  total: number;
  answerable: number;
  unanswerable: number;
  byKind: Record<string, number>;
  byCorpus: Record<string, number>;
  bySplit: Record<string, number>;
  byNearMiss: Record<string, number>;
  byStyle: Record<string, number>;
  bySplitAndAnswerable: Record<string, number>;
  zaloDocsUsed: number;
}

export interface CheckResult {
  questions: RealisticQuestion[];
  errors: string[];
  counts: SetCounts;
}

function bump(record: Record<string, number>, key: string): void {
  record[key] = (record[key] ?? 0) + 1;
}

/** Validates the set; reads only the documents the corpus list names. */
export function checkAnswerSet({ setPath = DEFAULT_SET, corpusListPath = DEFAULT_CORPUS_LIST, roots = DEFAULT_ROOTS }: { setPath?: string; corpusListPath?: string; roots?: CorpusRoots } = {}): CheckResult {
  const errors: string[] = [];
  const lists = parseCorpusList(readFileSync(corpusListPath, 'utf8'));
  const docs = new Map<string, { sections: Section[]; text: string }>();
  for (const corpus of CORPORA) {
    for (const name of lists[corpus]) {
      const path = resolve(roots[corpus], name);
      if (!existsSync(path)) {
        errors.push(`corpus list: ${corpus}/${name} does not exist (${path})`);
        continue;
      }
      const text = normalizeText(readFileSync(path, 'utf8'));
      docs.set(`${corpus}/${name}`, { text, sections: corpus === 'knowledge' ? headingSections(text) : lawArticles(text) });
    }
  }

  const questions: RealisticQuestion[] = [];
  const lines = readFileSync(setPath, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (e) {
      errors.push(`line ${i + 1}: not JSON (${(e as Error).message})`);
      return;
    }
    const parsed = realisticQuestionSchema.safeParse(raw);
    if (!parsed.success) {
      errors.push(`line ${i + 1}: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
      return;
    }
    questions.push(parsed.data);
  });

  const seenIds = new Set<string>();
  const seenQuestions = new Map<string, string>();
  let previous = '';
  for (const q of questions) {
    if (seenIds.has(q.id)) errors.push(`${q.id}: duplicate id`);
    if (q.id <= previous) errors.push(`${q.id}: ids must increase (after ${previous})`);
    previous = q.id;
    const folded = normalizeText(q.question).toLowerCase();
    const dup = seenQuestions.get(folded);
    if (dup !== undefined) errors.push(`${q.id}: same question as ${dup}`);
    seenQuestions.set(folded, q.id);
    if (q.followUpOf !== undefined && !seenIds.has(q.followUpOf)) errors.push(`${q.id}: followUpOf ${q.followUpOf} is not an earlier question`);
    if (q.answerable && (q.kind === 'followup') !== (q.followUpOf !== undefined)) errors.push(`${q.id}: kind "followup" and followUpOf go together`);
    seenIds.add(q.id);

    if (q.doc === undefined) {
      if (q.article !== undefined) errors.push(`${q.id}: article without doc`);
      continue;
    }
    const places = [{ doc: q.doc, article: q.article }, ...(q.answerable ? (q.alsoIn ?? []) : [])];
    places.forEach((place, n) => {
      const where = n === 0 ? '' : ` (alsoIn ${place.doc} ${place.article ?? ''})`;
      if (!lists[q.corpus].includes(place.doc)) {
        errors.push(`${q.id}: doc ${place.doc} is not in the ${q.corpus} corpus list`);
        return;
      }
      const doc = docs.get(`${q.corpus}/${place.doc}`);
      if (doc === undefined) return; // missing file, reported above
      if (place.article === undefined) {
        if (q.answerable) errors.push(`${q.id}: no article`);
        return;
      }
      if (q.corpus !== 'knowledge' && !/^Điều \d+[a-zđ]?$/.test(place.article)) errors.push(`${q.id}: article "${place.article}" is not "Điều N"${where}`);
      const article = normalizeText(place.article);
      const sections = doc.sections.filter((sec) => sec.label === article);
      if (sections.length === 0) {
        errors.push(`${q.id}: ${place.doc} has no section "${place.article}"`);
        return;
      }
      if (n === 0 && places.slice(1).some((p) => p.doc === place.doc && p.article === place.article)) errors.push(`${q.id}: alsoIn repeats the cited section`);
      if (!q.answerable) return;
      const facts = new Set<string>();
      for (const fact of q.keyFacts) {
        const f = normalizeText(fact);
        if (n === 0 && facts.has(f)) errors.push(`${q.id}: key fact repeated: "${fact}"`);
        facts.add(f);
        if (sections.some((sec) => sec.text.includes(f))) continue;
        errors.push(doc.text.includes(f) ? `${q.id}: key fact "${fact}" is in ${place.doc} but not in ${place.article}${where}` : `${q.id}: key fact "${fact}" is not in ${place.doc}${where}`);
      }
    });
  }
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const q of questions) {
    const parent = q.followUpOf === undefined ? undefined : byId.get(q.followUpOf);
    if (parent !== undefined && parent.corpus !== q.corpus) errors.push(`${q.id}: follows ${parent.id} of another corpus`);
  }

  const splits = expectedSplits(questions);
  for (const q of questions) if (splits.get(q.id) !== q.split) errors.push(`${q.id}: split is "${q.split}", the rule gives "${splits.get(q.id)}"`);

  const counts: SetCounts = {
    total: questions.length,
    answerable: questions.filter((q) => q.answerable).length,
    unanswerable: questions.filter((q) => !q.answerable).length,
    byKind: {},
    byCorpus: {},
    bySplit: {},
    byNearMiss: {},
    byStyle: {},
    bySplitAndAnswerable: {},
    zaloDocsUsed: new Set(questions.filter((q) => q.corpus === 'zalo' && q.doc !== undefined).map((q) => q.doc)).size,
  };
  for (const q of questions) {
    bump(counts.byCorpus, `${q.corpus} ${q.answerable ? 'answerable' : 'unanswerable'}`);
    bump(counts.bySplit, q.split);
    bump(counts.bySplitAndAnswerable, `${q.split} ${q.answerable ? 'answerable' : 'unanswerable'}`);
    if (q.answerable) bump(counts.byKind, q.kind);
    else bump(counts.byNearMiss, q.nearMiss);
    for (const s of q.style ?? []) bump(counts.byStyle, s);
  }
  return { questions, errors, counts };
}

function printCounts(counts: SetCounts): void {
  const table = (title: string, record: Record<string, number>): void => {
    console.log(`\n${title}`);
    for (const [k, v] of Object.entries(record).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) console.log(`  ${k.padEnd(28)} ${v}`);
  };
  console.log(`questions: ${counts.total} (answerable ${counts.answerable}, unanswerable ${counts.unanswerable}); Zalo documents used: ${counts.zaloDocsUsed}`);
  table('by corpus', counts.byCorpus);
  table('by split', counts.bySplitAndAnswerable);
  table('by kind (answerable)', counts.byKind);
  table('by near miss (unanswerable)', counts.byNearMiss);
  table('by style', counts.byStyle);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(PROJECT_ROOT, 'bench/answers-set-check.ts')) {
  const { values } = parseArgs({ options: { set: { type: 'string', default: DEFAULT_SET }, corpus: { type: 'string', default: DEFAULT_CORPUS_LIST } } });
  const { errors, counts } = checkAnswerSet({ setPath: values.set, corpusListPath: values.corpus });
  printCounts(counts);
  if (errors.length > 0) {
    console.error(`\n${errors.length} error(s):`);
    for (const e of errors) console.error(`  ${e}`);
    process.exit(1);
  }
  console.log('\nOK');
}
