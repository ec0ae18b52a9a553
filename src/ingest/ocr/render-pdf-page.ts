import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RenderPage } from './ocr-pages';
import { writeOcrImage } from './page-image';
import { runTool } from './run-tool';

/**
 * Renders PDF pages with poppler's `pdftoppm` (Debian `poppler-utils`) at `dpi`, then reduces
 * each to the grey image tesseract reads. The PDF is written once into the OCR folder.
 */
export function pdfPageRenderer({ bytes, dpi, timeoutMs }: { bytes: Buffer; dpi: number; timeoutMs: number }): RenderPage {
  const written = new Map<string, Promise<string>>();
  return async ({ page, dir, abortSignal }) => {
    let source = written.get(dir);
    if (source === undefined) {
      const path = join(dir, 'source.pdf');
      source = writeFile(path, bytes).then(() => path);
      written.set(dir, source);
    }
    const prefix = join(dir, `page-${page}`);
    const rendered = await runTool({
      command: 'pdftoppm',
      args: ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', '-png', await source, prefix],
      timeoutMs,
      abortSignal,
    });
    if (!rendered.ok) return { ok: false, detail: rendered.reason === 'missing' ? 'pdftoppm is not installed: run `bash scripts/setup.sh` (Debian package poppler-utils)' : rendered.detail };
    const imagePath = `${prefix}-ocr.png`;
    try {
      await writeOcrImage({ input: `${prefix}.png`, output: imagePath });
    } catch (cause) {
      return { ok: false, detail: `the rendered page could not be prepared (${(cause as Error).message})` };
    } finally {
      await rm(`${prefix}.png`, { force: true });
    }
    return { ok: true, imagePath, dpi };
  };
}
