import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Answer, Turn } from '../answer/types';

/**
 * What the bot keeps per conversation in `ConversationState` (the state database, so it survives a
 * restart): the earlier exchanges for follow-up questions, nothing more. The answers a 👍/👎 rates
 * are kept in the feedback store as they are given (`FeedbackStore.recordAnswer`), so the state
 * stays a few short texts: botbuilder serialises and hashes it three times per turn on the
 * server's thread.
 */
export interface ConversationMemory {
  /** Earlier exchanges for follow-up questions, oldest first; `/moi` empties it. */
  history: Turn[];
}

/** Typed access to one conversation's memory, with the bounds applied on every write. */
export class ConversationMemoryStore {
  private readonly accessor: StatePropertyAccessor<ConversationMemory>;
  private readonly historyTurns: number;

  constructor({ conversationState, historyTurns }: { conversationState: ConversationState; historyTurns: number }) {
    this.accessor = conversationState.createProperty<ConversationMemory>('trolyMemory');
    this.historyTurns = historyTurns;
  }

  async get(context: TurnContext): Promise<ConversationMemory> {
    const memory = await this.accessor.get(context, { history: [] });
    return memory;
  }

  async remember(context: TurnContext, { question, answer }: { question: string; answer: Answer }): Promise<void> {
    if (this.historyTurns <= 0) return this.accessor.set(context, { history: [] });
    const memory = await this.get(context);
    const history = [...memory.history, { question, answer: answer.text }].slice(-this.historyTurns);
    await this.accessor.set(context, { history });
  }

  async clearHistory(context: TurnContext): Promise<void> {
    await this.accessor.set(context, { history: [] });
  }
}
