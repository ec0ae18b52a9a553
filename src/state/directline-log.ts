/** An activity as it arrives (from a client or from the bot), already checked against its schema. */
export type InboundActivity = { type: string } & Record<string, unknown>;

/** An activity as Direct Line clients see it: always an id, a timestamp and the conversation; no serviceUrl. */
export type ClientActivity = InboundActivity & { id: string; timestamp: string; channelId: 'directline'; conversation: { id: string } };

/** A batch pushed to a stream or returned by a poll: Direct Line's ActivitySet. */
export interface ActivitySet {
  activities: ClientActivity[];
  watermark: string;
}

/** A Direct Line conversation as the log keeps it. */
export interface DirectLineConversation {
  readonly id: string;
  readonly userId: string;
  /** The client's locale when the conversation started (BCP 47, e.g. "vi-VN"), if it sent one. */
  readonly locale: string | undefined;
  /** Activities ever appended: the watermark after the newest one. */
  readonly count: number;
}

/**
 * The Direct Line conversations and their activity logs: the source of truth every replica reads.
 * Watermarks are absolute positions in a conversation's log (the n-th activity ever appended), so a
 * client that reconnects anywhere resumes exactly after what it has seen. Appends to one
 * conversation are serialised by the database; `watch` only says "something was appended", the
 * reader then asks `since` for what it has not seen yet, so a missed or duplicated notification can
 * neither lose nor repeat an activity.
 */
export interface DirectLineLog {
  /** Creates the conversation; false (and nothing changed) when the id exists already. */
  create(conversation: { id: string; userId: string; locale?: string | undefined }): Promise<boolean>;
  get(id: string): Promise<DirectLineConversation | undefined>;
  /** Gives the activity its id (`<conversation>|<seq>`) and timestamp and stores it; undefined when the conversation does not exist. */
  append(conversationId: string, activity: InboundActivity): Promise<ClientActivity | undefined>;
  /** Activities from position `watermark` on (at most `limit`, oldest first); undefined when the conversation does not exist. */
  since(conversationId: string, watermark: number, limit?: number): Promise<ActivitySet | undefined>;
  /** Calls `listener` whenever an activity may have been appended to the conversation (on any replica); returns the unsubscribe. */
  watch(conversationId: string, listener: () => void): () => void;
  /** Deletes conversations with no activity since `before`; returns how many. */
  sweep(before: Date): Promise<number>;
}

/** Activities kept per conversation; older ones are deleted (watermarks stay absolute). */
export const ACTIVITIES_KEPT = 500;
/** Most activities one `since` returns; a client behind by more catches up over several reads. */
export const SINCE_LIMIT = 500;

/** The activity id Direct Line clients see for position `seq` of a conversation. */
export function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

/** The stored form of an inbound activity at position `seq`: the internal `serviceUrl` removed, id, timestamp and conversation set. */
export function toClientActivity(conversationId: string, seq: number, activity: InboundActivity, at: Date): ClientActivity {
  const { serviceUrl: _internal, ...visible } = activity;
  return { ...visible, id: activityId(conversationId, seq), timestamp: at.toISOString(), channelId: 'directline', conversation: { id: conversationId } };
}
