import { decodeText } from './decode-text';
import type { Loader, LoaderInput, LoaderOutput } from './loader';
import { fileError, fileWarning } from './problem';

/** Decodes a text file's bytes, reporting a legacy or unreadable encoding. */
export function decodeFile({ path, bytes }: LoaderInput): { text?: string; problems: LoaderOutput['problems'] } {
  const decoded = decodeText({ bytes });
  if (!decoded.ok) {
    return { problems: [fileError(path, 'legacy-encoding', decoded.message, decoded.suspected === undefined ? {} : { encoding: decoded.suspected })] };
  }
  if (decoded.encoding === 'UTF-8' || decoded.encoding === 'UTF-16') return { text: decoded.text, problems: [] };
  return {
    text: decoded.text,
    problems: [
      fileWarning(path, 'legacy-encoding', `The file is in ${decoded.encoding}, not UTF-8; it was converted to Unicode. Check the text, and save the file as UTF-8 to silence this warning.`, {
        encoding: decoded.encoding,
      }),
    ],
  };
}

const MARKDOWN_HEADING = /^#\s+(.+?)\s*#*\s*$/m;

/** A Markdown file's first `# ` heading. Otherwise the title is found later (header or first line). */
function titleOf(text: string, markdown: boolean): string | undefined {
  return markdown ? MARKDOWN_HEADING.exec(text)?.[1] : undefined;
}

function textLoader(format: 'txt' | 'md'): Loader {
  return {
    format,
    async load(input) {
      const { text, problems } = decodeFile(input);
      if (text === undefined) return { documents: [], problems };
      const title = titleOf(text, format === 'md');
      return { documents: [{ text, ...(title === undefined ? {} : { title }) }], problems };
    },
  };
}

/** Plain text: the title comes from the document header, else the first non-empty line. */
export const txtLoader: Loader = textLoader('txt');

/** Markdown: the title is the first `# ` heading; the text keeps its Markdown headings for the chunker. */
export const mdLoader: Loader = textLoader('md');
