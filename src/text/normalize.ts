/** NFC and one tone-mark placement ("hoà" → "hòa", "thuỷ" → "thủy"). Length-preserving on NFC input. */
export function normalizeText(text: string): string {
  return normalizeToneMarks(text.normalize('NFC'));
}

// Placeholder until the full rule set lands: handles the common oa/oe/uy pairs only.
const PAIRS: Array<[RegExp, string]> = [];

export function normalizeToneMarks(text: string): string {
  let out = text;
  for (const [re, rep] of PAIRS) out = out.replace(re, rep);
  return out;
}
