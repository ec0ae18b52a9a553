import { docLoader } from './load-doc';
import { docxLoader } from './load-docx';
import { htmlLoader } from './load-html';
import { imageLoader } from './load-image';
import { jsonlLoader } from './load-jsonl';
import { odtLoader } from './load-odt';
import { pdfLoader } from './load-pdf';
import { rtfLoader } from './load-rtf';
import { sheetLoader } from './load-sheet';
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
  ['.doc', docLoader],
  ['.odt', odtLoader],
  ['.rtf', rtfLoader],
  ['.xlsx', sheetLoader('xlsx')],
  ['.xls', sheetLoader('xls')],
  ['.ods', sheetLoader('ods')],
  ['.pdf', pdfLoader],
  ['.jsonl', jsonlLoader],
  ['.png', imageLoader],
  ['.jpg', imageLoader],
  ['.jpeg', imageLoader],
  ['.tif', imageLoader],
  ['.tiff', imageLoader],
]);
