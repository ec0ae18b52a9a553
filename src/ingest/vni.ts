/**
 * VNI-Windows: the encoding of the "VNI-" fonts (VNI-Times…). A toned vowel is written as the ASCII
 * vowel followed by one Latin-1 "mark" character ("Vieät Nam" = "Việt Nam", "caùc" = "các"), and a
 * few letters have a character of their own (ô = ơ, ö = ư, ñ = đ, ó = ĩ…). This decodes text that
 * was read as Windows-1252 back into Unicode.
 */
const ACUTE = '\u0301';
const GRAVE = '\u0300';
const HOOK = '\u0309';
const TILDE = '\u0303';
const DOT = '\u0323';
const CIRCUMFLEX = '\u0302';
const BREVE = '\u0306';

/** Marks after any vowel: the tone alone. */
const TONE: Record<string, string> = { 'ù': ACUTE, 'ø': GRAVE, 'û': HOOK, 'õ': TILDE, 'ï': DOT };
/** Marks after a, e, o: circumflex with a tone. */
const CIRCUMFLEXED: Record<string, string> = {
  'â': CIRCUMFLEX, 'á': CIRCUMFLEX + ACUTE, 'à': CIRCUMFLEX + GRAVE, 'å': CIRCUMFLEX + HOOK, 'ã': CIRCUMFLEX + TILDE, 'ä': CIRCUMFLEX + DOT,
};
/** Marks after a: breve with a tone. */
const BREVED: Record<string, string> = {
  'ê': BREVE, 'é': BREVE + ACUTE, 'è': BREVE + GRAVE, 'ú': BREVE + HOOK, 'ü': BREVE + TILDE, 'ë': BREVE + DOT,
};
/** Characters that are a whole letter on their own. */
const SINGLE: Record<string, string> = {
  'ô': 'ơ', 'ö': 'ư', 'ñ': 'đ', 'í': 'í', 'ì': 'ì', 'æ': 'ỉ', 'ó': 'ĩ', 'ò': 'ị', 'î': 'ỵ',
};

function upperMap(map: Record<string, string>, upperValues: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(map)) out[key.toUpperCase()] = upperValues ? value.toUpperCase() : value;
  return out;
}

const TONE_ALL = { ...TONE, ...upperMap(TONE, false) };
const CIRCUMFLEXED_ALL = { ...CIRCUMFLEXED, ...upperMap(CIRCUMFLEXED, false) };
const BREVED_ALL = { ...BREVED, ...upperMap(BREVED, false) };
const SINGLE_ALL = { ...SINGLE, ...upperMap(SINGLE, true) };

const MARKS = [...new Set([...Object.keys(TONE_ALL), ...Object.keys(CIRCUMFLEXED_ALL), ...Object.keys(BREVED_ALL)])].join('');
const PATTERN = new RegExp(`([aeouyAEOUYôöÔÖ])([${MARKS}])|([${Object.keys(SINGLE_ALL).join('')}])`, 'g');

function combine(base: string, mark: string): string | undefined {
  const letter = SINGLE_ALL[base] ?? base;
  const lower = base.toLowerCase();
  if ((lower === 'a' || lower === 'e' || lower === 'o') && CIRCUMFLEXED_ALL[mark] !== undefined) return letter + CIRCUMFLEXED_ALL[mark];
  if (lower === 'a' && BREVED_ALL[mark] !== undefined) return letter + BREVED_ALL[mark];
  if (TONE_ALL[mark] !== undefined) return letter + TONE_ALL[mark];
  return undefined;
}

/** Decodes VNI-Windows text that was read as Windows-1252. */
export function vniToUnicode(text: string): string {
  return text
    .replace(PATTERN, (whole, base: string | undefined, mark: string | undefined, single: string | undefined) => {
      if (single !== undefined) return SINGLE_ALL[single] ?? whole;
      if (base === undefined || mark === undefined) return whole;
      return combine(base, mark) ?? whole;
    })
    .normalize('NFC');
}
