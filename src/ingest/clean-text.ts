import { normalizeText } from '../text/index';

// Zero-width characters and the BOM carry nothing and would split words for the index.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
// C0/C1 control characters except tab and newline.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * Brings a loader's text to the shape every later stage expects: `\n` line ends, no invisible or
 * control characters, no indentation or trailing spaces, runs of spaces collapsed, at most one
 * blank line between paragraphs, NFC with one tone-mark placement (`normalizeText`).
 */
export function cleanText(text: string): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .replace(CONTROL, '')
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim());
  return normalizeText(lines.join('\n').replace(/\n{3,}/g, '\n\n').trim());
}
