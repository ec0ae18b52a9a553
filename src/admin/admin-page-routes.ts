import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';
import { htmlHeaders } from '../html/html';
import { staticAsset } from '../html/static-asset';
import type { AdminContext } from './admin-context';
import { ADMIN_PAGE_CSP, renderAdminPage } from './admin-page';
import { acceptedExtensions } from './safe-file-name';

const CLIENT_PATH = join(dirname(fileURLToPath(import.meta.url)), 'admin-client.js');

/** `GET /admin` (the page, public: it holds no data) and its script `/static/admin.js`. */
export function registerAdminPage(server: Server, ctx: AdminContext): void {
  const page = renderAdminPage({ prompts: ctx.prompts, accept: acceptedExtensions() });
  const send = async (_req: Request, res: Response) => {
    res.writeHead(200, htmlHeaders(ADMIN_PAGE_CSP));
    res.end(page);
  };
  server.get('/admin', send);
  server.get('/static/admin.js', staticAsset({ path: CLIENT_PATH, contentType: 'application/javascript; charset=utf-8', maxAgeSeconds: 300 }));
}
