import { isPlausibleVietnamese, scorePlausibility, type Plausibility } from './plausibility';
import { tcvn3ToUnicode } from './tcvn3';
import { vniToUnicode } from './vni';

/** The legacy Vietnamese font encodings this stage can read back. */
export type LegacyEncoding = 'TCVN3' | 'VNI';

const DECODERS: ReadonlyArray<{ name: LegacyEncoding; decode: (text: string) => string }> = [
  { name: 'TCVN3', decode: tcvn3ToUnicode },
  { name: 'VNI', decode: vniToUnicode },
];

export interface LegacyRepair {
  text: string;
  /** Encodings lines were converted from, with the number of lines each. */
  converted: Partial<Record<LegacyEncoding, number>>;
  /** False when, even after conversion, the text does not read as Vietnamese (mojibake left). */
  plausible: boolean;
  /** The encoding that fitted best, also when it did not fit well enough: for the report. */
  suspected?: LegacyEncoding;
}

function invalid(score: Plausibility): number {
  return score.judged - score.valid;
}

/**
 * Finds lines typed in a legacy font encoding inside otherwise valid Unicode text (a .docx typed
 * with .VnTime shows "Thµnh ñy H¶i Phßng") and converts them. Decisions are per line because such
 * documents often mix Unicode paragraphs with legacy ones, and converting a Unicode line would
 * damage it. A line is converted only when a decoder leaves fewer malformed words than before and
 * the result reads as Vietnamese.
 */
export function repairLegacyEncoding(text: string): LegacyRepair {
  const converted: Partial<Record<LegacyEncoding, number>> = {};
  const misses = new Map<LegacyEncoding, number>();
  const lines = text.split('\n').map((line) => {
    const before = scorePlausibility(line);
    if (invalid(before) === 0) return line;
    let best: { name: LegacyEncoding; text: string; score: Plausibility } | undefined;
    for (const { name, decode } of DECODERS) {
      const candidate = decode(line);
      const score = scorePlausibility(candidate);
      if (best === undefined || invalid(score) < invalid(best.score) || (invalid(score) === invalid(best.score) && score.valid > best.score.valid)) {
        best = { name, text: candidate, score };
      }
    }
    if (best === undefined) return line;
    misses.set(best.name, (misses.get(best.name) ?? 0) + 1);
    if (invalid(best.score) >= invalid(before) || !isPlausibleVietnamese(best.score)) return line;
    converted[best.name] = (converted[best.name] ?? 0) + 1;
    return best.text;
  });
  const repaired = lines.join('\n');
  const suspected = [...misses.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return { text: repaired, converted, plausible: isPlausibleVietnamese(scorePlausibility(repaired)), ...(suspected === undefined ? {} : { suspected }) };
}
