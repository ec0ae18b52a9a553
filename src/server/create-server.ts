import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ConversationState, type TurnContext } from 'botbuilder';
import restify, { type Request, type Response } from 'restify';
import type { Assistant } from '../answer/types';
import type { ServingInfo } from '../app/serving-pipeline';
import { BOT_PROMPT_KEYS } from '../bot/bot-prompt-keys';
import type { StateStore } from '../bot/state-store';
import { TrolyBot } from '../bot/troly-bot';
import { createTurnErrorHandler } from '../bot/turn-error-handler';
import type { Config } from '../config/config';
import type { Logger } from '../config/logger';
import type { PromptCatalog } from '../prompts/catalog';
import { createBotBridge } from './directline/bot-bridge';
import { ConversationStore } from './directline/conversation-store';
import { registerDirectLineRoutes } from './directline/directline-routes';
import { attachDirectLineStreams, type DirectLineStreams } from './directline/directline-streams';
import { TokenIssuer } from './directline/token-issuer';
import type { DocumentSource } from '../app/document-source';
import { registerMessagesRoute } from './messages-route';
import { guardHandlers } from './ops/guard-handlers';
import { instrumentAssistant } from './ops/instrument-assistant';
import { instrumentFeedback } from './ops/instrument-feedback';
import { registerOperations } from './ops/register-operations';
import { createServerMetrics, type ServerMetrics } from './ops/server-metrics';
import { publicBaseUrl, selfUrl, toWebSocketUrl } from './server-address';
import { requestBodyParser } from './request-body';
import { TrolyAdapter } from './troly-adapter';
import { CHAT_PAGE_PROMPT_KEYS } from './web/chat-page';
import { DOCUMENT_PAGE_PROMPT_KEYS } from './web/document-page';
import { registerWebRoutes } from './web/web-routes';

export interface CreateServerOptions {
  config: Config;
  assistant: Assistant;
  documents: DocumentSource;
  prompts: PromptCatalog;
  logger: Logger;
  stateStore: StateStore;
  /** Web Chat streams over WebSocket (default) or polls. */
  webSocket?: boolean;
  /** Routes of other parts served on the same server (the admin API), registered after the server's own. */
  extraRoutes?: (server: restify.Server) => void;
  /** The index snapshot being served, for `/readyz` and the index metrics. */
  serving?: () => ServingInfo;
  /** Prometheus metrics; a new registry when not given. */
  metrics?: ServerMetrics;
}

export interface AssistantServer {
  /** Listens on `config.host:config.port` (port 0: any free port); resolves with the public base URL. */
  start(): Promise<{ url: string }>;
  /** Refuses new requests (503), waits (bounded) for requests and bot turns in flight, closes the streams, then the server. */
  stop(): Promise<void>;
  /** The public base URL once started. */
  readonly url: string | undefined;
  /** The server's metrics (`/metrics`); the admin API records reindex runs here. */
  readonly metrics: ServerMetrics;
}

const SWEEP_INTERVAL_MS = 5 * 60_000;
/** The state database's name for the Direct Line token signing key. */
const DIRECTLINE_KEY_NAME = 'directline-token-key';

/**
 * The assistant's HTTP server (restify): `/api/messages` for Bot Framework channels, a self-hosted
 * Direct Line 3.0 for the web chat (its bot's replies stored in-process, see `createBotBridge`),
 * the chat page, the document viewer and `/healthz`.
 */
