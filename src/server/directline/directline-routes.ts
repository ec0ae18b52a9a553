import { randomBytes } from 'node:crypto';
import type { ChannelAccount } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { describeError } from '../../config/errors';
import type { Logger } from '../../config/logger';
import { describeIssues, directLineActivitySchema } from '../activity-schema';
import { sendError } from '../http-error';
import type { DeliverActivity } from './bot-bridge';
import { ConversationStore, type InboundActivity } from './conversation-store';
import { allowConversation, authorize, bearerValue, type DirectLineAccess } from './directline-auth';
import type { TokenIssuer } from './token-issuer';

export interface DirectLineContext {
  store: ConversationStore;
  tokens: TokenIssuer;
  deliver: DeliverActivity;
  bot: ChannelAccount;
  logger: Logger;
  maxQuestionChars: number;
  /** How long a post waits for the bot's turn before answering anyway (the reply then comes by poll or stream), in ms. */
  postWaitMs: number;
  /** `ws://host:port` (or `wss://`) as the client reached us, for `streamUrl`. */
  streamBase: (req: Request) => string;
}

const BASE = '/v3/directline';
const userId = z.string().min(1).max(256);
/** `{ user: { id } }` as botframework-directlinejs sends it, or `{ User: { Id } }` as Microsoft's token samples do. */
const generateBodySchema = z
  .looseObject({ user: z.looseObject({ id: userId.optional() }).optional(), User: z.looseObject({ Id: userId.optional() }).optional() })
  .optional();
/** What botframework-directlinejs sends to start a conversation: the user, and the locale when the page set one. */
const startBodySchema = z
  .looseObject({
    user: z.looseObject({ id: userId.optional() }).optional(),
    locale: z.string().max(35).regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, 'expected a BCP 47 language tag such as "vi-VN"').optional(),
  })
  .optional();

/** A new Direct Line user id; web chat clients are anonymous, so the server names them. */
export function newUserId(): string {
  return `dl_${randomBytes(9).toString('base64url')}`;
}

/**
 * The subset of Direct Line 3.0 that Web Chat and botframework-directlinejs use: tokens
 * (generate/refresh), start and reconnect a conversation, post an activity (answered once the bot
 * has taken it: 502 when its turn fails), poll activities from a watermark. Streaming (`streamUrl`)
 * is served by `attachDirectLineStreams`. Conversations live in the state database, so any replica
 * serves any of them. Not served, and said so: attachment upload and the Streaming Extensions
 * protocol (`/.bot/`).
 */
