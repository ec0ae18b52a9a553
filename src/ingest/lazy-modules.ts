// The format libraries are large (SheetJS, sharp's native binding, word-extractor): they are loaded
// on first use, not when the ingest module is imported, so that a process that reads only Markdown
// (an indexer child, a test) does not pay for them.
let sharpModule: ReturnType<typeof importSharp> | undefined;
let sheetModule: Promise<typeof import('xlsx')> | undefined;
let cfbModule: Promise<typeof import('cfb')> | undefined;
let wordModule: ReturnType<typeof importWord> | undefined;

const importSharp = () => import('sharp');
const importWord = () => import('word-extractor');

/** sharp (libvips): page images. */
export const loadSharp = async () => (await (sharpModule ??= importSharp())).default;
/** SheetJS: .xlsx, .xls, .ods. */
export const loadSheetJs = () => (sheetModule ??= import('xlsx'));
/** cfb: OLE compound files (.doc, .xls, encrypted Office files). */
export const loadCfb = () => (cfbModule ??= import('cfb'));
/** word-extractor: Word 97–2003 text. */
export const loadWordExtractor = async () => (await (wordModule ??= importWord())).default;
