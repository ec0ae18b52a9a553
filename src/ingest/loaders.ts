import { docxLoader } from './load-docx';
import { htmlLoader } from './load-html';
import { imageLoader } from './load-image';
import { jsonlLoader } from './load-jsonl';
import { pdfLoader } from './load-pdf';
import { mdLoader, txtLoader } from './load-text';
import type { Loader } from './loader';

/** The loader of each file extension (lower-case, with the dot). Add a format by adding a line. */
export const LOADERS: ReadonlyMap<string, Loader> = new Map<string, Loader>([
  ['.txt', txtLoader],
  ['.md', mdLoader],
  ['.markdown', mdLoader],
  ['.html', htmlLoader],
  ['.htm', htmlLoader],
  ['.docx', docxLoader],
  ['.pdf', pdfLoader],
  ['.jsonl', jsonlLoader],
  ['.png', imageLoader],
  ['.jpg', imageLoader],
  ['.jpeg', imageLoader],
  ['.tif', imageLoader],
  ['.tiff', imageLoader],
]);
