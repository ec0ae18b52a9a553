/**
 * A one-for-one replacement table over BMP code units. Mapping code units through a typed array
 * keeps every offset and runs several times faster than a regex with a replacement callback.
 */
export class CodeUnitMap {
  private readonly table = new Uint16Array(0x10000);

  constructor(pairs: Iterable<readonly [string, string]>) {
    for (const [from, to] of pairs) {
      if (from.length !== 1 || to.length !== 1) throw new RangeError(`CodeUnitMap maps one code unit to one, got "${from}" → "${to}"`);
      this.table[from.charCodeAt(0)] = to.charCodeAt(0);
    }
  }

  /** The text with every mapped code unit replaced; the same string when nothing maps. */
  apply(text: string): string {
    const table = this.table;
    let i = 0;
    while (i < text.length && table[text.charCodeAt(i)] === 0) i++;
    if (i === text.length) return text;
    const units = new Uint16Array(text.length);
    for (let j = 0; j < text.length; j++) {
      const code = text.charCodeAt(j);
      units[j] = table[code] || code;
    }
    // Buffer's UTF-16 decoding keeps lone surrogates; TextDecoder would turn them into U+FFFD.
    return Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString('utf16le');
  }
}
