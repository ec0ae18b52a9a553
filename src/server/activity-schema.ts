import { z } from 'zod';
import { valueNestsDeeperThan } from './json-depth';

/** Largest free-form JSON field a Direct Line client may attach to an activity (`channelData`, `value`, `entities`), serialised, in bytes. */
export const ACTIVITY_FIELD_MAX_BYTES = 4096;
/** Deepest nesting of objects and arrays in such a field: Web Chat sends flat ones (`{ clientActivityID, postBack }`, a card's submitted data). */
export const ACTIVITY_FIELD_MAX_DEPTH = 6;
/** Activity types a Direct Line client sends; anything else (`conversationUpdate`, `endOfConversation`…) is the server's or the bot's to send. */
const CLIENT_ACTIVITY_TYPES = ['message', 'event', 'invoke', 'typing'] as const;

/** A free-form JSON field, kept only when small and shallow, so whatever is stored can be served back. */
function bounded<T extends z.ZodType>(schema: T) {
  return schema.superRefine((value, ctx) => {
    if (valueNestsDeeperThan(value, ACTIVITY_FIELD_MAX_DEPTH)) ctx.addIssue({ code: 'custom', message: `nests deeper than ${ACTIVITY_FIELD_MAX_DEPTH} levels` });
    else if (Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8') > ACTIVITY_FIELD_MAX_BYTES) ctx.addIssue({ code: 'custom', message: `is larger than ${ACTIVITY_FIELD_MAX_BYTES} bytes` });
  });
}
const boundedJson = bounded(z.unknown());

const account = z.looseObject({ id: z.string().min(1).max(256), name: z.string().max(256).optional(), role: z.string().max(32).optional() });

/**
 * An entity as botbuilder reads it: `TurnContext.getMentions` calls `type.toLowerCase()` on every
 * entity and `removeRecipientMention` reads `mentioned.id` and `text` of a mention.
 */
const entity = z.looseObject({ type: z.string().min(1).max(64) }).superRefine((value, ctx) => {
  if (value.type.toLowerCase() !== 'mention') return;
  const mention = z.looseObject({ mentioned: z.looseObject({ id: z.string().max(256) }), text: z.string().max(1024) }).safeParse(value);
  if (!mention.success) ctx.addIssue({ code: 'custom', message: 'a mention needs "mentioned": { "id" } and "text"' });
});

/**
 * What the bot's framework code assumes of an activity beyond its field types, checked before the
 * bot runs so that it never throws on a malformed one: an `invoke` has a name, an
 * `adaptiveCard/action` invoke a `value.action.type` (botbuilder reads it unguarded), and an
 * activity with a mention has text to remove it from.
 */
function checkBotAssumptions(activity: { type: string; name?: unknown; value?: unknown; text?: unknown; entities?: unknown }, ctx: z.RefinementCtx): void {
  if (activity.type === 'invoke') {
    if (typeof activity.name !== 'string' || activity.name === '') ctx.addIssue({ code: 'custom', path: ['name'], message: 'an invoke activity needs a name' });
    if (activity.name === 'adaptiveCard/action' && !z.object({ action: z.looseObject({ type: z.string() }) }).safeParse(activity.value).success) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'an adaptiveCard/action invoke needs value.action.type' });
    }
  }
  const mentions = Array.isArray(activity.entities) && activity.entities.some((e: { type?: unknown }) => typeof e?.type === 'string' && e.type.toLowerCase() === 'mention');
  if (mentions && typeof activity.text !== 'string') ctx.addIssue({ code: 'custom', path: ['text'], message: 'an activity with a mention needs text' });
}

/**
 * An activity arriving at `/api/messages` from a channel (the Emulator, Teams): the fields the
 * adapter relies on must be there and well-typed; anything else passes through untouched.
 */
export const channelActivitySchema = z
  .looseObject({
    type: z.string().min(1).max(64),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.url({ protocol: /^https?$/ }),
    conversation: z.looseObject({ id: z.string().min(1).max(512) }),
    from: account,
    // The bot tells mentions of itself by it (TurnContext.removeRecipientMention); every channel sends it.
    recipient: account,
    id: z.string().max(512).optional(),
    name: z.string().max(256).optional(),
    text: z.string().optional(),
    timestamp: z.string().optional(),
    localTimestamp: z.string().optional(),
    entities: z.array(entity).max(64).optional(),
    membersAdded: z.array(account).max(256).optional(),
    membersRemoved: z.array(account).max(256).optional(),
  })
  .superRefine(checkBotAssumptions);

/**
 * An activity a Direct Line client posts, in the form that is stored and served back: only these
 * fields, each bounded (anything else is dropped). The server fills in id, conversation, channel,
 * timestamp and the sender's role.
 */
export const directLineActivitySchema = z.object({
  type: z.enum(CLIENT_ACTIVITY_TYPES, { message: `expected one of ${CLIENT_ACTIVITY_TYPES.join(', ')}` }),
  from: z.object({ id: z.string().max(256).optional(), name: z.string().max(256).optional() }).optional(),
  text: z.string().max(64 * 1024).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: z.string().max(32).optional(),
  localTimestamp: z.string().max(64).optional(),
  localTimezone: z.string().max(64).optional(),
  name: z.string().max(128).optional(),
  replyToId: z.string().max(256).optional(),
  value: boundedJson.optional(),
  channelData: boundedJson.optional(),
  entities: bounded(z.array(entity).max(8)).optional(),
  attachments: z.array(z.unknown()).max(0, 'attachments are not supported: ask in text').optional(),
}).superRefine(checkBotAssumptions);

/** An activity the bot sends to a Direct Line conversation (through the bridge's connector client). */
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
