import type { Activity, TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Request, Response, Server } from 'restify';
import { describeError } from '../config/errors';
import type { Logger } from '../config/logger';
import { channelActivitySchema, describeIssues, withDates } from './activity-schema';
import { sendError } from './http-error';
import type { TrolyAdapter } from './troly-adapter';

/**
 * `POST /api/messages`, the Bot Framework endpoint (Teams, the Emulator): the activity is checked
 * (400 with the reasons), authenticated (401), then run through the adapter; the bot's replies go
 * to the activity's `serviceUrl`. Turn errors are handled by `onTurnError`; anything that still
 * escapes is logged and answered with 500.
 */
/**
 * jsonwebtoken's own errors (a signature that does not verify, a token not yet valid) reach us
 * unwrapped from botframework-connector; they are authentication failures too, not server errors.
 */
function isTokenError(error: unknown): error is Error {
  return error instanceof Error && (error.name === 'JsonWebTokenError' || error.name === 'NotBeforeError' || error.name === 'TokenExpiredError');
}

export function registerMessagesRoute(server: Server, { adapter, logic, logger }: { adapter: TrolyAdapter; logic: (context: TurnContext) => Promise<void>; logger: Logger }): void {
  server.post('/api/messages', async (req: Request, res: Response) => {
    const parsed = channelActivitySchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, 'BadArgument', `Malformed activity: ${describeIssues(parsed.error)}.`);
    const activity = withDates(parsed.data) as unknown as Activity;
    let auth;
    try {
      auth = await adapter.authenticate(activity, req.header('authorization') ?? '');
    } catch (error) {
      if (error instanceof AuthenticationError || isTokenError(error)) {
        logger.warn({ channelId: activity.channelId, reason: error.message }, 'rejected an unauthenticated Bot Framework request');
        return sendError(res, 401, 'Unauthorized', `Bot Framework authentication failed: ${error.message}. Channels must send a valid "Authorization: Bearer <JWT>" for this bot's MicrosoftAppId.`);
      }
      throw error;
    }
    try {
      const invoke = await adapter.processAuthenticated(auth, activity, logic);
      res.send(invoke?.status ?? 200, invoke?.body);
    } catch (error) {
      logger.error({ err: error, conversationId: activity.conversation.id }, `turn could not be processed: ${describeError(error)}`);
      sendError(res, 500, 'InternalError', 'The bot could not process the activity; see the server log.');
    }
  });
}
