import type { Request, Response, Server } from 'restify';
import type { ServingInfo } from '../../app/serving-pipeline';
import type { StateStore } from '../../bot/state-store';
import type { Config } from '../../config/config';
import { logContext, type LogContext } from '../../config/log-context';
import type { Logger } from '../../config/logger';
import { sendError } from '../http-error';
import { clientAddress } from './client-address';
import { handleCors } from './cors';
import { createAdmission, type Admission } from './admission';
import { checkReadiness } from './readiness';
import { checkRequestTarget } from './request-target';
import { conversationIdOf, requestContext, requestIdFor, setRequestContext } from './request-context';
import { setSecurityHeaders } from './security-headers';
import type { ServerMetrics } from './server-metrics';

export interface RegisterOperationsOptions {
  config: Config;
  logger: Logger;
  metrics: ServerMetrics;
  stateStore: StateStore;
  /** The snapshot being served, for `/readyz`; absent when the server was given a bare assistant. */
  serving?: (() => ServingInfo) | undefined;
}

/** The operations side of a running server, for its `stop()`. */
export interface Operations {
  /**
   * Stops taking requests (503 with `Connection: close`; the bot's own connector calls still pass),
   * then waits for requests and bot turns in flight, at most `graceMs`. True when all finished.
   */
  drain(options: { turns: () => Promise<void>; graceMs: number }): Promise<boolean>;
  /** The rate limits, for the entry points outside restify (WebSocket upgrades). */
  admission: Admission;
}

/** Probes and metrics: logged at debug level. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);
/** Routes whose posts are messages of a conversation, with the per-conversation budget. */
const MESSAGE_ROUTES = new Set(['/api/messages', '/v3/directline/conversations/:conversationId/activities']);

/**
 * Everything a server needs to be run by someone else: request ids and an access log (JSON, with
 * the conversation id), security headers, CORS for configured origins, per-address and
 * per-conversation rate limits, `/readyz`, `/metrics`, latency metrics per route, and a drain for
 * graceful shutdown. Register it after the body parser: the conversation of `/api/messages` is in
 * the body.
 */
export function registerOperations(server: Server, { config, logger, metrics, stateStore, serving }: RegisterOperationsOptions): Operations {
  const { tunables } = config;
  const admission = createAdmission({ config, metrics, logger });
  let draining = false;
  let inFlight = 0;
  const idleWaiters: Array<() => void> = [];

  server.pre((req: Request, res: Response, next: (arg?: unknown) => void) => {
    const context: LogContext = { requestId: requestIdFor(req) };
    setRequestContext(req, context);
    res.setHeader('X-Request-Id', context.requestId);
    setSecurityHeaders(res);
    const started = process.hrtime.bigint();
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) for (const wake of idleWaiters.splice(0)) wake();
    });
    res.once('finish', () => accessLog({ req, res, context, seconds: Number(process.hrtime.bigint() - started) / 1e9 }));
    logContext.run(context, () => next());
  });

  server.pre((req: Request, res: Response, next: (arg?: unknown) => void) => {
    const problem = checkRequestTarget(req.url);
    if (problem !== undefined) {
      sendError(res, problem.status, problem.code, problem.message);
      return next(false);
    }
    // The bot's replies to turns in flight do not come through here (they are stored in-process), so refusing every request while draining cannot cut them off.
    if (draining) {
      res.setHeader('Connection', 'close');
      res.setHeader('Retry-After', '5');
      sendError(res, 503, 'ServiceUnavailable', 'The server is shutting down. Retry in a few seconds (behind a load balancer, another instance takes over).');
      return next(false);
    }
    if (handleCors(req, res, { origins: config.corsOrigins })) return next(false);
    admission.http(req, res).then((allowed) => next(allowed ? undefined : false), next);
  });

  server.use((req: Request, res: Response, next: (arg?: unknown) => void) => {
    const conversationId = conversationIdOf(req);
    const context = requestContext(req);
    if (context !== undefined && conversationId !== undefined) context.conversationId = conversationId;
    // Reading the body ran in the socket's async context, not the request's: enter it again for the route and the bot turn.
    const proceed = () => (context === undefined ? next() : logContext.run(context, () => next()));
    const route = routeOf(req);
    if (conversationId === undefined || req.method !== 'POST' || !MESSAGE_ROUTES.has(route)) return proceed();
    const key = `${route === '/api/messages' ? 'bf' : 'dl'}:${conversationId}`;
    admission.checkConversation(key).then((hit) => {
      if (hit !== undefined) {
        admission.refuse(res, hit);
        return next(false);
      }
      res.once('finish', () => {
        if (res.statusCode < 400) admission.spendConversation(key).catch((error: unknown) => logger.warn({ err: error }, 'rate limit bookkeeping failed'));
      });
      proceed();
    }, next);
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    const readiness = await checkReadiness({ serving, stateStore });
    res.setHeader('Cache-Control', 'no-store');
    res.send(readiness.ready ? 200 : 503, { status: readiness.ready ? 'ready' : 'not-ready', checks: readiness.checks });
  });

  server.get('/metrics', async (_req: Request, res: Response) => {
    const { contentType, body } = await metrics.render();
    res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
    res.end(body);
  });

  function accessLog({ req, res, context, seconds }: { req: Request; res: Response; context: LogContext; seconds: number }): void {
    const route = routeOf(req);
    metrics.observeRequest({ method: req.method ?? 'UNKNOWN', route, status: res.statusCode, seconds });
    const quiet = QUIET_PATHS.has(route) || (req.method === 'GET' && route.endsWith('/activities'));
    const level = res.statusCode >= 500 ? 'warn' : quiet ? 'debug' : 'info';
    logger[level](
      { ...context, method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000), ip: clientAddress(req, { trustProxy: config.trustProxy }) },
      'request',
    );
  }

  return {
    admission,
    async drain({ turns, graceMs }) {
      draining = true;
      const idle = inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve));
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), graceMs);
        timer.unref();
      });
      // Requests first: a message accepted just before the drain may still queue a Direct Line turn.
      const finished = await Promise.race([idle.then(turns).then(() => true as const), timeout]);
      clearTimeout(timer);
      if (!finished) logger.warn({ graceMs, inFlight }, 'graceful stop: requests or bot turns still running after the grace period; closing anyway');
      return finished;
    },
  };
}

/** The matched route's pattern (`/documents/:docId`), never the URL: bounded label values, no ids in metrics. */
function routeOf(req: Request): string {
  const path: unknown = req.getRoute()?.path;
  return typeof path === 'string' ? path : 'unmatched';
}
