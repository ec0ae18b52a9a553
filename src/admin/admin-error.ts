import type { Response } from 'restify';
import type { PromptCatalog } from '../prompts/catalog';

/**
 * An admin API error: `{ error: { code, message, detail? } }` with the message in Vietnamese (the
 * admin page shows it as it is) from `prompts/admin.json` key `admin.error.<key>`, and the English
 * detail for logs and scripts.
 */
export function sendAdminError({ res, status, code, prompts, key, vars = {}, detail }: {
  res: Response;
  status: number;
  code: string;
  prompts: PromptCatalog;
  key: string;
  vars?: Record<string, string | number>;
  detail?: string;
}): void {
  res.setHeader('Cache-Control', 'no-store');
  res.send(status, { error: { code, message: prompts.format(`admin.error.${key}`, vars), ...(detail === undefined ? {} : { detail }) } });
}
