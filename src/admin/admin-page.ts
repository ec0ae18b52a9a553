import type { PromptCatalog } from '../prompts/catalog';
import { escapeHtml, jsonForScript } from '../html/html';
import { CITY_COLORS, FAVICON_LINK, PAGE_STYLE } from '../html/page-style';

/** Texts the admin page script shows, passed to it as JSON (keys under `admin.page.`). */
const CLIENT_TEXTS = [
  'signinFailed', 'serving', 'uploading', 'uploadPick', 'reindexStarted', 'reindexQueued', 'reindexSucceeded', 'reindexFailed', 'rollbackConfirm',
  'deleteConfirm', 'delete', 'status.indexed', 'status.pending', 'status.error', 'status.removed', 'phase.ingest', 'phase.chunk', 'phase.store',
  'phase.lexical', 'phase.vectors', 'phase.switch', 'phase.queued', 'noReport', 'noFeedback', 'ratingUp', 'ratingDown', 'networkError', 'reused',
] as const;

/** Every prompt key the page needs (checked at start-up). */
export const ADMIN_PAGE_PROMPT_KEYS = [
  ...CLIENT_TEXTS.map((k) => `admin.page.${k}`),
  ...['title', 'subtitle', 'tokenLabel', 'signin', 'signout', 'documents', 'upload', 'overwrite', 'reindex', 'rollback', 'report', 'feedback', 'feedbackCsv',
    'col.title', 'col.docNumber', 'col.path', 'col.chunks', 'col.status', 'col.at', 'col.rating', 'col.question', 'col.answer', 'col.citations', 'noscript'].map((k) => `admin.page.${k}`),
] as const;

/** Same-origin script and API only; no inline script, nothing framed, forms never submitted natively. */
export const ADMIN_PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const ADMIN_STYLE = `
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
section { background: #fff; box-shadow: 0 0 0 1px #dde3ea; border-radius: 6px; padding: 1rem 1.2rem; margin-top: 1rem; }
h2 { font-size: 1.05rem; margin: 0 0 .7rem; color: ${CITY_COLORS.primary}; }
label { margin-right: .8rem; }
input[type=password] { padding: .35rem .5rem; min-width: 18rem; }
button { background: ${CITY_COLORS.primary}; color: #fff; border: 0; border-radius: 4px; padding: .45rem .9rem; cursor: pointer; font: inherit; }
button.secondary { background: #fff; color: ${CITY_COLORS.primary}; box-shadow: inset 0 0 0 1px ${CITY_COLORS.primary}; }
button.danger { background: #fff; color: ${CITY_COLORS.accent}; box-shadow: inset 0 0 0 1px ${CITY_COLORS.accent}; padding: .2rem .6rem; }
button:disabled { opacity: .5; cursor: default; }
.row { display: flex; flex-wrap: wrap; align-items: center; gap: .6rem; }
progress { width: 18rem; height: 1rem; }
table { width: 100%; border-collapse: collapse; font-size: .9rem; margin-top: .6rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #e6e9ee; vertical-align: top; }
th { background: #f1f4f8; }
.status-error, .error { color: ${CITY_COLORS.accent}; }
.status-pending, .status-removed { color: #8a5a00; }
.problem { display: block; font-size: .82rem; }
pre { white-space: pre-wrap; background: #f7f8fa; padding: .7rem; border-radius: 4px; font-size: .85rem; margin: 0; }
[hidden] { display: none !important; }
`;

/**
 * A template with its `{placeholders}` left in, for the page script to fill: every placeholder is
 * "filled" with itself (the catalogue has no raw accessor and refuses missing values).
 */
function rawTemplate(prompts: PromptCatalog, key: string): string {
  const itself = new Proxy<Record<string, string>>({}, { get: (_target, name) => `{${String(name)}}` });
  return prompts.format(key, itself);
}

/** The admin page: sign-in with the token, then documents, upload, reindex with progress, report and feedback. */
export function renderAdminPage({ prompts, accept }: { prompts: PromptCatalog; accept: readonly string[] }): string {
  const t = (key: string) => escapeHtml(prompts.format(`admin.page.${key}`));
  const texts = Object.fromEntries(CLIENT_TEXTS.map((k) => [k, rawTemplate(prompts, `admin.page.${k}`)]));
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('title')}</title>${FAVICON_LINK}<style>${PAGE_STYLE}${ADMIN_STYLE}</style></head>
<body><header class="bar"><div class="emblem" aria-hidden="true"></div><div><h1>${t('title')}</h1><p>${t('subtitle')}</p></div></header>
<main>
<noscript><p class="error">${t('noscript')}</p></noscript>
<section id="signin"><form id="signin-form" class="row"><label for="token">${t('tokenLabel')}</label><input type="password" id="token" autocomplete="current-password" required><button type="submit">${t('signin')}</button></form><p id="signin-error" class="error" role="alert"></p></section>
<div id="panel" hidden>
<section><div class="row"><span id="serving"></span><button type="button" id="signout" class="secondary">${t('signout')}</button></div></section>
<section><h2>${t('documents')}</h2>
<form id="upload-form" class="row"><input type="file" id="file" accept="${escapeHtml(accept.join(','))}"><label><input type="checkbox" id="overwrite"> ${t('overwrite')}</label><button type="submit">${t('upload')}</button></form>
<p id="upload-status" role="status"></p>
<div class="row"><button type="button" id="reindex">${t('reindex')}</button><button type="button" id="rollback" class="secondary">${t('rollback')}</button><progress id="progress" max="100" value="0" hidden></progress><span id="progress-text" role="status"></span></div>
<table id="documents"><thead><tr><th>${t('col.title')}</th><th>${t('col.docNumber')}</th><th>${t('col.path')}</th><th>${t('col.chunks')}</th><th>${t('col.status')}</th><th></th></tr></thead><tbody></tbody></table></section>
<section><h2>${t('report')}</h2><pre id="report"></pre></section>
<section><h2>${t('feedback')}</h2><div class="row"><button type="button" id="feedback-csv" class="secondary">${t('feedbackCsv')}</button></div>
<table id="feedback"><thead><tr><th>${t('col.at')}</th><th>${t('col.rating')}</th><th>${t('col.question')}</th><th>${t('col.answer')}</th><th>${t('col.citations')}</th></tr></thead><tbody></tbody></table></section>
</div>
</main>
<script type="application/json" id="admin-config">${jsonForScript({ texts })}</script>
<script src="/static/admin.js"></script></body></html>`;
}
