import type pg from 'pg';
import type { Citation } from '../../answer/types';
import { fromFeedbackRow, type FeedbackRowValues, type FeedbackStore } from '../../bot/feedback-store';

/** Feedback in PostgreSQL: every replica's 👍/👎 in one table; a second rating of an answer replaces the first. */
export function createPgFeedbackStore({ pool }: { pool: pg.Pool }): FeedbackStore {
  return {
    async save(record) {
      await pool.query(
        `INSERT INTO feedback (channel_id, conversation_id, user_id, answer_id, rating, question, answer, citations, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (channel_id, conversation_id, answer_id) DO UPDATE SET rating = excluded.rating, user_id = excluded.user_id, at = excluded.at`,
        [record.channelId, record.conversationId, record.userId, record.answerId, record.rating, record.question, record.answer, JSON.stringify(record.citations), record.at],
      );
    },
    async list({ limit = 100 } = {}) {
      const { rows } = await pool.query<Omit<FeedbackRowValues, 'citations' | 'at'> & { citations: string; at: Date }>('SELECT * FROM feedback ORDER BY at DESC, id DESC LIMIT $1', [limit]);
      return rows.map((row) => fromFeedbackRow({ ...row, citations: JSON.parse(row.citations) as Citation[], at: row.at.toISOString() }));
    },
  };
}
