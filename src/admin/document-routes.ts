import { rmSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Request, Response } from 'restify';
import type { AdminRouter } from './admin-auth';
import { SIDECAR_SUFFIX } from '../ingest/sidecar';
import type { AdminContext } from './admin-context';
import { sendAdminError } from './admin-error';
import { documentRows, sourceFile } from './document-rows';
import { receiveUpload, UploadRefused } from './receive-upload';
import { acceptedExtensions } from './safe-file-name';

/** True when `path` (relative to `dir`) stays inside `dir`. */
function inside(dir: string, path: string): boolean {
  const rel = relative(resolve(dir), resolve(dir, path));
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !rel.includes(`..${sep}`);
}

const truthy = (value: unknown) => value === '1' || value === 'true' || value === 'yes';

/** `GET/POST /admin/documents`, `DELETE /admin/documents/:docId`. */
export function registerDocumentRoutes(admin: AdminRouter, ctx: AdminContext): void {
  const { config, prompts, logger } = ctx;

  admin.get('/admin/documents', async (_req: Request, res: Response) => {
    const documents = await documentRows({ served: ctx.serving.listDocuments(), knowledgeDir: config.knowledgeDir, report: ctx.lastReport(), prompts });
    res.setHeader('Cache-Control', 'no-store');
    res.send(200, { serving: ctx.serving.info(), documents, report: ctx.lastReport(), activeJob: (await ctx.jobs.active()) ?? null });
  });

  admin.post('/admin/documents', async (req: Request, res: Response) => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const maxBytes = config.tunables.maxFileBytes;
    try {
      const file = await receiveUpload({ req, dir: config.knowledgeDir, maxBytes, overwrite: truthy(query.overwrite) });
      logger.info({ file: file.name, bytes: file.bytes, replaced: file.replaced }, 'admin uploaded a document');
      res.send(file.replaced ? 200 : 201, { ...file, message: prompts.format(file.replaced ? 'admin.upload.replaced' : 'admin.upload.stored', { name: file.name }) });
    } catch (error) {
      if (!(error instanceof UploadRefused)) throw error;
      // The rest of a refused body is discarded as it arrives (so the client gets this answer), and
      // the connection is not kept for another request.
      req.resume();
      res.setHeader('Connection', 'close');
      const vars = { maxMb: Math.floor(maxBytes / (1024 * 1024)), types: acceptedExtensions().join(', ') };
      sendAdminError({ res, status: error.status, code: error.reason, prompts, key: `upload.${error.reason}`, vars, detail: error.message });
    }
  });

  admin.del('/admin/documents/:docId', async (req: Request, res: Response) => {
    const docId = String(req.params?.docId ?? '');
    const rows = await documentRows({ served: ctx.serving.listDocuments(), knowledgeDir: config.knowledgeDir, report: ctx.lastReport(), prompts });
    const row = rows.find((r) => r.docId === docId);
    if (row === undefined) return sendAdminError({ res, status: 404, code: 'NotFound', prompts, key: 'documentNotFound', vars: { docId: docId.slice(0, 200) } });
    const file = sourceFile(row.path);
    if (file !== row.path) return sendAdminError({ res, status: 409, code: 'Conflict', prompts, key: 'jsonlRecord', vars: { file } });
    if (!inside(config.knowledgeDir, file)) return sendAdminError({ res, status: 400, code: 'BadArgument', prompts, key: 'documentNotFound', vars: { docId } });
    rmSync(join(config.knowledgeDir, file), { force: true });
    rmSync(join(config.knowledgeDir, `${file}${SIDECAR_SUFFIX}`), { force: true });
    logger.info({ docId, file }, 'admin deleted a document file');
    res.send(200, { docId, path: file, message: prompts.format('admin.delete.done', { name: file }) });
  });
}
