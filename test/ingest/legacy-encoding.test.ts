import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/ingest/decode-text';
import { repairLegacyEncoding } from '../../src/ingest/legacy-encoding';
import { isPlausibleVietnamese, scorePlausibility } from '../../src/ingest/plausibility';
import { tcvn3ToUnicode } from '../../src/ingest/tcvn3';
import { vniToUnicode } from '../../src/ingest/vni';
import { encodeTcvn3, encodeUtf16le, encodeWindows1258, tcvn3AsLatin1 } from '../fixtures/ingest/legacy-bytes';

const RESOLUTION =
  'Nghị quyết số 03-NQ/TU ngày 26/10/2021 của Ban Thường vụ Thành ủy về chuyển đổi số thành phố Hải Phòng đến năm 2025, định hướng đến năm 2030.';
const INFRASTRUCTURE =
  'Hạ tầng băng thông rộng di động 4G đã được phủ đến 100% cấp huyện và cấp xã; tốc độ băng rộng cố định của Hải Phòng hiện đạt khoảng 60 Mbps.';

describe('scorePlausibility', () => {
  it('accepts real Vietnamese and rejects the same sentence shown in a legacy font encoding', () => {
    expect(isPlausibleVietnamese(scorePlausibility(RESOLUTION))).toBe(true);
    expect(isPlausibleVietnamese(scorePlausibility(tcvn3AsLatin1(RESOLUTION)))).toBe(false);
    expect(isPlausibleVietnamese(scorePlausibility('Nghò quyeát soá 03-NQ/TU veà chuyeån ñoåi soá thaønh phoá Haûi Phoøng'))).toBe(false);
  });

  it('does not judge plain ASCII text', () => {
    expect(scorePlausibility('Digital transformation plan 2022')).toEqual({ judged: 0, valid: 0 });
  });
});

describe('tcvn3ToUnicode', () => {
  it('decodes the .VnTime letters, including đ/Đ and the upper-case letters TCVN3 has', () => {
    expect(tcvn3ToUnicode('§iÒu 5. ViÖt Nam')).toBe('Điều 5. Việt Nam');
    expect(tcvn3ToUnicode(tcvn3AsLatin1(RESOLUTION))).toBe(RESOLUTION);
    expect(tcvn3ToUnicode(tcvn3AsLatin1(INFRASTRUCTURE))).toBe(INFRASTRUCTURE);
  });
});

describe('vniToUnicode', () => {
  it('decodes VNI-Windows text read as Windows-1252', () => {
    expect(vniToUnicode('Xin chaøo caùc baïn')).toBe('Xin chào các bạn');
    expect(vniToUnicode('Nghò quyeát soá 03-NQ/TU veà chuyeån ñoåi soá thaønh phoá Haûi Phoøng')).toBe(
      'Nghị quyết số 03-NQ/TU về chuyển đổi số thành phố Hải Phòng',
    );
    expect(vniToUnicode('ÑIEÀU 5. Tröôøng hôïp, naêm, aên, ñaëc bieät')).toBe('ĐIỀU 5. Trường hợp, năm, ăn, đặc biệt');
  });
});

describe('repairLegacyEncoding', () => {
  it('converts only the TCVN3 lines of a text that mixes them with Unicode lines', () => {
    const mixed = `${RESOLUTION}\n${tcvn3AsLatin1(INFRASTRUCTURE)}\nKhông có lỗi nào ở dòng này.`;
    const repaired = repairLegacyEncoding(mixed);
    expect(repaired.text).toBe(`${RESOLUTION}\n${INFRASTRUCTURE}\nKhông có lỗi nào ở dòng này.`);
    expect(repaired.converted).toEqual({ TCVN3: 1 });
    expect(repaired.plausible).toBe(true);
  });

  it('converts VNI lines and names the encoding', () => {
    const repaired = repairLegacyEncoding('Nghò quyeát soá 03-NQ/TU veà chuyeån ñoåi soá thaønh phoá Haûi Phoøng');
    expect(repaired.converted).toEqual({ VNI: 1 });
    expect(repaired.text).toContain('chuyển đổi số thành phố Hải Phòng');
  });

  it('leaves clean Unicode untouched, including words with ô and õ that VNI would reinterpret', () => {
    const text = 'Không bỏ sót văn bản nào; ông ấy đã gửi hồ sơ.';
    expect(repairLegacyEncoding(text)).toEqual({ text, converted: {}, plausible: true });
  });

  it('flags text that no decoder turns into Vietnamese as implausible', () => {
    const garbage = 'Ð¾Ñ‚Ð²ÐµÑ‚ Ð½Ð° Ð²Ð¾Ð¿Ñ€Ð¾Ñ Ð¾ Ð¿Ñ€Ð¾ÐµÐºÑ‚Ðµ Ñ†Ð¸Ñ„Ñ€Ð¾Ð²Ð¾Ð¹';
    expect(repairLegacyEncoding(garbage).plausible).toBe(false);
  });
});

describe('decodeText', () => {
  it('reads UTF-8 and UTF-16 with a byte-order mark as they are', () => {
    expect(decodeText({ bytes: Buffer.from(RESOLUTION, 'utf8') })).toEqual({ ok: true, text: RESOLUTION, encoding: 'UTF-8' });
    expect(decodeText({ bytes: encodeUtf16le(RESOLUTION) })).toEqual({ ok: true, text: RESOLUTION, encoding: 'UTF-16' });
  });

  it('recognises Windows-1258 with combining tone marks', () => {
    const decoded = decodeText({ bytes: encodeWindows1258(RESOLUTION) });
    expect(decoded).toEqual({ ok: true, text: RESOLUTION, encoding: 'Windows-1258' });
  });

  it('recognises raw TCVN3 bytes', () => {
    expect(decodeText({ bytes: encodeTcvn3(INFRASTRUCTURE) })).toEqual({ ok: true, text: INFRASTRUCTURE, encoding: 'TCVN3' });
  });

  it('recognises raw VNI bytes', () => {
    const bytes = Buffer.from('Nghò quyeát soá 03-NQ/TU veà chuyeån ñoåi soá thaønh phoá Haûi Phoøng', 'latin1');
    const decoded = decodeText({ bytes });
    expect(decoded).toEqual({ ok: true, text: 'Nghị quyết số 03-NQ/TU về chuyển đổi số thành phố Hải Phòng', encoding: 'VNI' });
  });

  it('refuses bytes that no Vietnamese encoding reads', () => {
    const bytes = Buffer.from([0x80, 0x81, 0x9f, 0xfe, 0xff, 0x00, 0x8d, 0xc3, 0x28, 0xa0, 0xa1, 0x82, 0x83, 0x84, 0x85]);
    expect(decodeText({ bytes }).ok).toBe(false);
  });
});