export function createServer({ config, assistant, documents, prompts, logger, stateStore, webSocket = true, serving, metrics: givenMetrics, extraRoutes }: CreateServerOptions): AssistantServer {
  prompts.require([...BOT_PROMPT_KEYS, ...CHAT_PAGE_PROMPT_KEYS, ...DOCUMENT_PAGE_PROMPT_KEYS]);
  const { tunables } = config;
  const localMode = config.bot.appId === undefined;
  let address: AddressInfo | undefined;
  let publicUrl: string | undefined;

  const conversationState = new ConversationState(stateStore.storage);
  // Conversations are counted at scrape time; the store is created below.
  const metrics = givenMetrics ?? createServerMetrics({ serving, conversations: () => store.size });
  const adapter = new TrolyAdapter({ bot: config.bot });
  adapter.onTurnError = createTurnErrorHandler({ prompts, logger });
  const bot = new TrolyBot({
    assistant: instrumentAssistant({ assistant, metrics }),
    prompts,
    conversationState,
    feedback: instrumentFeedback({ feedback: stateStore.feedback, metrics }),
    logger,
    config,
    linkBaseUrl: () => publicUrl,
  });
  const logic = (context: TurnContext) => bot.run(context);

  const server = restify.createServer({ name: 'troly', handleUncaughtExceptions: false, log: restifyLogger(logger) as unknown as restify.ServerOptions['log'] });
  guardHandlers(server, { logger });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(requestBodyParser({ maxBytes: tunables.maxRequestBytes, maxDepth: tunables.maxJsonDepth }));
  shapeErrors(server, logger);
  const operations = registerOperations(server, { config, logger, metrics, stateStore, serving });

  const tokens = new TokenIssuer({ secret: config.directLineSecret, ttlSeconds: tunables.directLineTokenTtlSeconds });
  const store = new ConversationStore({ log: stateStore.directLine, idleMs: tunables.directLineIdleHours * 3_600_000 });
  const botAccount = { id: config.bot.appId ?? 'troly-bot', name: prompts.format('bot.name'), role: 'bot' };
  const deliver = createBotBridge({
    adapter,
    logic,
    serviceUrl: () => (address === undefined ? '' : selfUrl(address)),
    store,
    bot: botAccount,
    appId: config.bot.appId,
  });
  const streamBase = (req: Request) =>
    config.publicUrl !== undefined ? toWebSocketUrl(config.publicUrl.replace(/\/+$/, '')) : `${req.isSecure() ? 'wss' : 'ws'}://${req.header('host') ?? ''}`;

  registerMessagesRoute(server, { adapter, logic, logger });
  registerDirectLineRoutes(server, { store, tokens, deliver, bot: botAccount, logger, maxQuestionChars: tunables.maxQuestionChars, postWaitMs: tunables.directLinePostWaitMs, streamBase });
  registerWebRoutes(server, { prompts, documents, tokens, webSocket });
  extraRoutes?.(server);
  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok', mode: localMode ? 'local' : 'bot-framework', conversations: store.size });
  });

  let streams: DirectLineStreams | undefined;
  let sweeper: NodeJS.Timeout | undefined;
  return {
    get url() {
      return publicUrl;
    },
    metrics,
    async start() {
      // Without a Direct Line secret, tokens are signed with the key kept in the state database:
      // they survive a restart and every replica honours them.
      if (config.directLineSecret === undefined) tokens.useSharedKey(Buffer.from(await stateStore.keys.getOrCreate(DIRECTLINE_KEY_NAME, () => randomBytes(32).toString('base64')), 'base64'));
      await new Promise<void>((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(config.port, config.host, () => {
          server.server.off('error', reject);
          resolve();
        });
      });
      address = server.address() as AddressInfo;
      publicUrl = publicBaseUrl({ publicUrl: config.publicUrl, address });
      streams = attachDirectLineStreams({ httpServer: server.server, store, tokens, logger, admit: (req) => operations.admission.upgrade(req) });
      sweeper = setInterval(() => {
        store.sweep().catch((error: unknown) => logger.error({ err: error }, 'sweeping idle Direct Line conversations failed; will retry'));
      }, SWEEP_INTERVAL_MS);
      sweeper.unref();
      announce({ config, logger, localMode, url: publicUrl });
      return { url: publicUrl };
    },
    async stop() {
      if (sweeper !== undefined) clearInterval(sweeper);
      // Streams stay open while turns finish, so web chat users still receive the answers in flight.
      await operations.drain({ turns: () => store.drain(), graceMs: tunables.shutdownGraceMs });
      streams?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.server.closeAllConnections();
      });
    },
  };
}

/**
 * restify's own log lines (a response that could not be formatted…) in our log, with a request as
 * method and path, not the whole object. restify 11 logs with pino; its typings still say bunyan.
 */
function restifyLogger(logger: Logger): Logger {
  return logger.child(
    { component: 'restify' },
    {
      serializers: {
        req: (req: { method?: string; url?: string }) => ({ method: req.method, url: req.url?.slice(0, 300) }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    },
  );
}

/** Errors from restify itself (bad JSON, body too large, unknown route) in the same `{ error }` shape as ours. */
function shapeErrors(server: restify.Server, logger: Logger): void {
  server.on('restifyError', (req: Request, _res: Response, err: Error & { statusCode?: number; body?: { code?: string } }, callback: () => void) => {
    const code = err.body?.code ?? err.name;
    Object.assign(err, { toJSON: () => ({ error: { code, message: err.message } }) });
    if ((err.statusCode ?? 500) >= 500) logger.error({ err, path: req.path() }, 'request failed');
    callback();
  });
}

function announce({ config, logger, localMode, url }: { config: Config; logger: Logger; localMode: boolean; url: string }): void {
  if (localMode) {
    logger.warn(
      { url, host: config.host },
      `LOCAL MODE: no MicrosoftAppId is set, so /api/messages accepts UNAUTHENTICATED requests (for the Bot Framework Emulator). ` +
        (config.host === '127.0.0.1' || config.host === 'localhost' || config.host === '::1'
          ? 'Listening on this machine only.'
          : `TROLY_HOST=${config.host} exposes it beyond this machine: set MicrosoftAppId/MicrosoftAppPassword or keep it behind a firewall.`),
    );
  } else {
    logger.info({ url, appId: config.bot.appId, appType: config.bot.appType }, 'Bot Framework mode: /api/messages requires channel authentication');
  }
  if (config.directLineSecret === undefined) logger.info('TROLY_DIRECTLINE_SECRET is not set: the web chat page works, /v3/directline/tokens/generate is disabled');
  logger.info({ url }, `Trợ lý ảo is serving: web chat at ${url}/, Bot Framework endpoint at ${url}/api/messages`);
}
