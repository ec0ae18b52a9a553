import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
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
