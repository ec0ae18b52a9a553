import type pg from 'pg';
import type { Citation } from '../../answer/types';
import { ANSWERS_KEPT_DAYS, fromAnswerRow, fromFeedbackRow, PRUNE_EVERY, type FeedbackRowValues, type FeedbackStore } from '../../bot/feedback-store';

/** Feedback in PostgreSQL: every replica's 👍/👎 in one table; a second rating of an answer replaces the first. */
export function createPgFeedbackStore({ pool }: { pool: pg.Pool }): FeedbackStore {
  let recorded = 0;
  return {
    async recordAnswer(answer) {
      if (recorded++ % PRUNE_EVERY === 0) await pool.query('DELETE FROM answers WHERE at < $1', [new Date(Date.now() - ANSWERS_KEPT_DAYS * 86_400_000)]);
      await pool.query(
        `INSERT INTO answers (channel_id, conversation_id, answer_id, question, answer, citations, at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (channel_id, conversation_id, answer_id) DO UPDATE SET question = excluded.question, answer = excluded.answer, citations = excluded.citations, at = excluded.at`,
        [answer.channelId, answer.conversationId, answer.answerId, answer.question, answer.answer, JSON.stringify(answer.citations), answer.at],
      );
    },
    async findAnswer({ channelId, conversationId, answerId }) {
      const { rows } = await pool.query<{ channel_id: string; conversation_id: string; answer_id: string; question: string; answer: string; citations: string; at: Date }>(
        'SELECT * FROM answers WHERE channel_id = $1 AND conversation_id = $2 AND answer_id = $3',
        [channelId, conversationId, answerId],
      );
      const row = rows[0];
      return row === undefined ? undefined : fromAnswerRow({ ...row, citations: JSON.parse(row.citations) as Citation[], at: row.at.toISOString() });
    },
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
