import { runTool, type ToolResult } from './run-tool';
import { parseTesseractTsv, type RecognizedPage } from './tesseract-tsv';

/** Tesseract's language model for Vietnamese (Debian package `tesseract-ocr-vie`). */
export const OCR_LANGUAGE = 'vie';

export type RecognizeResult = ({ ok: true } & RecognizedPage) | Extract<ToolResult, { ok: false }>;

// One thread per process: pages run in parallel in the pool instead, which uses the cores better
// than tesseract's OpenMP inside one page.
const TESSERACT_ENV = { ...process.env, OMP_THREAD_LIMIT: '1' };

/** Recognises one page image (PNG, JPEG, TIFF frame) with tesseract, the Vietnamese model and automatic layout. */
export async function recognizeImage({ imagePath, dpi, timeoutMs, abortSignal }: { imagePath: string; dpi: number; timeoutMs: number; abortSignal?: AbortSignal }): Promise<RecognizeResult> {
  const result = await runTool({
    command: 'tesseract',
    args: [imagePath, 'stdout', '-l', OCR_LANGUAGE, '--psm', '3', '--dpi', String(dpi), 'tsv'],
    timeoutMs,
    env: TESSERACT_ENV,
    ...(abortSignal === undefined ? {} : { abortSignal }),
  });
  if (!result.ok) return result;
  return { ok: true, ...parseTesseractTsv(result.stdout) };
}

let available: Promise<string | undefined> | undefined;

/**
 * Undefined when tesseract and its Vietnamese model are installed, else what is missing and how to
 * install it. Checked once per process.
 */
export function ocrUnavailableReason(): Promise<string | undefined> {
  available ??= runTool({ command: 'tesseract', args: ['--list-langs'], timeoutMs: 10_000 }).then((result) => {
    if (!result.ok) return 'tesseract is not installed: run `bash scripts/setup.sh` (Debian packages tesseract-ocr and tesseract-ocr-vie)';
    const languages = result.stdout.split('\n').map((line) => line.trim());
    return languages.includes(OCR_LANGUAGE) ? undefined : 'tesseract has no Vietnamese model: install the Debian package tesseract-ocr-vie (`bash scripts/setup.sh`)';
  });
  return available;
}
