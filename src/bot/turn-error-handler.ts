import { ActivityTypes, type TurnContext } from 'botbuilder';
import { describeError, isAppError } from '../config/errors';
import type { Logger } from '../config/logger';
import type { PromptCatalog } from '../prompts/catalog';

/**
 * The adapter's `onTurnError`, the one catch-all of the bot: the full error goes to the log, the
 * user gets a Vietnamese apology and nothing of the error's text. A failure to send the apology (the
 * channel itself is down) is logged, never rethrown. An OVERLOADED error (every answer worker busy
 * and the queue full) is not a fault: a warning, and the user is asked to send the question again.
 */
export function createTurnErrorHandler({ prompts, logger }: { prompts: PromptCatalog; logger: Logger }): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    const { activity } = context;
    const overloaded = isAppError(error, 'OVERLOADED');
    logger[overloaded ? 'warn' : 'error'](
      { err: error, conversationId: activity.conversation?.id, channelId: activity.channelId, activityType: activity.type },
      `turn failed: ${describeError(error)}`,
    );
    try {
      await context.sendActivity({ type: ActivityTypes.Message, text: prompts.format(overloaded ? 'bot.busy' : 'bot.error') });
    } catch (sendError) {
      logger.error({ err: sendError, conversationId: activity.conversation?.id }, 'could not send the apology');
    }
  };
}
