import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Answer, Citation, Turn } from '../answer/types';

/** An answer the bot gave, remembered so that a later 👍/👎 can be stored with what it rated. */
export interface RememberedAnswer {
  id: string;
  question: string;
  answer: string;
  grounded: boolean;
  citations: Citation[];
  /** ISO time of the answer. */
  at: string;
}

/** What the bot keeps per conversation in `ConversationState` (SQLite, so it survives a restart). */
export interface ConversationMemory {
  /** Earlier exchanges for follow-up questions, oldest first; `/moi` empties it. */
  history: Turn[];
  /** Recent answers that can still be rated; kept across `/moi` (an old card's buttons still work). */
  answers: RememberedAnswer[];
}

/** How many answers stay ratable; older cards' buttons get a polite "too old". */
const RATABLE_ANSWERS = 8;

/** Typed access to one conversation's memory, with the bounds applied on every write. */
export class ConversationMemoryStore {
  private readonly accessor: StatePropertyAccessor<ConversationMemory>;
  private readonly historyTurns: number;

  constructor({ conversationState, historyTurns }: { conversationState: ConversationState; historyTurns: number }) {
    this.accessor = conversationState.createProperty<ConversationMemory>('trolyMemory');
    this.historyTurns = historyTurns;
  }

  async get(context: TurnContext): Promise<ConversationMemory> {
    const memory = await this.accessor.get(context, { history: [], answers: [] });
    return memory;
  }

  async remember(context: TurnContext, { id, question, answer }: { id: string; question: string; answer: Answer }): Promise<void> {
    const memory = await this.get(context);
    const history = [...memory.history, { question, answer: answer.text }].slice(-this.historyTurns);
    const remembered: RememberedAnswer = {
      id,
      question,
      answer: answer.text,
      grounded: answer.grounded,
      citations: answer.citations,
      at: new Date().toISOString(),
    };
    const answers = [...memory.answers, remembered].slice(-RATABLE_ANSWERS);
    await this.accessor.set(context, { history: this.historyTurns > 0 ? history : [], answers });
  }

  async clearHistory(context: TurnContext): Promise<void> {
    const memory = await this.get(context);
    await this.accessor.set(context, { ...memory, history: [] });
  }

  async findAnswer(context: TurnContext, id: string): Promise<RememberedAnswer | undefined> {
    const memory = await this.get(context);
    return memory.answers.find((a) => a.id === id);
  }
}
