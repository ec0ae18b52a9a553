import type { FeedbackRecord } from '../bot/feedback-store';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled. A
 * field that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe: the questions come from anyone who can reach the chat.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The feedback as CSV for a spreadsheet: a UTF-8 byte order mark (so Excel reads the Vietnamese
 * correctly), a header row in Vietnamese, then one row per 👍/👎 with the cited sources joined.
 */
export function feedbackCsv({ records, header }: { records: readonly FeedbackRecord[]; header: readonly string[] }): string {
  const rows = records.map((r) => [
    r.at,
    r.rating === 'up' ? '👍' : '👎',
    r.question,
    r.answer,
    r.citations.map((c) => [c.title, c.docNumber, c.locator].filter((part) => part !== undefined && part !== '').join(' — ')).join('; '),
    r.channelId,
    r.conversationId,
  ]);
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