export function registerDirectLineRoutes(server: Server, ctx: DirectLineContext): void {
  server.post(`${BASE}/tokens/generate`, async (req: Request, res: Response) => {
    const secret = bearerValue(req);
    if (!ctx.tokens.hasSecret) return sendError(res, 403, 'Forbidden', 'Direct Line tokens cannot be generated: TROLY_DIRECTLINE_SECRET is not set on this server.');
    if (secret === undefined || !ctx.tokens.isSecret(secret)) return sendError(res, 401, 'Unauthorized', 'Expected "Authorization: Bearer <Direct Line secret>" (TROLY_DIRECTLINE_SECRET).');
    const body = generateBodySchema.safeParse(req.body ?? undefined);
    if (!body.success) return sendError(res, 400, 'BadArgument', describeIssues(body.error));
    const conversationId = ConversationStore.newId();
    const user = body.data?.user?.id ?? body.data?.User?.Id ?? newUserId();
    const { token, expiresIn } = ctx.tokens.issue({ conversationId, userId: user });
    res.send(200, { conversationId, token, expires_in: expiresIn });
  });

  server.post(`${BASE}/tokens/refresh`, async (req: Request, res: Response) => {
    const access = authorize(req, res, ctx.tokens);
    if (access === undefined) return;
    if (access.kind !== 'token') return sendError(res, 400, 'BadArgument', 'Refresh needs a Direct Line token, not the secret.');
    const { conversationId, userId: user } = access.claims;
    const { token, expiresIn } = ctx.tokens.issue({ conversationId, userId: user });
    res.send(200, { conversationId, token, expires_in: expiresIn });
  });

  server.post(`${BASE}/conversations`, async (req: Request, res: Response) => {
    const access = authorize(req, res, ctx.tokens);
    if (access === undefined) return;
    const body = startBodySchema.safeParse(req.body ?? undefined);
    if (!body.success) return sendError(res, 400, 'BadArgument', describeIssues(body.error));
    const locale = body.data?.locale;
    const { conversationId, userId: user } = access.kind === 'token' ? access.claims : { conversationId: ConversationStore.newId(), userId: body.data?.user?.id ?? newUserId() };
    const created = await ctx.store.create({ id: conversationId, userId: user, locale });
    if (created) welcome(ctx, { conversationId, userId: user, locale });
    res.send(created ? 201 : 200, conversationResponse(ctx, req, conversationId, user, access, 0));
  });

  server.get(`${BASE}/conversations/:conversationId`, async (req: Request, res: Response) => {
    const found = await conversationFor(req, res, ctx);
    if (found === undefined) return;
    const watermark = parseWatermark(req, res);
    if (watermark === undefined) return;
    res.send(200, conversationResponse(ctx, req, found.id, found.userId, found.access, watermark));
  });

  server.post(`${BASE}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const found = await conversationFor(req, res, ctx);
    if (found === undefined) return;
    const parsed = directLineActivitySchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, 'BadArgument', `Malformed activity: ${describeIssues(parsed.error)}.`);
    const activity = parsed.data;
    if (typeof activity.text === 'string' && activity.text.length > ctx.maxQuestionChars) {
      return sendError(res, 400, 'MessageSizeTooBig', `The message has ${activity.text.length} characters; at most ${ctx.maxQuestionChars} are accepted.`);
    }
    // A token speaks for its own user only; the secret may name any user.
    const user = found.access.kind === 'token' ? found.access.claims.userId : (activity.from?.id ?? found.userId);
    const from = { ...activity.from, id: user, role: 'user' };
    const stored = await ctx.store.append(found.id, { ...activity, from } as InboundActivity);
    if (stored === undefined) return sendError(res, 404, 'NotFound', `Conversation "${found.id}" ended.`);
    // Direct Line answers a post once the bot has taken the activity: a failed turn is 502. A slow
    // turn (an LLM) is answered 200 after postWaitMs, its reply arriving by poll or stream.
    const turn = ctx.store.enqueue(found.id, () => ctx.deliver({ ...stored, recipient: ctx.bot }));
    const outcome = await settledWithin(turn, ctx.postWaitMs);
    if (outcome.state === 'failed') {
      ctx.logger.error({ err: outcome.error, conversationId: found.id }, `the bot's turn failed: ${describeError(outcome.error)}`);
      return sendError(res, 502, 'BotError', 'The assistant could not handle this message (it has been logged). Send it again in a moment.');
    }
    if (outcome.state === 'pending') void turn.catch((error: unknown) => ctx.logger.error({ err: error, conversationId: found.id }, `the bot's turn failed after the post was answered: ${describeError(error)}`));
    res.send(200, { id: stored.id });
  });

  server.get(`${BASE}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const found = await conversationFor(req, res, ctx);
    if (found === undefined) return;
    const watermark = parseWatermark(req, res);
    if (watermark === undefined) return;
    const set = await ctx.store.since(found.id, watermark);
    if (set === undefined) return sendError(res, 404, 'NotFound', `Conversation "${found.id}" ended.`);
    res.send(200, set);
  });

  server.post(`${BASE}/conversations/:conversationId/upload`, async (_req: Request, res: Response) => {
    sendError(res, 400, 'BadArgument', 'File upload is not supported by this assistant (the chat page hides the upload button): ask in text.');
  });

  const streamingExtensions = async (_req: Request, res: Response) => {
    sendError(res, 501, 'NotImplemented', 'The Direct Line Streaming Extensions protocol (/.bot/) is not served here: use Direct Line 3.0 (REST under /v3/directline, with its WebSocket streamUrl).');
  };
  server.get('/.bot/*', streamingExtensions);
  server.post('/.bot/*', streamingExtensions);
}

/** Tells the bot who joined, in the client's locale (the welcome message comes from there). */
function welcome(ctx: DirectLineContext, { conversationId, userId: user, locale }: { conversationId: string; userId: string; locale: string | undefined }): void {
  const member = { id: user, role: 'user' };
  const update = { type: 'conversationUpdate', id: `${conversationId}|start`, conversation: { id: conversationId }, from: member, recipient: ctx.bot, membersAdded: [ctx.bot, member], ...(locale === undefined ? {} : { locale }) };
  void ctx.store.enqueue(conversationId, () => ctx.deliver(update)).catch((error: unknown) => {
    ctx.logger.error({ err: error, conversationId }, `Direct Line could not deliver the welcome to the bot: ${describeError(error)}`);
  });
}

type Settled = { state: 'done' } | { state: 'failed'; error: unknown } | { state: 'pending' };

function settledWithin(promise: Promise<void>, ms: number): Promise<Settled> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Settled>((resolve) => {
    timer = setTimeout(() => resolve({ state: 'pending' }), ms);
  });
  const settled = promise.then<Settled, Settled>(() => ({ state: 'done' }), (error: unknown) => ({ state: 'failed', error }));
  return Promise.race([settled, timeout]).finally(() => clearTimeout(timer));
}

async function conversationFor(req: Request, res: Response, ctx: DirectLineContext): Promise<{ id: string; userId: string; access: DirectLineAccess } | undefined> {
  const access = authorize(req, res, ctx.tokens);
  if (access === undefined) return undefined;
  const id = String(req.params.conversationId ?? '');
  if (!allowConversation(access, id, res)) return undefined;
  const conversation = await ctx.store.get(id);
  if (conversation === undefined) {
    sendError(res, 404, 'NotFound', `Conversation "${id}" does not exist (it ended, or was idle too long): start a new one.`);
    return undefined;
  }
  return { id, userId: conversation.userId, access };
}
function parseWatermark(req: Request, res: Response): number | undefined {
  const raw: unknown = (req.query as Record<string, unknown> | undefined)?.watermark;
  if (raw === undefined || raw === '') return 0;
  if (typeof raw === 'string' && /^\d{1,9}$/.test(raw)) return Number(raw);
  sendError(res, 400, 'BadArgument', `watermark must be a non-negative integer from an earlier response, got "${String(raw)}".`);
  return undefined;
}

function conversationResponse(ctx: DirectLineContext, req: Request, conversationId: string, userId: string, access: DirectLineAccess, watermark: number) {
  // A token holder keeps its token; a secret holder gets one, so the stream URL never carries the secret.
  const presented = access.kind === 'token' ? bearerValue(req) : undefined;
  const { token, expiresIn } =
    access.kind === 'token' && presented !== undefined
      ? { token: presented, expiresIn: Math.max(0, access.claims.expiresAt - Math.floor(Date.now() / 1000)) }
      : ctx.tokens.issue({ conversationId, userId });
  const query = new URLSearchParams({ t: token, watermark: watermark > 0 ? String(watermark) : '' });
  return {
    conversationId,
    token,
    expires_in: expiresIn,
    streamUrl: `${ctx.streamBase(req)}${BASE}/conversations/${encodeURIComponent(conversationId)}/stream?${query.toString()}`,
  };
}
