/** A cited source of an answer: typed data until the channel renders it. */
export interface Citation {
  /** The `[n]` marker used in the answer text, from 1. */
  n: number;
  docId: string;
  title: string;
  /** Số hiệu, when the document has one. */
  docNumber?: string;
  /** "Điều 20, khoản 2" or a section heading path. */
  locator: string;
  chunkId: string;
  /** The quoted passage (the chunk text, or the sentences used from it), plain text as the document has it. */
  passage: string;
  /** False when the document's metadata marks it out of force. */
  inForce?: boolean;
  /** True when the passage was recognised by OCR from a scanned page: channels say "bản quét, nhận dạng ký tự". */
  scanned?: boolean;
}

/**
 * One sentence of an answer: quoted verbatim from a document (extractive) or written by the model,
 * always plain text — never markup. Channels escape it when they render it.
 */
export interface AnswerSentence {
  text: string;
  /** The `n` of the citations it comes from (at least one in a grounded answer). */
  cites: number[];
}

/** A remark shown with an answer, rendered by the channel from its prompt. */
export type AnswerNote =
  /** Citation `n` is of a document out of force (prompt `answer.outOfForce`). */
  | { kind: 'out-of-force'; n: number; title: string }
  /**
   * The question asks for a qualifier (a year, number, technology, place…) that the cited evidence
   * does not state; it states `stated` instead (prompt `answer.onlyStated`): "Văn bản chỉ nêu số
   * liệu năm 2022". The answer is grounded, but not an answer to what was asked.
   */
  | { kind: 'only-stated'; asked: string[]; stated: string[] }
  /**
   * One part of a multi-part question ("… bao nhiêu điểm cầu, bao nhiêu đại biểu?") that the
   * documents do not answer, as typed (prompt `answer.partNotStated`); the other parts are answered.
   */
  | { kind: 'part-not-stated'; part: string };

/** A document offered on a refusal. */
export interface Suggestion {
  docId: string;
  title: string;
}

export interface Answer {
  /**
   * Plain text for logs, the CLI and follow-up history: the sentences with their `[n]` markers and
   * the notes, or the refusal. No markup and no links: channels render `sentences`, `notes`,
   * `citations` and `suggestions` themselves.
   */
  text: string;
  /** The answer, sentence by sentence with citation numbers; empty on a refusal. */
  sentences: AnswerSentence[];
  notes: AnswerNote[];
  /** False exactly when the answer is a refusal; then `citations` is empty. */
  grounded: boolean;
  /**
   * 0–1: the calibrated probability that the evidence states what was asked (the answerability
   * model), or retrieval's confidence when no model decided.
   */
  confidence: number;
  citations: Citation[];
  /** On a refusal: the closest documents, as suggestions. */
  suggestions?: Suggestion[];
  /**
   * What the question was understood as, when that differs from what was typed (a follow-up
   * completed from the history: "còn thời hạn thì sao?" → "thời hạn đăng ký thường trú").
   */
  understoodAs?: string;
  /** How the text was made. */
  mode: 'extractive' | 'llm';
  /** The question after follow-up resolution (e.g. "còn thời hạn thì sao?" → with the last subject). */
  resolvedQuestion: string;
  /**
   * 0–1, the number compared with the `refusalThreshold` tunable: min(retrieval confidence, the
   * best sentence's coverage of the question). Logged and kept so the threshold can be calibrated.
   */
  support?: number;
  /** The answerability decision's inputs and its probability, for logs and calibration. */
  answerability?: { features: Readonly<Record<string, number>>; probability: number };
}

/** One earlier exchange of a conversation. */
export interface Turn {
  question: string;
  answer?: string;
}

export interface AskOptions {
  question: string;
  /** Earlier turns, oldest first. */
  history?: Turn[];
  abortSignal?: AbortSignal;
  /** Asked by the system itself (the welcome's example checks), not by a user: kept out of the answer metrics. */
  internal?: boolean;
}

/** The whole question → answer pipeline, as the bot and the CLI see it. */
export interface Assistant {
  ask(options: AskOptions): Promise<Answer>;
}
