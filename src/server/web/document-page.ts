import { createParagraphLocator, detectSections, HEADING_SEPARATOR } from '../../chunk/index';
import type { Chunk } from '../../chunk/types';
import type { PromptCatalog } from '../../prompts/catalog';
import type { DocumentView } from '../../app/document-source';
import { documentLink } from '../../bot/document-link';
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
  'web.document.paragraph',
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
.para-n { display: inline-block; min-width: 4.2em; margin-left: -4.6em; margin-right: .4em; text-align: right; font-size: .75rem; color: #777; user-select: none; }
.doc-text.numbered { padding-left: 4.6em; }
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
${withScans(doc, prompts, renderArticle({ text: doc.text, chunks, citedLabel: t('web.document.cited'), prompts }))}</main>`,
  });
}

/** The text with the images of its scanned pages beside it (linked to the full-size page), when it has any. */
function withScans(doc: DocumentView, prompts: PromptCatalog, article: string): string {
  const scanned = (doc.pages ?? []).filter((p) => p.ocr !== undefined);
  if (scanned.length === 0) return article;
  const figures = scanned
    .map((p) => {
      const src = escapeHtml(documentLink({ docId: doc.id, page: p.number }));
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
 * How the viewer names the places of a non-legal document, as the answer's citations do: each
 * paragraph gets its number within its section in the margin ("đoạn 3", what a citation "…, đoạn 3"
 * points to), and a chunk's label is its section heading and paragraphs ("Tăng cường…, đoạn 1–3")
 * instead of "Đoạn 1–6". Legal texts keep their Điều/khoản locators; a chunk whose loader named it
 * (a spreadsheet row) keeps its name.
 */
interface ParagraphMarks {
  /** Text offset of a paragraph's start → its margin label. */
  marks: Map<number, string>;
  /** The label of a chunk shown from `start` to `end` (overlapping chunks show only what the previous one did not). */
  label(chunk: Chunk, start: number, end: number): string;
}

function paragraphMarks(text: string, chunks: readonly Chunk[], prompts: PromptCatalog): ParagraphMarks | undefined {
  if (chunks.length === 0 || chunks.some((c) => c.kind === 'legal')) return undefined;
  const { paragraphs } = detectSections({ text });
  if (paragraphs.length === 0) return undefined;
  const first = new Map<number, number>();
  for (const p of paragraphs) if (!first.has(p.section)) first.set(p.section, p.number);
  const marks = new Map(paragraphs.map((p) => [p.start, prompts.format('web.document.paragraph', { n: p.number - (first.get(p.section) ?? p.number) + 1 })]));
  const locate = createParagraphLocator(text);
  const derived = (c: Chunk): boolean => /^Đoạn \d+(?:–\d+)?$/u.test(c.locator) || (c.headingPath.length > 0 && c.locator === c.headingPath.join(HEADING_SEPARATOR));
  return { marks, label: (c, start, end) => (c.kind === 'section' && derived(c) ? (locate([{ start, end }]) ?? c.locator) : c.locator) };
}

function renderArticle({ text, chunks, citedLabel, prompts }: { text: string; chunks: Chunk[]; citedLabel: string; prompts: PromptCatalog }): string {
  const numbering = paragraphMarks(text, chunks, prompts);
  return `<article class="doc-text${numbering === undefined ? '' : ' numbered'}">${renderText(text, chunks, citedLabel, numbering)}</article>`;
}

/**
 * The text cut at chunk boundaries; each chunk's body becomes a `<span id="<chunkId>">`. Chunks whose
 * offsets do not fit the text (a store out of step with its documents) are appended with their own
 * text, so every citation link still lands somewhere.
 */
function renderText(text: string, chunks: Chunk[], citedLabel: string, numbering: ParagraphMarks | undefined): string {
  const fits = (c: Chunk) => Number.isInteger(c.start) && Number.isInteger(c.end) && c.start >= 0 && c.start <= c.end && c.end <= text.length;
  const placed = chunks.filter(fits).sort((a, b) => a.start - b.start || a.ordinal - b.ordinal);
  const stray = chunks.filter((c) => !fits(c));
  const marks = numbering?.marks ?? new Map<number, string>();
  const section = (chunk: Chunk, body: string, at: number | undefined) => {
    const label = at === undefined ? chunk.locator : (numbering?.label(chunk, at, at + body.length) ?? chunk.locator);
    return `<span class="chunk" id="${escapeHtml(chunk.id)}"><span class="cited">${citedLabel} · ${escapeHtml(label)}</span>${documentHtml(body, at === undefined ? undefined : { at, marks })}</span>`;
  };
  let html = '';
  let cursor = 0;
  for (const chunk of placed) {
    // Overlapping chunks: the later one starts where the earlier ended, so no text is shown twice.
    const start = Math.max(chunk.start, cursor);
    const body = text.slice(start, Math.max(start, chunk.end));
    // Blank lines at the edges of a chunk stay outside its highlight.
    const lead = body.length - body.replace(/^\n+/, '').length;
    const trail = Math.min(body.length - lead, body.length - body.replace(/\n+$/, '').length);
    const gap = afterBlock(text.slice(cursor, start + lead), cursor > 0);
    html += documentHtml(gap, { at: start + lead - gap.length, marks });
    html += section(chunk, body.slice(lead, body.length - trail), start + lead);
    cursor = start + body.length - trail;
  }
  const rest = afterBlock(text.slice(cursor), placed.length > 0);
  html += documentHtml(rest, { at: text.length - rest.length, marks });
  for (const chunk of stray) html += `\n\n${section(chunk, chunk.text, undefined)}`;
  return html;
}

/** A Markdown heading line of a document ("# UBND THÀNH PHỐ…"): shown as a heading, without its "#". */
const HEADING_LINE = /^(#{1,6})[ \t]+(.*?)[ \t#]*$/;

/**
 * Document text as HTML: escaped, with Markdown heading lines (documents loaded from .md keep them)
 * shown bold and without their "#" marks, and the paragraph numbers of `numbering.marks` (by text
 * offset; `numbering.at` is the offset of `text`) in the margin. Nothing of the document is read
 * as markup.
 */
function documentHtml(text: string, numbering?: { at: number; marks: ReadonlyMap<number, string> }): string {
  let offset = numbering?.at ?? 0;
  return text
    .split('\n')
    .map((line) => {
      const lineStart = offset;
      offset += line.length + 1;
      const heading = HEADING_LINE.exec(line);
      if (heading !== null) return `<b class="md-h">${escapeHtml(heading[2] ?? '')}</b>`;
      const indent = line.length - line.trimStart().length;
      const mark = numbering?.marks.get(lineStart + indent);
      return mark === undefined || line.trim() === '' ? escapeHtml(line) : `${escapeHtml(line.slice(0, indent))}<span class="para-n" aria-hidden="true">${escapeHtml(mark)}</span>${escapeHtml(line.slice(indent))}`;
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
