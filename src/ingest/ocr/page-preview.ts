import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { loadSharp } from '../lazy-modules';
import { MAX_IMAGE_PIXELS } from './page-image';
import { runTool } from './run-tool';

/** Resolution of the page images the document viewer shows beside OCR'd text: readable, ≈ 100–200 kB a page. */
const PREVIEW_DPI = 110;
/** Longest a preview may take to render, in ms. */
const PREVIEW_TIMEOUT_MS = 20_000;

/**
 * One page of a scanned source file (PDF page or image frame) as a JPEG for the document viewer,
 * or undefined when it cannot be rendered (missing file, no such page, tool missing or too slow).
 */
export async function renderPagePreview({ absolutePath, page }: { absolutePath: string; page: number }): Promise<Buffer | undefined> {
  if (!Number.isInteger(page) || page < 1) return undefined;
  const dir = await mkdtemp(join(tmpdir(), 'troly-preview-'));
  try {
    let input: Buffer | string = absolutePath;
    let frame: number | undefined = page - 1;
    if (extname(absolutePath).toLowerCase() === '.pdf') {
      const prefix = join(dir, 'page');
      const rendered = await runTool({ command: 'pdftoppm', args: ['-r', String(PREVIEW_DPI), '-f', String(page), '-l', String(page), '-singlefile', '-png', absolutePath, prefix], timeoutMs: PREVIEW_TIMEOUT_MS });
      if (!rendered.ok) return undefined;
      input = await readFile(`${prefix}.png`);
      frame = undefined;
    }
    const sharp = await loadSharp();
    const image = sharp(input, { limitInputPixels: MAX_IMAGE_PIXELS, ...(frame === undefined || frame === 0 ? {} : { page: frame }) });
    return await image.resize({ width: Math.round(8.27 * PREVIEW_DPI), withoutEnlargement: true }).flatten({ background: '#ffffff' }).jpeg({ quality: 80 }).toBuffer();
  } catch {
    return undefined;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
