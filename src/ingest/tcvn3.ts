import iconv from 'iconv-lite';

/**
 * TCVN3 (ABC, TCVN 5712:1993 VN3): the byte table of the ".Vn" fonts (.VnTime, .VnArial…). Its
 * letters sit in 0xA1–0xFF, which Latin-1 readers show as "ViÖt Nam", "c¸c", "®". iconv-lite's
 * `tcvn` table (TCVN 5712 VN1) is a superset with the same codes for every ABC letter, so it decodes
 * ABC correctly; only 0xA1–0xFF are taken from it, leaving ASCII and control codes untouched.
 */
const TCVN3_HIGH: readonly string[] = (() => {
  const bytes = Buffer.alloc(0x100 - 0xa1);
  for (let i = 0; i < bytes.length; i++) bytes[i] = 0xa1 + i;
  return [...iconv.decode(bytes, 'tcvn')];
})();

/** Decodes TCVN3 text that was read as Latin-1 / Windows-1252 (one character per byte). */
export function tcvn3ToUnicode(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    out += code >= 0xa1 && code <= 0xff ? (TCVN3_HIGH[code - 0xa1] ?? char) : char;
  }
  return out.normalize('NFC');
}
