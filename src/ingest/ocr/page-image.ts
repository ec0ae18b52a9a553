import { loadSharp } from '../lazy-modules';

/** Largest image decoded, in pixels (an A3 page at 600 dpi is ≈ 70 M): larger ones are refused, not decoded. */
export const MAX_IMAGE_PIXELS = 100_000_000;

/**
 * Writes the page image tesseract reads: one grey channel, the red one. Black print stays black in
 * it while the red of a seal or signature stamp turns nearly white, so a stamp over the text costs
 * far fewer characters than in a plain grey conversion (bench/results/ocr.md).
 */
export async function writeOcrImage({ input, page, output }: { input: Buffer | string; page?: number; output: string }): Promise<void> {
  const sharp = await loadSharp();
  await sharp(input, { limitInputPixels: MAX_IMAGE_PIXELS, ...(page === undefined ? {} : { page }) })
    .flatten({ background: '#ffffff' })
    .extractChannel('red')
    .png({ compressionLevel: 1 })
    .toFile(output);
}
