import type { Loader } from './loader';
import { rtfText } from './office/rtf-text';
import { fileError } from './problem';

/**
 * Rich Text Format (.rtf) through a small reader of its text (`rtfText`: Unicode escapes, code-page
 * bytes, destinations left out); bench/results/formats.md compares it with the npm libraries.
 */
export const rtfLoader: Loader = {
  format: 'rtf',
  async load({ path, bytes }) {
    const head = bytes.subarray(0, 16).toString('latin1').trimStart();
    if (!head.startsWith('{\\rtf')) {
      return { documents: [], problems: [fileError(path, 'corrupt', 'Expected an RTF document (starting with "{\\rtf"), got other bytes. Open it in Word and save it again as .rtf.')] };
    }
    try {
      // RTF is 7-bit by definition: latin1 keeps every byte for `\'hh` and stray 8-bit text alike.
      return { documents: [{ text: rtfText(bytes.toString('latin1')) }], problems: [] };
    } catch (cause) {
      return { documents: [], problems: [fileError(path, 'corrupt', `The RTF could not be read (${(cause as Error).message}). Open it in Word and save it again.`)] };
    }
  },
};
