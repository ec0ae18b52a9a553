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
  save(record: FeedbackRecord): void;
  /** Most recent first. */
  list(options?: { limit?: number }): FeedbackRecord[];
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

/** Feedback in the `feedback` table of the state database. */
export function createSqliteFeedbackStore({ db }: { db: Database }): FeedbackStore {
  db.exec(`CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    answer_id TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL,
    at TEXT NOT NULL,
    UNIQUE (channel_id, conversation_id, answer_id)
  )`);
  const insert = db.prepare(
    `INSERT INTO feedback (channel_id, conversation_id, user_id, answer_id, rating, question, answer, citations, at)
     VALUES (@channel_id, @conversation_id, @user_id, @answer_id, @rating, @question, @answer, @citations, @at)
     ON CONFLICT (channel_id, conversation_id, answer_id) DO UPDATE SET rating = excluded.rating, user_id = excluded.user_id, at = excluded.at`,
  );
  const select = db.prepare<[number], FeedbackRow>('SELECT * FROM feedback ORDER BY at DESC, id DESC LIMIT ?');
  return {
    save(record) {
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
    list({ limit = 100 } = {}) {
      return select.all(limit).map((row) => ({
        channelId: row.channel_id,
        conversationId: row.conversation_id,
        userId: row.user_id,
        answerId: row.answer_id,
        rating: row.rating,
        question: row.question,
        answer: row.answer,
        citations: JSON.parse(row.citations) as Citation[],
        at: row.at,
      }));
    },
  };
}
