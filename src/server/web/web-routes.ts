import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';
import type { PromptCatalog } from '../../prompts/catalog';
import { newUserId } from '../directline/directline-routes';
import { ConversationStore } from '../directline/conversation-store';
import type { TokenIssuer } from '../directline/token-issuer';
import type { DocumentSource } from '../../app/document-source';
import { sendError } from '../http-error';
import { renderChatPage, CHAT_PAGE_CSP } from './chat-page';
import { DOCUMENT_PAGE_CSP, renderDocumentNotFound, renderDocumentPage } from './document-page';
import { htmlHeaders } from '../../html/html';
import { FAVICON_SVG } from '../../html/page-style';
import { staticAsset } from '../../html/static-asset';

export interface WebContext {
  prompts: PromptCatalog;
  documents: DocumentSource;
  tokens: TokenIssuer;
  /** Whether Web Chat should use the WebSocket stream (true) or poll. */
  webSocket: boolean;
}

/** Web Chat's full bundle (Adaptive Cards included), from node_modules: no CDN. */
function webChatBundlePath(): string {
  const main = createRequire(import.meta.url).resolve('botframework-webchat');
  return join(dirname(main), '..', 'dist', 'webchat.js');
}

const CHAT_CLIENT_PATH = join(dirname(fileURLToPath(import.meta.url)), 'chat-client.js');

/** The web side: chat page, its scripts, the page's token endpoint and the document viewer. */
export function registerWebRoutes(server: Server, ctx: WebContext): void {
  const chatPage = renderChatPage({ prompts: ctx.prompts, webSocket: ctx.webSocket });
  server.get('/', async (_req: Request, res: Response) => {
    res.writeHead(200, htmlHeaders(CHAT_PAGE_CSP));
    res.end(chatPage);
  });
  server.get('/static/webchat.js', staticAsset({ path: webChatBundlePath(), contentType: 'application/javascript; charset=utf-8', maxAgeSeconds: 86_400 }));
  const favicon = async (_req: Request, res: Response) => {
    res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' });
    res.end(FAVICON_SVG);
  };
  server.get('/favicon.svg', favicon);
  server.get('/favicon.ico', favicon);
  server.get('/static/chat.js', staticAsset({ path: CHAT_CLIENT_PATH, contentType: 'application/javascript; charset=utf-8', maxAgeSeconds: 300 }));

  // The page's own token endpoint: the server issues the token itself, so no secret reaches the
  // browser. It opens a conversation for anyone who can load the page, so it has its own budget
  // per client address (TROLY_RATE_LIMIT_SESSIONS_PER_MINUTE, see ops/admission.ts).
  server.post('/api/webchat/token', async (_req: Request, res: Response) => {
    const conversationId = ConversationStore.newId();
    const userId = newUserId();
    const { token, expiresIn } = ctx.tokens.issue({ conversationId, userId });
    res.setHeader('Cache-Control', 'no-store');
    res.send(200, { token, conversationId, userId, expires_in: expiresIn });
  });

  // The scanned page beside its recognised text (document viewer); rendered on demand from the source file.
  server.get('/documents/:docId/pages/:page', async (req: Request, res: Response) => {
    const docId = String(req.params.docId ?? '');
    const page = Number(req.params.page);
    if (docId === '' || docId.length > 512 || !Number.isInteger(page) || page < 1 || page > 100_000) {
      return sendError(res, 400, 'BadArgument', 'Expected /documents/<docId>/pages/<page number from 1>.');
    }
    const image = await ctx.documents.pageImage?.(docId, page);
    if (image === undefined) return sendError(res, 404, 'NotFound', `No scanned page ${page} for document ${docId}.`);
    res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': image.length, 'Cache-Control': 'private, max-age=300', 'X-Content-Type-Options': 'nosniff' });
    res.end(image);
  });

  server.get('/documents/:docId', async (req: Request, res: Response) => {
    const docId = String(req.params.docId ?? '');
    if (docId === '' || docId.length > 512) return sendError(res, 400, 'BadArgument', 'Expected a document id in the path: /documents/<docId>.');
    const doc = await ctx.documents.getDocument(docId);
    if (doc === undefined) {
      res.writeHead(404, htmlHeaders(DOCUMENT_PAGE_CSP));
      res.end(renderDocumentNotFound({ docId, prompts: ctx.prompts }));
      return;
    }
    const chunks = await ctx.documents.getChunks(docId);
    res.writeHead(200, htmlHeaders(DOCUMENT_PAGE_CSP));
    res.end(renderDocumentPage({ doc, chunks, prompts: ctx.prompts }));
  });
}
