import { CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, type AuthenticateRequestResult } from 'botframework-connector';
import type { Config } from '../config/config';

/**
 * `CloudAdapter` with authentication from the configuration (app id, password, type, tenant; none
 * at all in local mode, where the Emulator's unauthenticated requests are accepted). It exposes
 * authentication and processing as two steps so that `/api/messages` can answer a bad request or a
 * failed authentication with its own 4xx, and still return invoke responses.
 */
export class TrolyAdapter extends CloudAdapter {
  constructor({ bot }: { bot: Config['bot'] }) {
    super(
      new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: bot.appId ?? '',
        MicrosoftAppPassword: bot.appPassword ?? '',
        MicrosoftAppType: bot.appType,
        MicrosoftAppTenantId: bot.tenantId ?? '',
        ...(bot.openIdMetadataUrl === undefined ? {} : publicCloudWithKeysFrom(bot.openIdMetadataUrl)),
      }),
    );
  }

  /** Throws botframework-connector's `AuthenticationError` when the request is not from a trusted channel. */
  authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
  }

  /** Runs the turn for an authenticated activity; the invoke response, if the activity was an invoke. */
  processAuthenticated(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/**
 * Bot Framework's public-cloud settings with channel tokens' signing keys read from another
 * OpenID metadata document. Setting any one of these makes botbuilder take all of them as given,
 * so the others are spelled out with their public-cloud values.
 */
function publicCloudWithKeysFrom(openIdMetadataUrl: string): Record<string, string> {
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}
