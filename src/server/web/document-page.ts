import type { Chunk } from '../../chunk/types';
import type { PromptCatalog } from '../../prompts/catalog';
import type { DocumentView } from '../../app/document-source';
import { escapeHtml } from '../../html/html';
import { FAVICON_LINK, PAGE_STYLE } from '../../html/page-style';

/** Prompt keys the document viewer uses (checked at start-up). */
export const DOCUMENT_PAGE_PROMPT_KEYS = [
  'web.title',
  'web.document.back',
  'web.document.docNumber',
  'web.document.issuedDate',
  'web.document.issuer',
  'web.document.docType',
  'web.document.source',
  'web.document.outOfForce',
  'web.document.notFound',
  'web.document.notFoundTitle',
  'web.document.cited',
  'web.document.scannedPage',
] as const;

export const DOCUMENT_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

const DOCUMENT_STYLE = `
.doc { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
.doc h1 { font-size: 1.5rem; margin: .75rem 0 1rem; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 1.5rem; font-size: .95rem; }
.meta dt { color: #555; } .meta dd { margin: 0; }
.warning { background: #fdecea; border-left: 4px solid #c62828; padding: .5rem .75rem; }
.doc-text { white-space: pre-wrap; line-height: 1.6; font-size: 1.02rem; }
.chunk { display: block; scroll-margin-top: 5rem; border-left: 4px solid transparent; padding-left: .75rem; margin-left: -1rem; }
.chunk:target { background: #fff4cc; border-left-color: #c62828; }
.cited { display: none; font-size: .8rem; font-weight: 600; color: #8a1c1c; white-space: normal; }
.chunk:target .cited { display: block; }
.md-h { display: inline-block; font-size: 1.12em; margin: .4em 0 .1em; }
.with-scans { display: grid; grid-template-columns: minmax(0, 1fr) 20rem; gap: 1.5rem; align-items: start; }
.scans { position: sticky; top: 1rem; display: grid; gap: 1rem; }
.scans figure { margin: 0; } .scans img { width: 100%; border: 1px solid #ccc; }
.scans figcaption { font-size: .8rem; color: #555; }
@media (max-width: 60rem) { .with-scans { grid-template-columns: 1fr; } }
`;

/** The document viewer: metadata, then the whole text with one anchor per chunk; `:target` highlights the cited one. */
export function renderDocumentPage({ doc, chunks, prompts }: { doc: DocumentView; chunks: Chunk[]; prompts: PromptCatalog }): string {
  const t = (key: string) => escapeHtml(prompts.format(key));
  const rows: Array<[string, string | undefined]> = [
    ['web.document.docNumber', doc.meta.docNumber],
    ['web.document.docType', doc.meta.docType],
    ['web.document.issuer', doc.meta.issuer],
    ['web.document.issuedDate', doc.meta.issuedDate === undefined ? undefined : formatDate(doc.meta.issuedDate)],
  ];
  const meta = rows
    .filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '')
    .map(([key, value]) => `<dt>${t(key)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('');
  const source = doc.meta.sourceUrl !== undefined && /^https?:\/\//i.test(doc.meta.sourceUrl)
    ? `<dt>${t('web.document.source')}</dt><dd><a href="${escapeHtml(doc.meta.sourceUrl)}" rel="noopener noreferrer">${escapeHtml(doc.meta.sourceUrl)}</a></dd>`
    : '';
  const warning = doc.meta.inForce === false ? `<p class="warning">${t('web.document.outOfForce')}</p>` : '';
  return page({
    title: `${doc.title} — ${prompts.format('web.title')}`,
    siteTitle: prompts.format('web.title'),
    body: `<main class="doc"><a href="/">${t('web.document.back')}</a>
<h1>${escapeHtml(doc.title)}</h1>${warning}<dl class="meta">${meta}${source}</dl>
${withScans(doc, prompts, `<article class="doc-text">${renderText(doc.text, chunks, t('web.document.cited'))}</article>`)}</main>`,
  });
}

/** The text with the images of its scanned pages beside it (linked to the full-size page), when it has any. */
function withScans(doc: DocumentView, prompts: PromptCatalog, article: string): string {
  const scanned = (doc.pages ?? []).filter((p) => p.ocr !== undefined);
  if (scanned.length === 0) return article;
  const figures = scanned
    .map((p) => {
      const src = `/documents/${encodeURIComponent(doc.id)}/pages/${p.number}`;
      const caption = escapeHtml(prompts.format('web.document.scannedPage', { page: p.number, confidence: Math.round(p.ocr?.confidence ?? 0) }));
      return `<figure><a href="${src}"><img src="${src}" alt="${caption}" loading="lazy"></a><figcaption>${caption}</figcaption></figure>`;
    })
    .join('');
  return `<div class="with-scans">${article}<aside class="scans">${figures}</aside></div>`;
}

export function renderDocumentNotFound({ docId, prompts }: { docId: string; prompts: PromptCatalog }): string {
  return page({
    title: prompts.format('web.document.notFoundTitle'),
    siteTitle: prompts.format('web.title'),
    body: `<main class="doc"><a href="/">${escapeHtml(prompts.format('web.document.back'))}</a><h1>${escapeHtml(prompts.format('web.document.notFoundTitle'))}</h1><p>${escapeHtml(prompts.format('web.document.notFound', { docId }))}</p></main>`,
  });
}

function page({ title, siteTitle, body }: { title: string; siteTitle: string; body: string }): string {
  const header = `<header class="bar"><div class="emblem" aria-hidden="true"></div><div><h1>${escapeHtml(siteTitle)}</h1></div></header>`;
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>${FAVICON_LINK}<style>${PAGE_STYLE}${DOCUMENT_STYLE}</style></head><body>${header}${body}</body></html>`;
}

