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
  /** `ws://host:port` (or `wss://`) as the client reached us, for `streamUrl`. */
  streamBase: (req: Request) => string;
}

const BASE = '/v3/directline';
const generateBodySchema = z.looseObject({ user: z.looseObject({ id: z.string().min(1).max(256).optional() }).optional() }).optional();

/** A new Direct Line user id; web chat clients are anonymous, so the server names them. */
export function newUserId(): string {
  return `dl_${randomBytes(9).toString('base64url')}`;
}

/**
 * The subset of Direct Line 3.0 that Web Chat and botframework-directlinejs use: tokens
 * (generate/refresh), start and reconnect a conversation, post an activity, poll activities from a
 * watermark. Streaming (`streamUrl`) is served by `attachDirectLineStreams`.
 */
export function registerDirectLineRoutes(server: Server, ctx: DirectLineContext): void {
  server.post(`${BASE}/tokens/generate`, async (req: Request, res: Response) => {
    const secret = bearerValue(req);
    if (!ctx.tokens.hasSecret) return sendError(res, 403, 'Forbidden', 'Direct Line tokens cannot be generated: TROLY_DIRECTLINE_SECRET is not set on this server.');
    if (secret === undefined || !ctx.tokens.isSecret(secret)) return sendError(res, 401, 'Unauthorized', 'Expected "Authorization: Bearer <Direct Line secret>" (TROLY_DIRECTLINE_SECRET).');
    const body = generateBodySchema.safeParse(req.body ?? undefined);
    if (!body.success) return sendError(res, 400, 'BadArgument', describeIssues(body.error));
    const conversationId = ConversationStore.newId();
    const userId = body.data?.user?.id ?? newUserId();
    const { token, expiresIn } = ctx.tokens.issue({ conversationId, userId });
    res.send(200, { conversationId, token, expires_in: expiresIn });
  });

  server.post(`${BASE}/tokens/refresh`, async (req: Request, res: Response) => {
    const access = authorize(req, res, ctx.tokens);
    if (access === undefined) return;
    if (access.kind !== 'token') return sendError(res, 400, 'BadArgument', 'Refresh needs a Direct Line token, not the secret.');
    const { conversationId, userId } = access.claims;
    const { token, expiresIn } = ctx.tokens.issue({ conversationId, userId });
    res.send(200, { conversationId, token, expires_in: expiresIn });
  });

  server.post(`${BASE}/conversations`, async (req: Request, res: Response) => {
    const access = authorize(req, res, ctx.tokens);
    if (access === undefined) return;
    const requestedUser = generateBodySchema.safeParse(req.body ?? undefined);
    const { conversationId, userId } =
      access.kind === 'token' ? access.claims : { conversationId: ConversationStore.newId(), userId: (requestedUser.success && requestedUser.data?.user?.id) || newUserId() };
    const existing = ctx.store.get(conversationId);
    if (existing === undefined) startConversation(ctx, conversationId, userId);
    res.send(existing === undefined ? 201 : 200, conversationResponse(ctx, req, conversationId, userId, access, 0));
  });

  server.get(`${BASE}/conversations/:conversationId`, async (req: Request, res: Response) => {
    const found = conversationFor(req, res, ctx);
    if (found === undefined) return;
    const watermark = parseWatermark(req, res);
    if (watermark === undefined) return;
    res.send(200, conversationResponse(ctx, req, found.id, found.userId, found.access, watermark));
  });

  server.post(`${BASE}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const found = conversationFor(req, res, ctx);
    if (found === undefined) return;
    const parsed = directLineActivitySchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, 'BadArgument', `Malformed activity: ${describeIssues(parsed.error)}.`);
    const activity = parsed.data;
    if (typeof activity.text === 'string' && activity.text.length > ctx.maxQuestionChars) {
      return sendError(res, 400, 'MessageSizeTooBig', `The message has ${activity.text.length} characters; at most ${ctx.maxQuestionChars} are accepted.`);
    }
    // A token speaks for its own user only; the secret may name any user.
    const userId = found.access.kind === 'token' ? found.access.claims.userId : (activity.from?.id ?? found.userId);
    const from = { ...activity.from, id: userId, role: 'user' };
    const stored = ctx.store.append(found.id, { ...activity, from } as InboundActivity);
    if (stored === undefined) return sendError(res, 404, 'NotFound', `Conversation "${found.id}" ended.`);
    res.send(200, { id: stored.id });
    void ctx.store.enqueue(found.id, () => forward(ctx, { ...stored, recipient: ctx.bot }));
  });

  server.get(`${BASE}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const found = conversationFor(req, res, ctx);
    if (found === undefined) return;
    const watermark = parseWatermark(req, res);
    if (watermark === undefined) return;
    res.send(200, ctx.store.since(found.id, watermark));
  });

  server.post(`${BASE}/conversations/:conversationId/upload`, async (_req: Request, res: Response) => {
    sendError(res, 400, 'BadArgument', 'File upload is not supported by this assistant: ask in text.');
  });
}

/** Creates the conversation and tells the bot who joined (the welcome message comes from there). */
function startConversation(ctx: DirectLineContext, conversationId: string, userId: string): void {
  ctx.store.create({ id: conversationId, userId });
  const user = { id: userId, role: 'user' };
  void ctx.store.enqueue(conversationId, () =>
    forward(ctx, { type: 'conversationUpdate', id: `${conversationId}|start`, conversation: { id: conversationId }, from: user, recipient: ctx.bot, membersAdded: [ctx.bot, user] }),
  );
}

async function forward(ctx: DirectLineContext, activity: InboundActivity & { conversation: { id: string } }): Promise<void> {
  try {
    await ctx.deliver(activity);
  } catch (error) {
    ctx.logger.error({ err: error, conversationId: activity.conversation.id }, `Direct Line could not deliver an activity to the bot: ${describeError(error)}`);
  }
}

function conversationFor(req: Request, res: Response, ctx: DirectLineContext): { id: string; userId: string; access: DirectLineAccess } | undefined {
  const access = authorize(req, res, ctx.tokens);
  if (access === undefined) return undefined;
  const id = String(req.params.conversationId ?? '');
  if (!allowConversation(access, id, res)) return undefined;
  const conversation = ctx.store.get(id);
  if (conversation === undefined) {
    sendError(res, 404, 'NotFound', `Conversation "${id}" does not exist (conversations are kept in memory: after a restart or a long pause start a new one).`);
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
