import iconv from 'iconv-lite';
import { isPlausibleVietnamese, scorePlausibility } from './plausibility';
import { tcvn3ToUnicode } from './tcvn3';
import { vniToUnicode } from './vni';

/** How the bytes of a text file were read. */
export type TextEncoding = 'UTF-8' | 'UTF-16' | 'Windows-1258' | 'TCVN3' | 'VNI';

export type DecodedText =
  | { ok: true; text: string; encoding: TextEncoding }
  | { ok: false; message: string; suspected?: TextEncoding };

const LEGACY: ReadonlyArray<{ encoding: TextEncoding; decode: (bytes: Buffer) => string }> = [
  { encoding: 'Windows-1258', decode: (bytes) => iconv.decode(bytes, 'windows1258') },
  { encoding: 'TCVN3', decode: (bytes) => tcvn3ToUnicode(iconv.decode(bytes, 'latin1')) },
  { encoding: 'VNI', decode: (bytes) => vniToUnicode(iconv.decode(bytes, 'windows1252')) },
];

/**
 * Reads the bytes of a .txt/.md/.html file. UTF-8 (with or without BOM) and UTF-16 with a BOM are
 * taken as they are. Anything else is tried as Windows-1258, TCVN3 and VNI, and the reading that
 * gives the most well-formed Vietnamese words wins — but only when it reads as Vietnamese at all:
 * a guess that yields mojibake is refused, never indexed.
 */
export function decodeText({ bytes }: { bytes: Buffer }): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: iconv.decode(bytes.subarray(2), 'utf16le'), encoding: 'UTF-16' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: iconv.decode(bytes.subarray(2), 'utf16be'), encoding: 'UTF-16' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text, encoding: 'UTF-8' };
  } catch {
    // not UTF-8: fall through to the legacy encodings
  }
  let best: { encoding: TextEncoding; text: string; valid: number; plausible: boolean } | undefined;
  for (const { encoding, decode } of LEGACY) {
    const text = decode(bytes).normalize('NFC');
    const score = scorePlausibility(text);
    const plausible = score.judged > 0 && isPlausibleVietnamese(score);
    if (best === undefined || (plausible && !best.plausible) || (plausible === best.plausible && score.valid > best.valid)) {
      best = { encoding, text, valid: score.valid, plausible };
    }
  }
  if (best?.plausible) return { ok: true, text: best.text, encoding: best.encoding };
  return {
    ok: false,
    message: 'The file is not UTF-8, and neither Windows-1258, TCVN3 nor VNI reads it as Vietnamese. Save it as UTF-8 (Unicode) and reindex.',
    ...(best === undefined ? {} : { suspected: best.encoding }),
  };
}
