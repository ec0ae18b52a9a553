import { Parser } from 'htmlparser2';

/** Elements whose text is not part of the document's body: tracked deletions, comments, sequence declarations. */
const SKIPPED = new Set(['text:tracked-changes', 'office:annotation', 'text:sequence-decls', 'office:forms', 'draw:frame']);

/**
 * The text of an OpenDocument text's `content.xml`: headings as Markdown `#` lines (by outline
 * level), paragraphs and list items as blocks separated by blank lines, the cells of a table row
 * joined with "; ", `text:s` / `text:tab` / `text:line-break` as spaces and line breaks.
 */
export function odfContentText(xml: string): string {
  const blocks: string[] = [];
  let current: string | undefined;
  let skip = 0;
  let depth = 0;
  let row: string[] | undefined;
  const flush = () => {
    if (current === undefined) return;
    const text = current.replace(/[ \t]+/g, ' ').trim();
    if (row !== undefined) {
      if (text !== '') row.push(text);
    } else if (text !== '') blocks.push(text);
    current = undefined;
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        depth++;
        if (skip > 0 || SKIPPED.has(name)) {
          skip++;
          return;
        }
        if (name === 'table:table-row') row = [];
        else if (name === 'text:h') {
          flush();
          current = `${'#'.repeat(Math.min(6, Math.max(1, Number(attributes['text:outline-level'] ?? 1) || 1)))} `;
        } else if (name === 'text:p') {
          // A paragraph inside a paragraph (a text box) continues the outer one.
          if (current === undefined) current = '';
          else current += ' ';
        } else if (current !== undefined) {
          if (name === 'text:s') current += ' '.repeat(Math.min(100, Number(attributes['text:c'] ?? 1) || 1));
          else if (name === 'text:tab') current += ' ';
          else if (name === 'text:line-break') current += '\n';
        }
      },
      ontext(text) {
        if (skip === 0 && current !== undefined) current += text;
      },
      onclosetag(name) {
        depth--;
        if (skip > 0) {
          skip--;
          return;
        }
        if (name === 'text:h' || name === 'text:p') {
          if (name === 'text:h' || !/^#/.test(current ?? '')) flush();
        } else if (name === 'table:table-row' && row !== undefined) {
          if (row.length > 0) blocks.push(row.join('; '));
          row = undefined;
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  flush();
  return blocks.join('\n\n');
}
