import { randomBytes } from 'node:crypto';

/** An activity as it arrives (from a client or from the bot), already checked against its schema. */
export type InboundActivity = { type: string } & Record<string, unknown>;

/** An activity as Direct Line clients see it: always an id, a timestamp and the conversation; no serviceUrl. */
export type ClientActivity = InboundActivity & { id: string; timestamp: string; channelId: 'directline'; conversation: { id: string } };

/** A batch pushed to a stream listener or returned by a poll: Direct Line's ActivitySet. */
export interface ActivitySet {
  activities: ClientActivity[];
  watermark: string;
}

export interface DirectLineConversation {
  readonly id: string;
  readonly userId: string;
  /** Activities ever appended (the watermark of the newest one). */
  count: number;
  lastUsed: number;
}

interface Entry extends DirectLineConversation {
  /** The last activities, oldest first; `count - activities.length` were dropped. */
  activities: ClientActivity[];
  listeners: Set<(set: ActivitySet) => void>;
  /** Told when the conversation is dropped while streamed (so the stream is closed, not left silent). */
  enders: Set<() => void>;
  /** Bot turns of one conversation run one after another, in the order users sent them. */
  turns: Promise<void>;
}

/** Activities kept per conversation for polling clients; older ones are dropped (the watermark stays absolute). */
const ACTIVITIES_KEPT = 500;
/** Conversations kept in memory at once; the least recently used one without an open stream goes first. */
const MAX_CONVERSATIONS = 5000;

/**
 * Direct Line conversations in memory: the activity log each client polls or streams, with
 * watermarks. Conversations idle for longer than `idleMs` are dropped by `sweep()`. Conversation
 * *state* (follow-up history) is not here but in the bot's SQLite storage.
 */
export class ConversationStore {
  private readonly conversations = new Map<string, Entry>();
  private readonly idleMs: number;
  private readonly now: () => number;
  private readonly maxConversations: number;

  constructor({ idleMs, now = () => Date.now(), maxConversations = MAX_CONVERSATIONS }: { idleMs: number; now?: () => number; maxConversations?: number }) {
    this.idleMs = idleMs;
    this.now = now;
    this.maxConversations = maxConversations;
  }

  static newId(): string {
    return randomBytes(16).toString('base64url');
  }

  create({ id = ConversationStore.newId(), userId }: { id?: string; userId: string }): DirectLineConversation {
    if (this.conversations.size >= this.maxConversations) this.evictOldest();
    const entry: Entry = { id, userId, count: 0, lastUsed: this.now(), activities: [], listeners: new Set(), enders: new Set(), turns: Promise.resolve() };
    this.conversations.set(id, entry);
    return entry;
  }

  get(id: string): DirectLineConversation | undefined {
    const entry = this.conversations.get(id);
    if (entry !== undefined) entry.lastUsed = this.now();
    return entry;
  }

  /** Gives the activity its id (`<conversation>|<seq>`) and timestamp, stores it and pushes it to listeners. */
  append(conversationId: string, activity: InboundActivity): ClientActivity | undefined {
    const entry = this.conversations.get(conversationId);
    if (entry === undefined) return undefined;
    const { serviceUrl: _internal, ...visible } = activity;
    const stored: ClientActivity = {
      ...visible,
      id: `${conversationId}|${String(entry.count).padStart(7, '0')}`,
      timestamp: new Date(this.now()).toISOString(),
      channelId: 'directline',
      conversation: { id: conversationId },
    };
    entry.count += 1;
    entry.lastUsed = this.now();
    entry.activities.push(stored);
    if (entry.activities.length > ACTIVITIES_KEPT) entry.activities.splice(0, entry.activities.length - ACTIVITIES_KEPT);
    const set: ActivitySet = { activities: [stored], watermark: String(entry.count) };
    for (const listener of entry.listeners) listener(set);
    return stored;
  }

  /** Activities after `watermark` (all kept ones when it is 0). A watermark past the end returns nothing new. */
  since(conversationId: string, watermark: number): ActivitySet | undefined {
    const entry = this.conversations.get(conversationId);
    if (entry === undefined) return undefined;
    entry.lastUsed = this.now();
    const firstKept = entry.count - entry.activities.length;
    const from = Math.max(0, Math.min(watermark, entry.count) - firstKept);
    return { activities: entry.activities.slice(from), watermark: String(entry.count) };
  }

  /** `onEnd` is called if the conversation is dropped while subscribed (eviction at the cap). */
  subscribe(conversationId: string, listener: (set: ActivitySet) => void, onEnd?: () => void): (() => void) | undefined {
    const entry = this.conversations.get(conversationId);
    if (entry === undefined) return undefined;
    entry.listeners.add(listener);
    if (onEnd !== undefined) entry.enders.add(onEnd);
    return () => {
      entry.listeners.delete(listener);
      if (onEnd !== undefined) entry.enders.delete(onEnd);
    };
  }

  listenerCount(conversationId: string): number {
    return this.conversations.get(conversationId)?.listeners.size ?? 0;
  }

  /** Runs `turn` after every earlier turn of the conversation has finished (failures included). */
  enqueue(conversationId: string, turn: () => Promise<void>): Promise<void> {
    const entry = this.conversations.get(conversationId);
    if (entry === undefined) return Promise.resolve();
    const next = entry.turns.then(turn, turn);
    entry.turns = next.catch(() => undefined);
    return next;
  }

  /** Waits for every queued bot turn (graceful shutdown, tests). */
  async drain(): Promise<void> {
    await Promise.all([...this.conversations.values()].map((e) => e.turns));
  }

  sweep(): number {
    const cutoff = this.now() - this.idleMs;
    let removed = 0;
    for (const [id, entry] of this.conversations) {
      if (entry.lastUsed < cutoff && entry.listeners.size === 0) {
        this.conversations.delete(id);
        removed += 1;
      }
    }
    return removed;
  }

  get size(): number {
    return this.conversations.size;
  }

  /**
   * Drops the least recently used conversation that nobody streams; a streamed one would leave its
   * socket open and silent (its next post 404). Only when every conversation is streamed does the
   * oldest go, and its streams are told so (and closed).
   */
  private evictOldest(): void {
    let oldest: Entry | undefined;
    let oldestStreamed: Entry | undefined;
    for (const entry of this.conversations.values()) {
      if (entry.listeners.size > 0) {
        if (oldestStreamed === undefined || entry.lastUsed < oldestStreamed.lastUsed) oldestStreamed = entry;
      } else if (oldest === undefined || entry.lastUsed < oldest.lastUsed) oldest = entry;
    }
    const victim = oldest ?? oldestStreamed;
    if (victim === undefined) return;
    this.conversations.delete(victim.id);
    for (const end of victim.enders) end();
  }
}
