import type pg from 'pg';
import { ACTIVITIES_KEPT, SINCE_LIMIT, toClientActivity, type ClientActivity, type DirectLineLog, type InboundActivity } from '../directline-log';
import { DIRECTLINE_CHANNEL, type PgNotifier } from './pg-notifier';

/** Old activities are deleted every this many appends to a conversation, not on every one. */
const TRIM_EVERY = 50;

/**
 * The Direct Line log in PostgreSQL. An append is one statement: take the next position under the
 * conversation's row lock, insert the activity, and `pg_notify` — delivered on commit, so a replica
 * woken by it always finds the row. Activities are stored without id and timestamp (they are
 * derived from position and time), so the statement needs no second round trip.
 */
export function createPgDirectLineLog({ pool, notifier, now = () => new Date() }: { pool: pg.Pool; notifier: PgNotifier; now?: () => Date }): DirectLineLog {
  return {
    async create({ id, userId, locale }) {
      const { rowCount } = await pool.query('INSERT INTO dl_conversations (id, user_id, locale, count, created_at, last_used) VALUES ($1, $2, $3, 0, now(), now()) ON CONFLICT (id) DO NOTHING', [id, userId, locale ?? null]);
      return rowCount === 1;
    },
    async get(id) {
      const { rows } = await pool.query<{ id: string; user_id: string; locale: string | null; count: number }>('SELECT id, user_id, locale, count FROM dl_conversations WHERE id = $1', [id]);
      const row = rows[0];
      return row === undefined ? undefined : { id: row.id, userId: row.user_id, locale: row.locale ?? undefined, count: row.count };
    },
    async append(conversationId, activity) {
      const at = now();
      const { serviceUrl: _internal, ...visible } = activity;
      const { rows } = await pool.query<{ seq: number }>(
        `WITH c AS (UPDATE dl_conversations SET count = count + 1, last_used = $2 WHERE id = $1 RETURNING count),
              a AS (INSERT INTO dl_activities (conversation_id, seq, at, body) SELECT $1, count - 1, $2, $3 FROM c RETURNING seq)
         SELECT seq, pg_notify('${DIRECTLINE_CHANNEL}', $1) FROM a`,
        [conversationId, at, JSON.stringify(visible)],
      );
      const seq = rows[0]?.seq;
      if (seq === undefined) return undefined;
      if (seq >= ACTIVITIES_KEPT && seq % TRIM_EVERY === 0) {
        await pool.query('DELETE FROM dl_activities WHERE conversation_id = $1 AND seq < $2', [conversationId, seq + 1 - ACTIVITIES_KEPT]);
      }
      return toClientActivity(conversationId, seq, activity, at);
    },
    async since(conversationId, watermark, limit = SINCE_LIMIT) {
      // The count is read first: anything appended after it has a position at or past it, so the
      // watermark returned for an empty read can never skip an activity.
      const conversation = await pool.query<{ count: number }>('SELECT count FROM dl_conversations WHERE id = $1', [conversationId]);
      const count = conversation.rows[0]?.count;
      if (count === undefined) return undefined;
      const { rows } = await pool.query<{ seq: number; at: Date; body: string }>(
        'SELECT seq, at, body FROM dl_activities WHERE conversation_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3',
        [conversationId, watermark, limit],
      );
      const activities: ClientActivity[] = rows.map((r) => toClientActivity(conversationId, r.seq, JSON.parse(r.body) as InboundActivity, r.at));
      const last = rows.at(-1);
      return { activities, watermark: String(last === undefined ? Math.min(watermark, count) : last.seq + 1) };
    },
    watch: (conversationId, listener) => notifier.watch(conversationId, listener),
    async sweep(before) {
      const { rowCount } = await pool.query('DELETE FROM dl_conversations WHERE last_used < $1', [before]);
      return rowCount ?? 0;
    },
  };
}
