import type { Activity, ChannelAccount, CloudAdapter, TurnContext } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity, ConnectorClient, ConnectorFactory, type AuthenticateRequestResult } from 'botframework-connector';
import { withDates } from '../activity-schema';
import type { InboundActivity } from './conversation-store';

/** What the bridge needs to know about where the bot's replies go. */
export interface BotBridgeOptions {
  adapter: CloudAdapter;
  /** The bot's turn handler (`bot.run`). */
  logic: (context: TurnContext) => Promise<void>;
  /** Our own server, where the connector endpoints collect the bot's replies; known once listening. */
  serviceUrl: () => string;
  /** Bearer token the connector endpoints require: only this process's bot may post replies. */
  connectorToken: string;
  bot: ChannelAccount;
  /** The Bot Framework app id, when configured (its credentials are then used for user tokens only). */
  appId: string | undefined;
}

/** Direct Line's side of a bot turn: deliver one user activity to the bot through the adapter; rejects when the bot's turn failed. */
export type DeliverActivity = (activity: InboundActivity & { conversation: { id: string } }) => Promise<void>;

/**
 * Forwards Direct Line activities to the bot in-process through `CloudAdapter.processActivityDirect`,
 * with `serviceUrl` set to our own server. The adapter's connector client then posts the bot's
 * replies to our Bot Connector endpoints over HTTP, exactly as it would to Azure's channel service.
 * The request is authenticated here (we received it ourselves, with a Direct Line token), so the
 * same path works with or without a Bot Framework app id; the connector client signs its calls
 * with a per-process bearer token instead of an AAD token.
 */
export function createBotBridge({ adapter, logic, serviceUrl, connectorToken, bot, appId }: BotBridgeOptions): DeliverActivity {
  const connectorFactory = new LocalConnectorFactory(connectorToken);
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

class LocalConnectorFactory extends ConnectorFactory {
  constructor(private readonly token: string) {
    super();
  }

  override async create(serviceUrl: string): Promise<ConnectorClient> {
    const token = this.token;
    const credentials = {
      async signRequest<T extends { headers: { set(name: string, value: string): void } }>(request: T): Promise<T> {
        request.headers.set('authorization', `Bearer ${token}`);
        return request;
      },
    };
    return new ConnectorClient(credentials, { baseUri: serviceUrl });
  }
}
