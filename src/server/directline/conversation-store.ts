import { randomBytes } from 'node:crypto';
import type { ActivitySet, ClientActivity, DirectLineConversation, DirectLineLog, InboundActivity } from '../../state/directline-log';

export type { ActivitySet, ClientActivity, DirectLineConversation, InboundActivity } from '../../state/directline-log';

/**
 * This process's view of the Direct Line conversations. The conversations, their activities and
 * watermarks live in the state database (`DirectLineLog`: SQLite, or PostgreSQL shared by every
 * replica), so they survive a restart and a client may reconnect to any replica. What stays here is
 * what belongs to this process: the streams open on it (counted, to bound them) and the order of
 * the bot turns it runs.
 */
export class ConversationStore {
  private readonly log: DirectLineLog;
  private readonly idleMs: number;
  private readonly now: () => number;
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly turns = new Map<string, Promise<void>>();

  constructor({ log, idleMs, now = () => Date.now() }: { log: DirectLineLog; idleMs: number; now?: () => number }) {
    this.log = log;
    this.idleMs = idleMs;
    this.now = now;
  }

  static newId(): string {
    return randomBytes(16).toString('base64url');
  }

  /** Creates the conversation; false when it exists already (a client starting it again, on any replica). */
  create(conversation: { id: string; userId: string; locale?: string | undefined }): Promise<boolean> {
    return this.log.create(conversation);
  }

  get(id: string): Promise<DirectLineConversation | undefined> {
    return this.log.get(id);
  }

  /** Gives the activity its id (`<conversation>|<seq>`) and timestamp, stores it, and wakes the streams on every replica. */
  append(conversationId: string, activity: InboundActivity): Promise<ClientActivity | undefined> {
    return this.log.append(conversationId, activity);
  }

  /** Activities from `watermark` on; undefined when the conversation does not exist. */
  since(conversationId: string, watermark: number): Promise<ActivitySet | undefined> {
    return this.log.since(conversationId, watermark);
  }

  /** Calls `listener` whenever the conversation may have new activities; returns the unsubscribe. */
  subscribe(conversationId: string, listener: () => void): () => void {
    const local = this.listeners.get(conversationId) ?? new Set();
    const own = () => listener();
    local.add(own);
    this.listeners.set(conversationId, local);
    const stop = this.log.watch(conversationId, own);
    return () => {
      stop();
      local.delete(own);
      if (local.size === 0 && this.listeners.get(conversationId) === local) this.listeners.delete(conversationId);
    };
  }

  /** Streams open on this process for the conversation. */
  listenerCount(conversationId: string): number {
    return this.listeners.get(conversationId)?.size ?? 0;
  }

  /** Runs `turn` after every earlier turn of the conversation on this process has finished (failures included). */
  enqueue(conversationId: string, turn: () => Promise<void>): Promise<void> {
    const previous = this.turns.get(conversationId) ?? Promise.resolve();
    const next = previous.then(turn, turn);
    const settled = next.catch(() => undefined);
    this.turns.set(conversationId, settled);
    void settled.then(() => {
      if (this.turns.get(conversationId) === settled) this.turns.delete(conversationId);
    });
    return next;
  }

  /** Waits for every queued bot turn (graceful shutdown, tests). */
  async drain(): Promise<void> {
    await Promise.all([...this.turns.values()]);
  }

  /**
   * Deletes conversations with no activity for `idleMs`, then wakes this process's streams: those
   * whose conversation is gone find it so and close, rather than stay open and silent.
   */
  async sweep(): Promise<number> {
    const removed = await this.log.sweep(new Date(this.now() - this.idleMs));
    if (removed > 0) for (const local of [...this.listeners.values()]) for (const listener of [...local]) listener();
    return removed;
  }

  /** Conversations this process is serving now (open streams or bot turns). */
  get size(): number {
    return new Set([...this.listeners.keys(), ...this.turns.keys()]).size;
  }
}
