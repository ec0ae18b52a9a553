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
  /** The quoted passage (the chunk text, or the sentences used from it). */
  passage: string;
  /** The document viewer at that passage: `/documents/<docId>#<chunkId>`. */
  url: string;
  /** False when the document's metadata marks it out of force. */
  inForce?: boolean;
  /** True when the passage was recognised by OCR from a scanned page: channels say "bản quét, nhận dạng ký tự". */
  scanned?: boolean;
}

export interface Answer {
  /** Markdown text with `[n]` markers; a refusal when `grounded` is false. */
  text: string;
  /** False exactly when the answer is a refusal; then `citations` is empty. */
  grounded: boolean;
  /** 0–1, from retrieval. */
  confidence: number;
  citations: Citation[];
  /** On a refusal: the closest documents, as suggestions (title and id). */
  suggestions?: Array<{ docId: string; title: string; url: string }>;
  /** How the text was made. */
  mode: 'extractive' | 'llm';
  /** The question after follow-up resolution (e.g. "còn thời hạn thì sao?" → with the last subject). */
  resolvedQuestion: string;
  /**
   * 0–1, the number compared with the `refusalThreshold` tunable: min(retrieval confidence, the
   * best sentence's coverage of the question). Logged and kept so the threshold can be calibrated.
   */
  support?: number;
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
}

/** The whole question → answer pipeline, as the bot and the CLI see it. */
export interface Assistant {
  ask(options: AskOptions): Promise<Answer>;
}
