import { htmlToText } from './html-to-text';
import type { Loader } from './loader';
import { decodeFile } from './load-text';

/** HTML pages: readable text with headings, the first `<h1>` (else `<title>`) as title. */
export const htmlLoader: Loader = {
  format: 'html',
  async load(input) {
    const { text: html, problems } = decodeFile(input);
    if (html === undefined) return { documents: [], problems };
    const { text, title } = htmlToText({ html });
    return { documents: [{ text, ...(title === undefined ? {} : { title }) }], problems };
  },
};
