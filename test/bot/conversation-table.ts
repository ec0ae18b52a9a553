import type { Activity, TestAdapter, TestFlow } from 'botbuilder';
import { expect } from 'vitest';

/** What the bot should send back for one user input: a Markdown text containing all `contains`, optionally a card. */
export interface BotAnswers {
  /** The bot shows "typing…" first. */
  typing?: boolean;
  contains: string[];
  /** Extra checks on the message (its card, its attachments). */
  check?: (activity: Partial<Activity>) => void;
}

/** One row of a conversation table: what the user says (text or a whole activity), what the bot answers. */
export type Row = [userSays: string | Partial<Activity>, botAnswers: BotAnswers];

/**
 * Plays a `[user says, bot answers]` table through botbuilder's `TestAdapter`, row by row. Each
 * row expects exactly the listed replies in order (typing, then one message), so an extra or
 * missing reply fails the row.
 */
export async function playTable(adapter: TestAdapter, rows: Row[]): Promise<void> {
  let flow: TestFlow | undefined;
  for (const [userSays, answers] of rows) {
    flow = flow === undefined ? adapter.send(userSays) : flow.send(userSays);
    if (answers.typing === true) flow = flow.assertReply((activity) => expect(activity.type, `typing before the answer to ${label(userSays)}`).toBe('typing'));
    flow = flow.assertReply((activity) => {
      expect(activity.type, `reply to ${label(userSays)}`).toBe('message');
      for (const part of answers.contains) expect(activity.text, `reply to ${label(userSays)}`).toContain(part);
      answers.check?.(activity);
    });
  }
  if (flow !== undefined) await flow.assertNoReply('no further replies', 50);
}

function label(userSays: string | Partial<Activity>): string {
  return typeof userSays === 'string' ? `"${userSays}"` : `a ${userSays.type ?? 'message'} activity`;
}
