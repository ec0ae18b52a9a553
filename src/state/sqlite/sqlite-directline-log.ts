import { EventEmitter } from 'node:events';
import type { Database } from 'better-sqlite3';
import { ACTIVITIES_KEPT, SINCE_LIMIT, toClientActivity, type ClientActivity, type DirectLineConversation, type DirectLineLog, type InboundActivity } from '../directline-log';

interface ConversationRow {
  id: string;
  user_id: string;
  locale: string | null;
  count: number;
}

/** The Direct Line log in the state file: one process serves it, so `watch` is an in-process event. */
export function createSqliteDirectLineLog({ db, now = () => new Date() }: { db: Database; now?: () => Date }): DirectLineLog {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const insertConversation = db.prepare('INSERT INTO dl_conversations (id, user_id, locale, count, created_at, last_used) VALUES (?, ?, ?, 0, ?, ?) ON CONFLICT (id) DO NOTHING');
  const selectConversation = db.prepare<[string], ConversationRow>('SELECT id, user_id, locale, count FROM dl_conversations WHERE id = ?');
  const bump = db.prepare<[string, string], { count: number }>('UPDATE dl_conversations SET count = count + 1, last_used = ? WHERE id = ? RETURNING count');
  const insertActivity = db.prepare('INSERT INTO dl_activities (conversation_id, seq, body) VALUES (?, ?, ?)');
  const trim = db.prepare('DELETE FROM dl_activities WHERE conversation_id = ? AND seq < ?');
  const selectSince = db.prepare<[string, number, number], { seq: number; body: string }>('SELECT seq, body FROM dl_activities WHERE conversation_id = ? AND seq >= ? ORDER BY seq LIMIT ?');
  const removeIdle = db.prepare('DELETE FROM dl_conversations WHERE last_used < ?');

  const appendOne = db.transaction((conversationId: string, activity: InboundActivity): ClientActivity | undefined => {
    const at = now();
    const row = bump.get(at.toISOString(), conversationId);
    if (row === undefined) return undefined;
    const seq = row.count - 1;
    const stored = toClientActivity(conversationId, seq, activity, at);
    insertActivity.run(conversationId, seq, JSON.stringify(stored));
    if (seq >= ACTIVITIES_KEPT) trim.run(conversationId, seq + 1 - ACTIVITIES_KEPT);
    return stored;
  });

  return {
    async create({ id, userId, locale }) {
      const at = now().toISOString();
      return insertConversation.run(id, userId, locale ?? null, at, at).changes === 1;
    },
    async get(id) {
      const row = selectConversation.get(id);
      return row === undefined ? undefined : toConversation(row);
    },
    async append(conversationId, activity) {
      const stored = appendOne(conversationId, activity);
      if (stored !== undefined) events.emit(conversationId);
      return stored;
    },
    async since(conversationId, watermark, limit = SINCE_LIMIT) {
      const conversation = selectConversation.get(conversationId);
      if (conversation === undefined) return undefined;
      const rows = selectSince.all(conversationId, watermark, limit);
      const last = rows.at(-1);
      return {
        activities: rows.map((r) => JSON.parse(r.body) as ClientActivity),
        watermark: String(last === undefined ? Math.min(watermark, conversation.count) : last.seq + 1),
      };
    },
    watch(conversationId, listener) {
      events.on(conversationId, listener);
      return () => events.off(conversationId, listener);
    },
    async sweep(before) {
      return removeIdle.run(before.toISOString()).changes;
    },
  };
}

function toConversation(row: ConversationRow): DirectLineConversation {
  return { id: row.id, userId: row.user_id, locale: row.locale ?? undefined, count: row.count };
}
