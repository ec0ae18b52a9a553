import iconv from 'iconv-lite';

/** Destinations whose text is not the document's: fonts, colours, styles, metadata, pictures, fields' instructions. */
const SKIPPED_DESTINATIONS = new Set(['fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'object', 'fldinst', 'themedata', 'colorschememapping', 'datastore', 'latentstyles', 'listtable', 'listoverridetable', 'rsidtbl', 'generator', 'xmlnstbl', 'mmathPr', 'header', 'footer', 'headerl', 'headerr', 'footerl', 'footerr', 'filetbl', 'revtbl', 'pgdsctbl']);

/** Deepest group nesting followed; a deeper file is hostile or broken. */
const MAX_DEPTH = 200;

interface Group {
  skip: boolean;
  /** Characters to drop after `\uN` (`\ucN`, default 1). */
  uc: number;
}

/**
 * The plain text of an RTF document: `\par` and `\line` end lines, `\uN` gives Unicode (skipping
 * the `\ucN` fallback characters after it), `\'hh` bytes are decoded in the document's code page
 * (`\ansicpg`, Windows-1258 for Vietnamese Word files, 1252 by default), and destinations such as
 * the font table, styles, metadata, pictures and headers are left out. Throws on nesting deeper
 * than MAX_DEPTH.
 */
export function rtfText(rtf: string): string {
  let codePage = 'windows-1252';
  const out: string[] = [];
  const stack: Group[] = [];
  let group: Group = { skip: false, uc: 1 };
  let pendingBytes: number[] = [];
  let skipChars = 0;
  const emitBytes = () => {
    if (pendingBytes.length === 0) return;
    if (!group.skip) out.push(iconv.decode(Buffer.from(pendingBytes), iconv.encodingExists(codePage) ? codePage : 'windows-1252'));
    pendingBytes = [];
  };
  const emit = (text: string) => {
    emitBytes();
    if (!group.skip) out.push(text);
  };
  let i = 0;
  let starOnDestination = false;
  while (i < rtf.length) {
    const ch = rtf[i] ?? '';
    if (ch === '{') {
      emitBytes();
      if (stack.length >= MAX_DEPTH) throw new Error(`RTF groups nested deeper than ${MAX_DEPTH}`);
      stack.push(group);
      group = { ...group };
      i++;
    } else if (ch === '}') {
      emitBytes();
      group = stack.pop() ?? group;
      i++;
    } else if (ch === '\\') {
      const next = rtf[i + 1] ?? '';
      if (next === "'") {
        const byte = Number.parseInt(rtf.slice(i + 2, i + 4), 16);
        i += 4;
        if (skipChars > 0) skipChars--;
        else if (Number.isFinite(byte)) pendingBytes.push(byte);
        continue;
      }
      if (!/[a-zA-Z]/.test(next)) {
        // Control symbols: escaped characters, `\*` (optional destination), `\~` etc.
        i += 2;
        if (next === '*') starOnDestination = true;
        else if (next === '\\' || next === '{' || next === '}') emit(next);
        else if (next === '~') emit(' ');
        else if (next === '\n' || next === '\r') emit('\n');
        continue;
      }
      const match = /^\\([a-zA-Z]+)(-?\d+)? ?/.exec(rtf.slice(i, i + 40));
      const word = match?.[1] ?? '';
      const param = match?.[2] === undefined ? undefined : Number(match[2]);
      i += match?.[0].length ?? 2;
      if (starOnDestination || SKIPPED_DESTINATIONS.has(word)) {
        starOnDestination = false;
        group.skip = true;
        continue;
      }
      if (skipChars > 0 && word !== 'u') {
        skipChars--;
        continue;
      }
      switch (word) {
        case 'ansicpg':
          if (param !== undefined) codePage = `windows-${param}`;
          break;
        case 'uc':
          group.uc = param ?? 1;
          break;
        case 'u':
          emit(String.fromCharCode(param === undefined ? 0x3f : param < 0 ? param + 0x10000 : param));
          skipChars = group.uc;
          break;
        case 'par':
        case 'line':
        case 'sect':
        case 'page':
          emit('\n');
          break;
        case 'row':
          emit('\n');
          break;
        case 'tab':
        case 'cell':
          emit(' ');
          break;
        default:
          break;
      }
    } else if (ch === '\r' || ch === '\n') {
      i++;
    } else {
      if (skipChars > 0) skipChars--;
      else emit(ch);
      i++;
    }
  }
  emitBytes();
  return out.join('').replace(/\n{2,}/g, '\n').split('\n').map((l) => l.trim()).join('\n\n').trim();
}
