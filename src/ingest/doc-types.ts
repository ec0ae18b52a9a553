/**
 * Loại văn bản: the kinds of Vietnamese administrative and legal documents, as written in running
 * text. Longer names first, so that "Thông tư liên tịch" is found before "Thông tư".
 */
export const DOC_TYPES: readonly string[] = [
  'Thông tư liên tịch', 'Nghị quyết liên tịch', 'Hiến pháp', 'Bộ luật', 'Luật', 'Pháp lệnh', 'Nghị quyết', 'Nghị định',
  'Quyết định', 'Thông tư', 'Chỉ thị', 'Kế hoạch', 'Chương trình', 'Công văn', 'Thông báo', 'Báo cáo', 'Hướng dẫn',
  'Kết luận', 'Quy định', 'Quy chế', 'Đề án', 'Tờ trình', 'Lệnh',
].sort((a, b) => b.length - a.length);

/** The abbreviation inside a số hiệu ("03-NQ/TU", "15/2024/NĐ-CP") → loại văn bản. */
export const DOC_TYPE_BY_ABBREVIATION: Readonly<Record<string, string>> = {
  NQ: 'Nghị quyết', 'NQLT': 'Nghị quyết liên tịch', NĐ: 'Nghị định', QĐ: 'Quyết định', TT: 'Thông tư', TTLT: 'Thông tư liên tịch',
  CT: 'Chỉ thị', KH: 'Kế hoạch', CTR: 'Chương trình', TB: 'Thông báo', BC: 'Báo cáo', HD: 'Hướng dẫn', KL: 'Kết luận',
  QC: 'Quy chế', QYĐ: 'Quy định', ĐA: 'Đề án', TTR: 'Tờ trình', L: 'Luật',
};

/** The issuing body a số hiệu names by itself, for documents whose header gives none. */
export const ISSUER_BY_ABBREVIATION: Readonly<Record<string, string>> = {
  QH: 'Quốc hội', UBTVQH: 'Ủy ban Thường vụ Quốc hội', CP: 'Chính phủ', TTG: 'Thủ tướng Chính phủ',
};

/** The doc type a line starts with ("NGHỊ QUYẾT", "Luật số 68/2020/QH14"), in display case. */
export function docTypeAtStart(line: string): string | undefined {
  const lower = line.toLowerCase();
  return DOC_TYPES.find((type) => {
    const name = type.toLowerCase();
    return lower.startsWith(name) && (lower.length === name.length || /[\s:,]/.test(lower.charAt(name.length)));
  });
}

/** The doc type a số hiệu encodes: the first of its parts that is a known abbreviation. */
export function docTypeFromNumber(docNumber: string): string | undefined {
  for (const part of docNumber.toUpperCase().split(/[-/]/)) {
    const type = DOC_TYPE_BY_ABBREVIATION[part];
    if (type !== undefined) return type;
  }
  return undefined;
}

/** The issuer a số hiệu encodes (QH14 → Quốc hội, NĐ-CP → Chính phủ), if any. */
export function issuerFromNumber(docNumber: string): string | undefined {
  for (const part of docNumber.toUpperCase().split(/[-/]/).reverse()) {
    const issuer = ISSUER_BY_ABBREVIATION[part.replace(/\d+$/, '')];
    if (issuer !== undefined) return issuer;
  }
  return undefined;
}
