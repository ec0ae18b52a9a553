import { foldDiacritics } from './fold';
import { syllables } from './tokenize';

/**
 * Vietnamese provinces and centrally run cities (the 63 of 2008–2025, whose names documents of that
 * period use), as matching data, not user-facing text. A question about one of them cannot be
 * answered by a passage about another ("Tốc độ băng rộng của Đà Nẵng" vs "… của Hải Phòng …"),
 * while a passage that names none states a rule for everywhere (a law article).
 */
const PLACES = [
  'An Giang', 'Bà Rịa', 'Vũng Tàu', 'Bắc Giang', 'Bắc Kạn', 'Bạc Liêu', 'Bắc Ninh', 'Bến Tre', 'Bình Định', 'Bình Dương',
  'Bình Phước', 'Bình Thuận', 'Cà Mau', 'Cần Thơ', 'Cao Bằng', 'Đà Nẵng', 'Đắk Lắk', 'Đắk Nông', 'Điện Biên', 'Đồng Nai',
  'Đồng Tháp', 'Gia Lai', 'Hà Giang', 'Hà Nam', 'Hà Nội', 'Hà Tĩnh', 'Hải Dương', 'Hải Phòng', 'Hậu Giang', 'Hòa Bình',
  'Hưng Yên', 'Khánh Hòa', 'Kiên Giang', 'Kon Tum', 'Lai Châu', 'Lâm Đồng', 'Lạng Sơn', 'Lào Cai', 'Long An', 'Nam Định',
  'Nghệ An', 'Ninh Bình', 'Ninh Thuận', 'Phú Thọ', 'Phú Yên', 'Quảng Bình', 'Quảng Nam', 'Quảng Ngãi', 'Quảng Ninh', 'Quảng Trị',
  'Sóc Trăng', 'Sơn La', 'Tây Ninh', 'Thái Bình', 'Thái Nguyên', 'Thanh Hóa', 'Thừa Thiên Huế', 'Huế', 'Tiền Giang', 'Hồ Chí Minh',
  'Sài Gòn', 'Trà Vinh', 'Tuyên Quang', 'Vĩnh Long', 'Vĩnh Phúc', 'Yên Bái',
];

/** A place as term keys in the shape of `termSets`: its syllable, or its bigrams. */
export interface PlaceKeys {
  accented: string[];
  folded: string[];
}

/** Term keys of a sequence of lower-case syllables: the syllable alone, or every adjacent pair. */
export function sequenceKeys(words: readonly string[]): string[] {
  return words.length === 1 ? [...words] : words.slice(1).map((w, i) => `${words[i]}_${w}`);
}

export const PLACE_KEYS: readonly PlaceKeys[] = PLACES.map((name) => {
  const words = syllables(name);
  return { accented: sequenceKeys(words), folded: sequenceKeys(words.map(foldDiacritics)) };
});

const BY_LENGTH = [...PLACES].sort((a, b) => syllables(b).length - syllables(a).length);
/** The places as written ("Hà Nội"), longest first; `PLACE_SYLLABLES[i]` is `PLACE_NAMES[i]` cut up. */
export const PLACE_NAMES: readonly string[] = BY_LENGTH;
/** Each place as its lower-case accent-free syllables ("hai", "phong"), longest first, for finding it in a word sequence. */
export const PLACE_SYLLABLES: readonly (readonly string[])[] = BY_LENGTH.map((name) => syllables(name).map(foldDiacritics));
