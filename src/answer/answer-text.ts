import type { PromptCatalog } from '../prompts/catalog';
import type { Answer, AnswerNote, AnswerSentence, Citation } from './types';

/** One note as plain text from its prompt, with the given values (a channel passes them escaped). */
export function noteText({ note, prompts, value = (s) => s }: { note: AnswerNote; prompts: PromptCatalog; value?: (text: string) => string }): string {
  if (note.kind === 'out-of-force') return prompts.format('answer.outOfForce', { n: note.n, title: value(note.title) });
  if (note.kind === 'part-not-stated') return prompts.format('answer.partNotStated', { part: value(note.part) });
  return prompts.format('answer.onlyStated', { stated: value(note.stated.join(', ')), asked: value(note.asked.join(', ')) });
}

/** Notes shown before the sentences (what the answer is not) and after them (what to check). */
export function notesBefore(notes: readonly AnswerNote[]): AnswerNote[] {
  return notes.filter((n) => n.kind === 'only-stated');
}

export function notesAfter(notes: readonly AnswerNote[]): AnswerNote[] {
  return notes.filter((n) => n.kind !== 'only-stated');
}

/** The out-of-force note of every cited document whose metadata marks it so. */
export function outOfForceNotes(citations: readonly Citation[]): AnswerNote[] {
  return citations
    .filter((c) => c.inForce === false)
    .map((c) => ({ kind: 'out-of-force', n: c.n, title: c.docNumber === undefined ? c.title : `${c.title} (${c.docNumber})` }));
}

/**
 * A sentence with its markers placed before its closing punctuation, as Vietnamese writes a
 * reference: "… đạt 60 Mbps [1]." `marker` renders one number (a channel makes it a link).
 */
export function markedSentence(sentence: AnswerSentence, marker: (n: number) => string = (n) => `[${n}]`, body: (text: string) => string = (t) => t): string {
  const markers = sentence.cites.map((n) => marker(n)).join('');
  const m = /^([\s\S]*?)([.;:!?…]*)$/.exec(sentence.text);
  const [text, closing] = [m?.[1] ?? sentence.text, m?.[2] ?? ''];
  if (markers === '') return body(sentence.text);
  return `${body(text)} ${markers}${body(closing)}`;
}

/** `Answer.text` of a grounded answer: notes before, the sentences with their markers, notes after — plain text. */
export function plainAnswerText({ sentences, notes, prompts }: { sentences: readonly AnswerSentence[]; notes: readonly AnswerNote[]; prompts: PromptCatalog }): string {
  const parts = [
    ...notesBefore(notes).map((note) => noteText({ note, prompts })),
    ...sentences.map((s) => markedSentence(s)),
    ...notesAfter(notes).map((note) => noteText({ note, prompts })),
  ];
  return parts.join('\n\n');
}

/** A grounded answer from its parts; `text` is derived, so it always says what the data says. */
export function groundedAnswer({
  sentences,
  citations,
  notes = [],
  prompts,
  ...rest
}: Pick<Answer, 'sentences' | 'citations' | 'confidence' | 'mode' | 'resolvedQuestion'> & Partial<Pick<Answer, 'notes' | 'support' | 'understoodAs'>> & { prompts: PromptCatalog }): Answer {
  const all = [...notes, ...outOfForceNotes(citations)];
  const answer: Answer = { ...rest, text: plainAnswerText({ sentences, notes: all, prompts }), sentences, notes: all, grounded: true, citations };
  if (answer.understoodAs === undefined) delete answer.understoodAs;
  if (answer.support === undefined) delete answer.support;
  return answer;
}
