import { docxLoader } from './load-docx';
import { htmlLoader } from './load-html';
import { rtfLoader } from './load-rtf';
import { loadCfb, loadWordExtractor } from './lazy-modules';
import type { Loader, LoaderInput, LoaderOutput } from './loader';
import { fileError, fileWarning } from './problem';

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** FIB flag fEncrypted (Word 97 File Information Block, offset 0x0A). */
const FIB_ENCRYPTED = 0x0100;

/** What a file named .doc really is, by its first bytes: government portals often serve HTML or RTF as ".doc". */
function sniff(bytes: Buffer): 'word97' | 'docx' | 'rtf' | 'html' | 'unknown' {
  if (bytes.subarray(0, 8).equals(OLE_MAGIC)) return 'word97';
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) return 'docx';
  const head = bytes.subarray(0, 2048).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (head.startsWith('{\\rtf')) return 'rtf';
  if (/^(<\?xml|<!doctype|<html|<head|<body|<meta|<div|<p\b|<table|MIME-Version:)/i.test(head) || /<html[\s>]/i.test(head)) return 'html';
  return 'unknown';
}

/** Undefined, or why the Word 97 file cannot be read without its password. */
async function encryption(bytes: Buffer): Promise<string | undefined> {
  const CFB = await loadCfb();
  try {
    const container = CFB.read(bytes, { type: 'buffer' });
    if (CFB.find(container, 'EncryptedPackage') !== null) return 'an encrypted Office document';
    const word = CFB.find(container, 'WordDocument')?.content;
    if (word !== undefined && word.length > 0x0c && (Buffer.from(word).readUInt16LE(0x0a) & FIB_ENCRYPTED) !== 0) return 'a password-protected Word document';
  } catch {
    // Not readable as a compound file: word-extractor reports it as damaged.
  }
  return undefined;
}

async function misnamed(input: LoaderInput, loader: Loader, actual: string): Promise<LoaderOutput> {
  const output = await loader.load(input);
  if (output.documents.length === 0) return output;
  const warning = fileWarning(input.path, 'misnamed', `The file is named .doc but is ${actual}; it was read as such. Rename it to its true extension.`, { actualFormat: loader.format });
  return { documents: output.documents, problems: [warning, ...output.problems] };
}

/**
 * Word 97–2003 documents (.doc) through word-extractor (bench/results/formats.md). A ".doc" that is
 * really HTML, RTF or a .docx is read as what it is, with a warning; a password-protected one is
 * reported `encrypted`, a damaged one `corrupt`.
 */
export const docLoader: Loader = {
  format: 'doc',
  async load(input) {
    const { path, bytes } = input;
    const kind = sniff(bytes);
    if (kind === 'html') return misnamed(input, htmlLoader, 'an HTML page (as government portals often serve)');
    if (kind === 'rtf') return misnamed(input, rtfLoader, 'an RTF document');
    if (kind === 'docx') return misnamed(input, docxLoader, 'a Word 2007+ .docx');
    if (kind === 'unknown') {
      return { documents: [], problems: [fileError(path, 'corrupt', 'Expected a Word 97–2003 .doc (an OLE compound file), got other bytes. Open it in Word and save it again as .doc or .docx.')] };
    }
    const locked = await encryption(bytes);
    if (locked !== undefined) return { documents: [], problems: [fileError(path, 'encrypted', `The file is ${locked}. Add an unprotected copy.`)] };
    try {
      const WordExtractor = await loadWordExtractor();
      const doc = await new WordExtractor().extract(bytes);
      // Word ends paragraphs with \r (word-extractor gives \n); a blank line makes each one a paragraph.
      const text = doc.getBody().replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim()).filter((l) => l !== '').join('\n\n');
      return { documents: [{ text }], problems: [] };
    } catch (cause) {
      return { documents: [], problems: [fileError(path, 'corrupt', `The .doc could not be read (${(cause as Error).message}). It may be damaged; open it in Word and save it again.`)] };
    }
  },
};
