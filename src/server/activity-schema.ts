import { z } from 'zod';

const account = z.looseObject({ id: z.string().min(1).max(256), name: z.string().max(256).optional(), role: z.string().max(32).optional() });

/**
 * An activity arriving at `/api/messages` from a channel (the Emulator, Teams): the fields the
 * adapter relies on must be there and well-typed; anything else passes through untouched.
 */
export const channelActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  conversation: z.looseObject({ id: z.string().min(1).max(512) }),
  from: account,
  recipient: account.optional(),
  id: z.string().max(512).optional(),
  text: z.string().optional(),
  timestamp: z.string().optional(),
  localTimestamp: z.string().optional(),
});

/** An activity a Direct Line client posts; the server fills in id, conversation, channel and timestamp. */
export const directLineActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  from: z.looseObject({ id: z.string().max(256).optional(), name: z.string().max(256).optional() }).optional(),
  text: z.string().optional(),
  locale: z.string().max(32).optional(),
  attachments: z.array(z.unknown()).max(0, 'attachments are not supported: ask in text').optional(),
});

/** An activity the bot posts to our Bot Connector endpoints. */
export const botActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  text: z.string().optional(),
});

/** Every problem of a failed parse on one line, for a 400 response. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`).join('; ');
}

/** Timestamps as Date objects, as botbuilder's own `validateAndFixActivity` leaves them. */
export function withDates<T extends Record<string, unknown>>(activity: T): T {
  const fixed: Record<string, unknown> = { ...activity };
  for (const key of ['timestamp', 'localTimestamp'] as const) {
    const value = activity[key];
    if (typeof value === 'string') {
      fixed[`raw${key[0]?.toUpperCase()}${key.slice(1)}`] = value;
      fixed[key] = new Date(value);
    }
  }
  return fixed as T;
}
