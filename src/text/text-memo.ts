/**
 * A bounded memo for the pure string → string functions of this module. One answer reads the same
 * passages many times (ranking, answerability, qualifiers, sentence scoring each fold and normalise
 * them again): looking a long text up costs a hash and a compare, where recomputing it walks and
 * re-encodes every code unit. Two generations of at most `capacity` entries each: a hit in the
 * older one moves to the newer, and when the newer is full it becomes the older, so memory stays
 * bounded (≤ 2 × capacity texts of ≤ `maxLength` code units) without per-hit bookkeeping.
 * Short texts are computed directly (cheaper than the lookup).
 */
export function memoizeText(fn: (text: string) => string, { capacity = 1024, minLength = 48, maxLength = 16_384 }: { capacity?: number; minLength?: number; maxLength?: number } = {}): (text: string) => string {
  let newer = new Map<string, string>();
  let older = new Map<string, string>();
  return (text: string): string => {
    if (text.length < minLength || text.length > maxLength) return fn(text);
    let value = newer.get(text);
    if (value !== undefined) return value;
    value = older.get(text) ?? fn(text);
    if (newer.size >= capacity) {
      older = newer;
      newer = new Map();
    }
    newer.set(text, value);
    return value;
  };
}
