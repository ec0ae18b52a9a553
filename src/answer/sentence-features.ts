import { foldDiacritics, syllables } from '../text';
import type { QuestionCue } from './question-vocabulary';

/**
 * What a sentence offers to each kind of question, read from its accented lower-case text (the
 * documents are written with diacritics even when questions are not). `\b` does not work around
 * Vietnamese letters in JavaScript, so word edges are spelled out with Unicode classes.
 */
const EDGE_BEFORE = '(?<![\\p{L}\\p{N}])';
const EDGE_AFTER = '(?![\\p{L}\\p{N}])';
const words = (alternatives: string): RegExp => new RegExp(`${EDGE_BEFORE}(?:${alternatives})${EDGE_AFTER}`, 'u');

const FEATURES: Readonly<Record<Exclude<QuestionCue, 'definition'>, readonly RegExp[]>> = {
  quantity: [/\d/u, /\d\s*%|phần trăm/u, words('\\d[\\d.,]*\\s*(?:mbps|gbps|tỷ|triệu|nghìn|đồng|km|ha|người|trạm|lần|điểm)')],
  time: [
    /\d{1,2}\/\d{1,2}(?:\/\d{2,4})?/u,
    words('(?:năm|tháng|quý) \\d{1,4}|\\d+ (?:ngày|tháng|năm|giờ|tuần)(?: làm việc)?'),
    words('thời hạn|trước ngày|kể từ ngày|chậm nhất|trong thời gian|giai đoạn|đến năm|hiệu lực'),
  ],
  body: [
    words('ubnd|hđnd|ủy ban|uỷ ban|bộ|sở|ban|cơ quan|công an|chủ tịch|thủ tướng|tòa án|toà án|quốc hội|chính phủ|hội đồng|thành ủy|thành uỷ|viện kiểm sát|mặt trận|trung tâm|người đứng đầu'),
    words('chịu trách nhiệm|chủ trì|có thẩm quyền|phối hợp'),
  ],
  place: [words('tại|ở|địa bàn|nơi|trên địa bàn')],
  list: [/:\s*$/u, /^\s*(?:[a-zđ]\)|\d+\.|-)\s/u, words('gồm|bao gồm|sau đây')],
};

/**
 * 0–1: the share of the feature patterns of `cue` that the sentence shows. For a definition
 * ("X là gì?") it is how well the sentence's head, before its first "là", is the question's
 * subject: "6. Lưu trú là việc…" defines "lưu trú"; "Cơ sở dữ liệu về cư trú là…" does not.
 */
export function cueStrength({ cue, sentence, subject }: { cue: QuestionCue; sentence: string; /** Accent-free question syllables. */ subject: readonly string[] }): number {
  if (cue === 'definition') return definitionStrength(sentence, subject);
  const patterns = FEATURES[cue];
  const lower = sentence.toLowerCase();
  const hits = patterns.filter((re) => re.test(lower)).length;
  return hits / patterns.length;
}

/** How far into a sentence its "là" may stand for the sentence to be a definition. */
const DEFINITION_HEAD_SYLLABLES = 15;

function definitionStrength(sentence: string, subject: readonly string[]): number {
  const folded = syllables(sentence).map(foldDiacritics);
  const at = folded.slice(0, DEFINITION_HEAD_SYLLABLES).indexOf('la');
  if (at <= 0 || subject.length === 0) return 0;
  const head = folded.slice(0, at).filter((s) => !/^\d+$/.test(s));
  const found = subject.filter((s) => head.includes(s)).length;
  return (found / subject.length) * Math.min(1, subject.length / Math.max(1, head.length));
}
