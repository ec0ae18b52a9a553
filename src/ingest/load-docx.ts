import mammoth from 'mammoth';
import { htmlToText } from './html-to-text';
import type { Loader } from './loader';
import { fileError } from './problem';

/** A .docx is a ZIP archive: anything else named .docx is not one. */
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Word documents through mammoth's HTML rendering, so that Word's heading styles become headings
 * (mammoth's raw text would flatten them). The title is the first Heading 1, else the first line.
 */
export const docxLoader: Loader = {
  format: 'docx',
  async load({ path, bytes }) {
    if (!bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
      return { documents: [], problems: [fileError(path, 'corrupt', 'Expected a .docx (a ZIP archive starting with "PK"), got other bytes. Open the file in Word and save it again as .docx.')] };
    }
    let html: string;
    try {
      html = (await mammoth.convertToHtml({ buffer: bytes })).value;
    } catch (cause) {
      return {
        documents: [],
        problems: [fileError(path, 'corrupt', `The .docx could not be read (${(cause as Error).message}). It may be damaged or not a Word document; open it in Word and save it again.`)],
      };
    }
    const { text, title } = htmlToText({ html });
    return { documents: [{ text, ...(title === undefined ? {} : { title }) }], problems: [] };
  },
};
