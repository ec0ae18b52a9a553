import { foldDiacritics } from './fold';

/**
 * The shape of a Vietnamese syllable, accent-free: an optional initial consonant (cluster), one to
 * three vowels, an optional final consonant. Words outside it are foreign names or brands
 * ("Viettel", "Zalo", "Google") — names even where a capital says nothing, at a sentence start.
 */
const SYLLABLE = /^(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$/u;

/** True when `word` (one syllable, any case and accents) has the shape of a Vietnamese syllable. */
export function isVietnameseSyllable(word: string): boolean {
  return SYLLABLE.test(foldDiacritics(word).toLowerCase());
}