/**
 * The text cut at chunk boundaries; each chunk's body becomes a `<span id="<chunkId>">`. Chunks whose
 * offsets do not fit the text (a store out of step with its documents) are appended with their own
 * text, so every citation link still lands somewhere.
 */
function renderText(text: string, chunks: Chunk[], citedLabel: string): string {
  const fits = (c: Chunk) => Number.isInteger(c.start) && Number.isInteger(c.end) && c.start >= 0 && c.start <= c.end && c.end <= text.length;
  const placed = chunks.filter(fits).sort((a, b) => a.start - b.start || a.ordinal - b.ordinal);
  const stray = chunks.filter((c) => !fits(c));
  const section = (chunk: Chunk, body: string) =>
    `<span class="chunk" id="${escapeHtml(chunk.id)}"><span class="cited">${citedLabel} · ${escapeHtml(chunk.locator)}</span>${documentHtml(body)}</span>`;
  let html = '';
  let cursor = 0;
  for (const chunk of placed) {
    // Overlapping chunks: the later one starts where the earlier ended, so no text is shown twice.
    const start = Math.max(chunk.start, cursor);
    const body = text.slice(start, Math.max(start, chunk.end));
    // Blank lines at the edges of a chunk stay outside its highlight.
    const lead = body.length - body.replace(/^\n+/, '').length;
    const trail = Math.min(body.length - lead, body.length - body.replace(/\n+$/, '').length);
    html += documentHtml(afterBlock(text.slice(cursor, start + lead), cursor > 0));
    html += section(chunk, body.slice(lead, body.length - trail));
    cursor = start + body.length - trail;
  }
  html += documentHtml(afterBlock(text.slice(cursor), placed.length > 0));
  for (const chunk of stray) html += `\n\n${section(chunk, chunk.text)}`;
  return html;
}

/** A Markdown heading line of a document ("# UBND THÀNH PHỐ…"): shown as a heading, without its "#". */
const HEADING_LINE = /^(#{1,6})[ \t]+(.*?)[ \t#]*$/;

/**
 * Document text as HTML: escaped, with Markdown heading lines (documents loaded from .md keep them)
 * shown bold and without their "#" marks. Nothing else of the document is read as markup.
 */
function documentHtml(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const heading = HEADING_LINE.exec(line);
      return heading === null ? escapeHtml(line) : `<b class="md-h">${escapeHtml(heading[2] ?? '')}</b>`;
    })
    .join('\n');
}

/** A chunk is a block, which already ends its line: drop the newline that would add a blank line after it. */
function afterBlock(between: string, follows: boolean): string {
  return follows && between.startsWith('\n') ? between.slice(1) : between;
}

/** `2024-05-17` → `17/05/2024`, the Vietnamese way; anything else is shown as it is. */
function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match === null ? iso : `${match[3]}/${match[2]}/${match[1]}`;
}
