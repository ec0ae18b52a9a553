import type { Answer, AskOptions, Assistant, Citation } from '../../src/answer/types';

/** A configured reply: a fixed answer, one computed from the call (follow-ups), or an error to throw. */
export type FakeReply = Answer | Error | ((options: AskOptions) => Answer);

export interface FakeAssistant extends Assistant {
  /** Every call, in order (history included), for assertions. */
  readonly calls: AskOptions[];
}

/**
 * An `Assistant` that answers only the questions it was given and throws on any other, so a test
 * can never pass on an answer it did not expect.
 */
export function createFakeAssistant({ replies }: { replies: Record<string, FakeReply> }): FakeAssistant {
  const calls: AskOptions[] = [];
  return {
    calls,
    async ask(options) {
      calls.push({ ...options, history: options.history?.map((turn) => ({ ...turn })) });
      if (!Object.hasOwn(replies, options.question)) throw new Error(`FakeAssistant: no reply configured for question "${options.question}"`);
      const reply = replies[options.question];
      if (reply instanceof Error) throw reply;
      if (typeof reply === 'function') return reply(options);
      if (reply === undefined) throw new Error(`FakeAssistant: reply for "${options.question}" is undefined`);
      return reply;
    },
  };
}

/** A citation of Luật Cư trú 2020 (68/2020/QH14), with overridable fields. */
export function citationOfResidenceLaw(overrides: Partial<Citation> = {}): Citation {
  const base: Citation = {
    n: 1,
    docId: 'luat-cu-tru-2020',
    title: 'Luật Cư trú',
    docNumber: '68/2020/QH14',
    locator: 'Điều 20, khoản 1',
    chunkId: 'luat-cu-tru-2020#dieu-20-khoan-1-0',
    passage: 'Công dân có chỗ ở hợp pháp thuộc quyền sở hữu của mình thì được đăng ký thường trú tại chỗ ở hợp pháp đó.',
    inForce: true,
  };
  return { ...base, ...overrides };
}

/**
 * A grounded extractive answer citing `citations`. Its sentences are the given ones, or `text` as
 * one sentence with its `[n]` markers taken out as its citation numbers ("… đó [1]." → "… đó.", [1]).
 */
export function groundedAnswer({ text, citations, question, sentences }: { text: string; citations: Citation[]; question: string; sentences?: Answer['sentences'] }): Answer {
  const fromText = [{ text: text.replace(/\s*\[(\d+)\]/g, '').trim(), cites: [...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])) }];
  return { text, sentences: sentences ?? fromText, notes: [], grounded: true, confidence: 0.82, citations, mode: 'extractive', resolvedQuestion: question };
}

/** A refusal: the documents do not say. */
export function refusal({ text, question, suggestions = [] }: { text: string; question: string; suggestions?: Answer['suggestions'] }): Answer {
  return { text, sentences: [], notes: [], grounded: false, confidence: 0.12, citations: [], suggestions, mode: 'extractive', resolvedQuestion: question };
}
