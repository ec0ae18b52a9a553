import type { Activity, ChannelAccount, CloudAdapter, TurnContext } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity, ConnectorFactory, type AuthenticateRequestResult, type ConnectorClient } from 'botframework-connector';
import { AppError } from '../../config/errors';
import { botActivitySchema, describeIssues, withDates } from '../activity-schema';
import type { ConversationStore, InboundActivity } from './conversation-store';

/** What the bridge needs to know about where the bot's replies go. */
export interface BotBridgeOptions {
  adapter: CloudAdapter;
  /** The bot's turn handler (`bot.run`). */
  logic: (context: TurnContext) => Promise<void>;
  /** Our own server, the activities' `serviceUrl`; known once listening. */
  serviceUrl: () => string;
  /** Where the bot's replies are stored and streamed from. */
  store: ConversationStore;
  bot: ChannelAccount;
  /** The Bot Framework app id, when configured (its credentials are then used for user tokens only). */
  appId: string | undefined;
}

/** Direct Line's side of a bot turn: deliver one user activity to the bot through the adapter; rejects when the bot's turn failed. */
export type DeliverActivity = (activity: InboundActivity & { conversation: { id: string } }) => Promise<void>;

/**
 * Forwards Direct Line activities to the bot in-process through `CloudAdapter.processActivityDirect`.
 * The adapter sends the bot's replies through the connector client its connector factory makes;
 * ours checks them against the bot activity schema and stores them in the conversation
 * in-process, which streams them to its clients. (They were posted to Bot Connector endpoints of
 * our own server over HTTP before: an HTTP request, serialisation and parse on the server's
 * thread per reply, and one more secret.) The request is authenticated here (we received it
 * ourselves, with a Direct Line token), so the same path works with or without a Bot Framework
 * app id.
 */
export function createBotBridge({ adapter, logic, serviceUrl, store, bot, appId }: BotBridgeOptions): DeliverActivity {
  const connectorFactory = new InProcessConnectorFactory(store);
  const claims = appId === undefined ? [] : [{ type: AuthenticationConstants.AudienceClaim, value: appId }];
  return async (activity) => {
    const full = withDates({ ...activity, channelId: 'directline', serviceUrl: serviceUrl(), recipient: bot }) as unknown as Activity;
    const auth: AuthenticateRequestResult = {
      audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
      claimsIdentity: new ClaimsIdentity(claims, true),
      connectorFactory,
    };
    // The adapter's onTurnError apologises to the user and swallows the error; the caller (a
    // Direct Line post) must still learn that the turn failed, to answer 502.
    let failure: unknown;
    const watched = async (context: TurnContext) => {
      try {
        await logic(context);
      } catch (error) {
        failure = error;
        throw error;
      }
    };
    await adapter.processActivityDirect(auth, full, watched);
    if (failure !== undefined) throw failure;
  };
}

/**
 * The connector client of Direct Line turns: the two operations the adapter uses to send (send to
 * conversation, reply to activity), done in-process. An activity goes through JSON as it would on
 * the wire (dates become ISO strings, undefined fields vanish). Anything else the Connector API
 * offers is refused, saying so.
 */
class InProcessConnectorFactory extends ConnectorFactory {
  constructor(private readonly store: ConversationStore) {
    super();
  }

  override async create(): Promise<ConnectorClient> {
    const conversations = {
      sendToConversation: (conversationId: string, activity: Partial<Activity>) => storeBotActivity(this.store, conversationId, activity),
      replyToActivity: (conversationId: string, activityId: string, activity: Partial<Activity>) => storeBotActivity(this.store, conversationId, activity, activityId),
    };
    const refuse = (operation: string | symbol) => () => {
      throw new AppError('INTERNAL', `Direct Line conversations support sending and replying only; the bot called conversations.${String(operation)}.`);
    };
    return {
      conversations: new Proxy(conversations, { get: (target, name) => (name in target ? target[name as keyof typeof target] : refuse(name)) }),
    } as unknown as ConnectorClient;
  }
}

/**
 * Stores an activity the bot sends to a Direct Line conversation (send to conversation, or reply
 * to `replyToId`): checked against the bot activity schema, given its id, and streamed to the
 * conversation's clients. Throws when it is malformed or the conversation has ended; the turn
 * then fails as a connector call would (the user's post answers 502).
 */
async function storeBotActivity(store: ConversationStore, conversationId: string, activity: Partial<Activity>, replyToId?: string): Promise<{ id: string }> {
  const parsed = botActivitySchema.safeParse(JSON.parse(JSON.stringify(activity)));
  if (!parsed.success) throw new AppError('INPUT_INVALID', `The bot sent a malformed activity: ${describeIssues(parsed.error)}.`);
  const reply = replyToId ?? parsed.data.replyToId;
  const stored = await store.append(conversationId, { ...parsed.data, ...(reply === undefined ? {} : { replyToId: reply }) } as InboundActivity);
  if (stored === undefined) throw new AppError('NOT_FOUND', `The bot sent an activity to conversation "${conversationId}", which does not exist (it ended).`);
  return { id: stored.id };
}
