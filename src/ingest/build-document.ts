import { cleanText } from './clean-text';
import { contentHash } from './content-hash';
import { documentIdFromPath } from './document-id';
import { headerTitle } from './header-title';
import { repairLegacyEncoding } from './legacy-encoding';
import type { LoadedDocument, LoadedPart } from './loader';
import type { Sidecar } from './meta-schema';
import { extractMetadata } from './metadata';
import { fileError, fileWarning } from './problem';
import type { CitableUnit, DocumentMeta, DocumentPage, IngestProblem, SourceDocument, SourceInfo } from './types';

/** Longest title kept; a first line longer than this is a paragraph, not a title. */
const MAX_TITLE_CHARS = 300;

export interface BuildInput {
  loaded: LoadedDocument;
  relativePath: string;
  format: string;
  bytes: number;
  /** Applies whole to a single-document file; only its metadata fields to a file of several records. */
  sidecar?: Sidecar;
  singleDocument: boolean;
}

function firstLine(text: string): string | undefined {
  const line = text.split('\n').find((l) => l.trim() !== '');
  return line?.replace(/^#+\s*/, '').trim();
}

function truncate(title: string): string {
  return title.length <= MAX_TITLE_CHARS ? title : `${title.slice(0, MAX_TITLE_CHARS - 1).trimEnd()}…`;
}

/**
 * Turns what a loader read into a `SourceDocument`: cleaned and normalised text, legacy font
 * encodings converted (or the document refused when mojibake would remain), metadata from the
 * header, the record and the sidecar (in rising priority), title, id and content hash.
 */
export function buildDocument({ loaded, relativePath, format, bytes, sidecar, singleDocument }: BuildInput): { document?: SourceDocument; problems: IngestProblem[] } {
  const path = loaded.path ?? relativePath;
  const problems: IngestProblem[] = [];
  // OCR output is Unicode by construction: only the other text is checked for legacy encodings.
  const ocrFree = loaded.parts === undefined ? loaded.text : loaded.parts.filter((p) => p.ocr === undefined).map((p) => p.text).join('\n\n');
  // Repair before cleaning: TCVN3 writes "ư" as 0xAD, the soft hyphen that cleaning removes.
  const repaired = repairLegacyEncoding(ocrFree.normalize('NFC'));
  const converted = Object.entries(repaired.converted);
  if (!repaired.plausible) {
    const suspected = repaired.suspected ?? 'an unknown legacy encoding';
    return {
      problems: [fileError(path, 'legacy-encoding', `The text does not read as Vietnamese Unicode (it looks like ${suspected} or another legacy font encoding shown as Unicode). Convert it to Unicode (e.g. with Unikey's converter) and reindex.`, repaired.suspected === undefined ? {} : { encoding: repaired.suspected })],
    };
  }
  if (converted.length > 0) {
    const names = converted.map(([name]) => name).join(', ');
    problems.push(fileWarning(path, 'legacy-encoding', `${converted.map(([name, lines]) => `${lines} line(s) in ${name}`).join(', ')} were converted to Unicode. Check the text, and save the source in Unicode to silence this warning.`, { encoding: names }));
  }
  const layout = loaded.parts === undefined ? undefined : joinParts(loaded.parts);
  const text = layout?.text ?? cleanText(repaired.text);
  if (text === '') return { problems: [...problems, fileError(path, 'empty', 'The file has no text (empty or only whitespace/markup). Add content or remove the file.')] };

  const loadedTitle = loaded.title === undefined ? undefined : cleanText(repairLegacyEncoding(loaded.title.normalize('NFC')).text);
  const extracted = extractMetadata({ text, ...(loadedTitle === undefined ? {} : { title: loadedTitle }) });
  const { id: sidecarId, title: sidecarTitle, ...sidecarMeta } = sidecar ?? {};
  const meta: DocumentMeta = { ...extracted, ...loaded.meta, ...sidecarMeta };
  const title = truncate((singleDocument ? sidecarTitle : undefined) ?? loadedTitle ?? headerTitle({ text, meta }) ?? firstLine(text) ?? relativePath);
  const id = (singleDocument ? sidecarId : undefined) ?? loaded.id ?? documentIdFromPath(relativePath);
  const source: SourceInfo = { path, format, bytes, contentHash: contentHash({ title, text, meta, ...(layout === undefined ? {} : { layout: { pages: layout.pages, units: layout.units } }) }) };
  if (layout !== undefined && layout.pages.length > 0) source.pages = layout.pages;
  if (layout !== undefined && layout.units.length > 0) source.units = layout.units;
  if (loaded.extraction !== undefined) source.extraction = loaded.extraction;
  return { document: { id, title, text, meta, source }, problems };
}


/**
 * Cleans each part on its own (legacy encodings repaired, except in OCR text) and joins them with
 * blank lines, recording where each page and citable unit ends up in the joined text.
 */
function joinParts(parts: readonly LoadedPart[]): { text: string; pages: DocumentPage[]; units: CitableUnit[] } {
  let text = '';
  const pages: DocumentPage[] = [];
  const units: CitableUnit[] = [];
  for (const part of parts) {
    const raw = part.text.normalize('NFC');
    const cleaned = cleanText(part.ocr === undefined ? repairLegacyEncoding(raw).text : raw);
    if (cleaned === '') continue;
    if (text !== '') text += '\n\n';
    const start = text.length;
    text += cleaned;
    if (part.page !== undefined) pages.push({ number: part.page, start, end: text.length, ...(part.ocr === undefined ? {} : { ocr: { ...part.ocr } }) });
    if (part.unit !== undefined) units.push({ ...part.unit, start, end: text.length });
  }
  return { text, pages, units };
}
