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

/** An answer the assistant gave, kept so that a rating of it, however late, is stored with what was rated. */
export type GivenAnswer = Omit<FeedbackRecord, 'userId' | 'rating'>;

/** Which answer a rating is about: answer ids are unique per conversation and channel. */
export interface AnswerKey {
  channelId: string;
  conversationId: string;
  answerId: string;
}

/** Where feedback goes; a second rating of the same answer replaces the first. */
export interface FeedbackStore {
  save(record: FeedbackRecord): Promise<void>;
  /** Most recent first. */
  list(options?: { limit?: number }): Promise<FeedbackRecord[]>;
  /** Keeps an answer as it was given (for `ANSWERS_KEPT_DAYS`), so every later 👍/👎 of it can be stored. */
  recordAnswer(answer: GivenAnswer): Promise<void>;
  findAnswer(key: AnswerKey): Promise<GivenAnswer | undefined>;
}

/** How long given answers stay ratable; a card older than this gets the polite "not found". */
export const ANSWERS_KEPT_DAYS = 90;
/** Old answers are pruned once every this many recorded ones (cheap, and bounded between). */
export const PRUNE_EVERY = 500;

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

/** A given-answer row back as the answer (citations already parsed). */
export function fromAnswerRow(row: Omit<FeedbackRowValues, 'user_id' | 'rating'>): GivenAnswer {
  return { channelId: row.channel_id, conversationId: row.conversation_id, answerId: row.answer_id, question: row.question, answer: row.answer, citations: row.citations, at: row.at };
}

/** The row as SQLite returns it: citations still JSON text. */
type FeedbackRow = Omit<FeedbackRowValues, 'citations'> & { citations: string };

type AnswerRow = Omit<FeedbackRow, 'user_id' | 'rating'>;

/** Feedback and given answers in the SQLite state file (schema: src/state/sqlite/sqlite-migrations.ts). */
export function createSqliteFeedbackStore({ db }: { db: Database }): FeedbackStore {
  const insert = db.prepare(
    `INSERT INTO feedback (channel_id, conversation_id, user_id, answer_id, rating, question, answer, citations, at)
     VALUES (@channel_id, @conversation_id, @user_id, @answer_id, @rating, @question, @answer, @citations, @at)
     ON CONFLICT (channel_id, conversation_id, answer_id) DO UPDATE SET rating = excluded.rating, user_id = excluded.user_id, at = excluded.at`,
  );
  const select = db.prepare<[number], FeedbackRow>('SELECT * FROM feedback ORDER BY at DESC, id DESC LIMIT ?');
  const insertAnswer = db.prepare(
    `INSERT OR REPLACE INTO answers (channel_id, conversation_id, answer_id, question, answer, citations, at)
     VALUES (@channel_id, @conversation_id, @answer_id, @question, @answer, @citations, @at)`,
  );
  const selectAnswer = db.prepare<[string, string, string], AnswerRow>('SELECT * FROM answers WHERE channel_id = ? AND conversation_id = ? AND answer_id = ?');
  const prune = db.prepare<[string]>('DELETE FROM answers WHERE at < ?');
  let recorded = 0;
  return {
    async recordAnswer(answer) {
      if (recorded++ % PRUNE_EVERY === 0) prune.run(new Date(Date.now() - ANSWERS_KEPT_DAYS * 86_400_000).toISOString());
      insertAnswer.run({
        channel_id: answer.channelId,
        conversation_id: answer.conversationId,
        answer_id: answer.answerId,
        question: answer.question,
        answer: answer.answer,
        citations: JSON.stringify(answer.citations),
        at: answer.at,
      });
    },
    async findAnswer({ channelId, conversationId, answerId }) {
      const row = selectAnswer.get(channelId, conversationId, answerId);
      return row === undefined ? undefined : fromAnswerRow({ ...row, citations: JSON.parse(row.citations) as Citation[] });
    },
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
