import type { Request, Response, Server } from 'restify';
import { botActivitySchema, describeIssues } from '../activity-schema';
import { sendError } from '../http-error';
import type { ConversationStore, InboundActivity } from './conversation-store';
import { bearerValue } from './directline-auth';
import { constantTimeEqual } from './token-issuer';

/**
 * The Bot Connector endpoints the adapter's connector client calls with the bot's replies to Direct
 * Line conversations (`serviceUrl` is our own server): send to conversation and reply to activity.
 * Only this process's bot may call them (bearer token made at start-up), and only for
 * conversations that exist.
 */
export function registerConnectorRoutes(server: Server, { store, connectorToken }: { store: ConversationStore; connectorToken: string }): void {
  const expected = Buffer.from(connectorToken, 'utf8');
  const handler = async (req: Request, res: Response) => {
    const bearer = bearerValue(req);
    if (bearer === undefined || !constantTimeEqual(Buffer.from(bearer, 'utf8'), expected)) {
      return sendError(res, 401, 'Unauthorized', 'Bot Connector calls must carry this server\'s connector token; only the bot inside this process may post here.');
    }
    const parsed = botActivitySchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, 'BadArgument', `Malformed activity: ${describeIssues(parsed.error)}.`);
    const conversationId = String(req.params.conversationId ?? '');
    const replyToId = typeof req.params.activityId === 'string' ? req.params.activityId : parsed.data.replyToId;
    const stored = await store.append(conversationId, { ...parsed.data, ...(replyToId === undefined ? {} : { replyToId }) } as InboundActivity);
    if (stored === undefined) return sendError(res, 404, 'NotFound', `Conversation "${conversationId}" does not exist.`);
    res.send(200, { id: stored.id });
  };
  server.post('/v3/conversations/:conversationId/activities', handler);
  server.post('/v3/conversations/:conversationId/activities/:activityId', handler);
}
