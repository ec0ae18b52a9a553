import { splitSentences } from './sentences';
import { wordSpans, type WordSpan } from './word-spans';

/**
 * How a text names a phrase:
 * - `subject`: at least once near the start of a clause (within LEAD_WORDS words of a sentence,
 *   line, ";" or ":" start), not as an item of an enumeration — the clause is about it
 *   ("Viên chức vi phạm … phải chịu …", "; triển khai phần mềm đất đai VBDLIS …");
 * - `listed`: only as an item of an enumeration (a "," or ";" right before or after it in a clause
 *   with LIST_COMMAS or more commas): "… tại Tập đoàn FPT, Tập Đoàn Viettel và tỉnh Quảng
 *   Ninh,Thái Nguyên, Huế, Lạng Sơn…";
 * - `passing`: only deeper in a clause ("Tham dự Hội nghị có ông …, Phó trưởng Ban Tuyên giáo
 *   Trung ương");
 * - `absent`: not at all.
 * A passage that only lists or passes by the thing a question is about found a sentence that
 * names it, not one about it.
 */
export type MentionRole = 'subject' | 'listed' | 'passing' | 'absent';

/** Words from a clause start within which a phrase is the clause's subject ("Đáng chú ý, thành phố …" still counts). */
export const LEAD_WORDS = 6;
/** Commas a clause needs for a phrase beside one of them to be an item of an enumeration. */
export const LIST_COMMAS = 2;

/** Leading numbering of a khoản, điểm or list line ("1.", "a)", "-"): no word of the clause. */
const NUMBERING = /^(?:\d+(?:\.\d+)*[.)]?|[a-zđ]\))$/u;

/**
 * The role of the phrase `keys` (lower-case syllables, accented — or accent-free with `folded`) in
 * `text`. The phrase is matched as a run of consecutive words.
 */
export function mentionRole({ text, keys, folded }: { text: string; keys: readonly string[]; folded: boolean }): MentionRole {
  if (keys.length === 0) return 'absent';
  let role: MentionRole = 'absent';
  for (const clause of clauses(text)) {
    const words = wordSpans(clause.text);
    const key = (w: WordSpan): string => (folded ? w.folded : w.lower);
    const lead = words.findIndex((w) => !NUMBERING.test(w.lower));
    const commas = (clause.text.match(/[,;]/g) ?? []).length;
    for (let i = 0; i + keys.length <= words.length; i++) {
      if (!keys.every((k, j) => key(words[i + j] as WordSpan) === k)) continue;
      const first = words[i] as WordSpan;
      const last = words[i + keys.length - 1] as WordSpan;
      const before = clause.text.slice(words[i - 1]?.end ?? 0, first.start);
      const after = clause.text.slice(last.end, words[i + keys.length]?.start ?? clause.text.length);
      // Near the clause start it is the subject, even as the first of several ("Quảng Ninh, Huế … đã").
      if (lead >= 0 && i - lead < LEAD_WORDS) return 'subject';
      if (commas >= LIST_COMMAS && (/[,;]/.test(before) || /[,;…]/.test(after))) role = 'listed';
      else if (role === 'absent') role = 'passing';
    }
  }
  return role;
}

/** Sentences, cut further after ";" and ":" (a list of clauses: each item has its own subject). */
function clauses(text: string): Array<{ text: string }> {
  const out: Array<{ text: string }> = [];
  for (const sentence of splitSentences(text)) {
    for (const piece of sentence.text.split(/[;:](?=\s)/u)) if (piece.trim() !== '') out.push({ text: piece });
  }
  return out;
}
