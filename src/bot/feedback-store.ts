import type { Database } from 'better-sqlite3';
import type { Citation } from '../answer/types';

/** One 👍/👎 with everything needed to judge it later without the conversation. */
export interface FeedbackRecord {
  channelId: string;
  conversationId: string;
  userId: string;
  answerId: string;
  rating: 'up' | 'down';
  question: string;
  answer: string;
  citations: Citation[];
  /** ISO time of the rating. */
  at: string;
}

/** Where feedback goes; a second rating of the same answer replaces the first. */
export interface FeedbackStore {
  save(record: FeedbackRecord): Promise<void>;
  /** Most recent first. */
  list(options?: { limit?: number }): Promise<FeedbackRecord[]>;
}

/** A feedback row as both backends read it (citations already parsed). */
export interface FeedbackRowValues {
  channel_id: string;
  conversation_id: string;
  user_id: string;
  answer_id: string;
  rating: 'up' | 'down';
  question: string;
  answer: string;
  citations: Citation[];
  at: string;
}

/** A stored row back as a record. */
export function fromFeedbackRow(row: FeedbackRowValues): FeedbackRecord {
  return {
    channelId: row.channel_id,
    conversationId: row.conversation_id,
    userId: row.user_id,
    answerId: row.answer_id,
    rating: row.rating,
    question: row.question,
    answer: row.answer,
    citations: row.citations,
    at: row.at,
  };
}

interface FeedbackRow {
  channel_id: string;
  conversation_id: string;
  user_id: string;
  answer_id: string;
  rating: 'up' | 'down';
  question: string;
  answer: string;
  citations: string;
  at: string;
}

/** Feedback in the `feedback` table of the SQLite state file (schema: src/state/sqlite/sqlite-migrations.ts). */
export function createSqliteFeedbackStore({ db }: { db: Database }): FeedbackStore {
  const insert = db.prepare(
    `INSERT INTO feedback (channel_id, conversation_id, user_id, answer_id, rating, question, answer, citations, at)
     VALUES (@channel_id, @conversation_id, @user_id, @answer_id, @rating, @question, @answer, @citations, @at)
     ON CONFLICT (channel_id, conversation_id, answer_id) DO UPDATE SET rating = excluded.rating, user_id = excluded.user_id, at = excluded.at`,
  );
  const select = db.prepare<[number], FeedbackRow>('SELECT * FROM feedback ORDER BY at DESC, id DESC LIMIT ?');
  return {
    async save(record) {
      insert.run({
        channel_id: record.channelId,
        conversation_id: record.conversationId,
        user_id: record.userId,
        answer_id: record.answerId,
        rating: record.rating,
        question: record.question,
        answer: record.answer,
        citations: JSON.stringify(record.citations),
        at: record.at,
      });
    },
    async list({ limit = 100 } = {}) {
      return select.all(limit).map((row) => fromFeedbackRow({ ...row, citations: JSON.parse(row.citations) as Citation[] }));
    },
  };
}
