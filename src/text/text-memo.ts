/**
 * A bounded memo for the pure functions of this module, keyed by the text they analyse. One answer
 * reads the same passages many times (ranking, answerability, qualifiers, sentence scoring each
 * fold, normalise and analyse them again), and the next answer reads many of the same passages and
 * locators: looking a text up costs a hash and a compare, where recomputing it walks and re-encodes
 * every code unit. Two generations of at most `capacity` entries each: a hit in the older one moves
 * to the newer, and when the newer is full it becomes the older, so memory stays bounded
 * (≤ 2 × capacity results for texts of ≤ `maxLength` code units) without per-hit bookkeeping.
 * Texts shorter than `minLength` or longer than `maxLength` are computed directly.
 *
 * Results are shared between callers: `fn` must return a value nobody mutates (type it readonly).
 */
export function memoizeByText<T>(fn: (text: string) => T, { capacity = 1024, minLength = 0, maxLength = 16_384 }: { capacity?: number; minLength?: number; maxLength?: number } = {}): (text: string) => T {
  let newer = new Map<string, T>();
  let older = new Map<string, T>();
  return (text: string): T => {
    if (text.length < minLength || text.length > maxLength) return fn(text);
    if (newer.has(text)) return newer.get(text) as T;
    const value = older.has(text) ? (older.get(text) as T) : fn(text);
    if (newer.size >= capacity) {
      older = newer;
      newer = new Map();
    }
    newer.set(text, value);
    return value;
  };
}

/**
 * memoizeByText for string → string functions (folding, normalising). Short texts are computed
 * directly by default: for them the lookup costs about as much as the work.
 */
export function memoizeText(fn: (text: string) => string, { capacity = 1024, minLength = 48, maxLength = 16_384 }: { capacity?: number; minLength?: number; maxLength?: number } = {}): (text: string) => string {
  return memoizeByText(fn, { capacity, minLength, maxLength });
}
