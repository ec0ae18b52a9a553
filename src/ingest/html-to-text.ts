import { Parser } from 'htmlparser2';

/** Elements whose content is never document text: code, styling, site chrome. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'aside', 'form', 'svg', 'iframe', 'button', 'select', 'head']);
/** Elements that end a paragraph. */
const BLOCKS = new Set([
  'p', 'div', 'section', 'article', 'main', 'li', 'ul', 'ol', 'table', 'tr', 'blockquote', 'pre', 'dt', 'dd', 'dl',
  'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'br', 'hr', 'body', 'caption', 'address',
]);
/** Table cells are separated by a space-padded bar so that a row stays on one line. */
const CELLS = new Set(['td', 'th']);

export interface HtmlText {
  /** Paragraphs separated by blank lines; headings as Markdown-style `#` lines, which the chunker reads. */
  text: string;
  /** The first `<h1>`, else `<title>`. */
  title?: string;
}

/**
 * Extracts the readable text of an HTML page or of mammoth's HTML rendering of a .docx: headings
 * and paragraphs each on their own line, site chrome (scripts, styles, nav, header, footer, aside)
 * dropped, entities decoded.
 */
export function htmlToText({ html }: { html: string }): HtmlText {
  const blocks: string[] = [];
  let current = '';
  let skipDepth = 0;
  let headingLevel = 0;
  let inTitle = false;
  let pageTitle = '';
  let firstH1: string | undefined;

  const flush = (): void => {
    const line = current.replace(/\s+/g, ' ').trim();
    current = '';
    if (line === '') return;
    if (headingLevel > 0) {
      blocks.push(`${'#'.repeat(headingLevel)} ${line}`);
      if (headingLevel === 1 && firstH1 === undefined) firstH1 = line;
    } else {
      blocks.push(line);
    }
  };

  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipDepth++;
        if (name === 'title') inTitle = true;
        if (skipDepth > 0) return;
        if (BLOCKS.has(name)) flush();
        const heading = /^h([1-6])$/.exec(name);
        if (heading?.[1] !== undefined) headingLevel = Number(heading[1]);
        if (CELLS.has(name) && current.trim() !== '') current += ' | ';
      },
      ontext(text) {
        if (inTitle) pageTitle += text;
        if (skipDepth === 0 && !inTitle) current += text;
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (SKIPPED.has(name)) {
          skipDepth = Math.max(0, skipDepth - 1);
          return;
        }
        if (skipDepth > 0) return;
        if (BLOCKS.has(name)) flush();
        if (/^h[1-6]$/.test(name)) headingLevel = 0;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  // The first <h1> is the headline; <title> often carries the site's name as well.
  const title = firstH1 ?? pageTitle.replace(/\s+/g, ' ').trim();
  return { text: blocks.join('\n\n'), ...(title === undefined || title === '' ? {} : { title }) };
}
