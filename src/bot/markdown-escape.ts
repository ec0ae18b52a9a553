/**
 * Characters that are markup anywhere in a line (CommonMark inline syntax, GFM tables and
 * strikethrough, raw HTML and entities). Each is written with a backslash, which CommonMark reads as
 * the character itself.
 */
const INLINE = /[\\`*_[\]<>~|&!]/g;
/**
 * "http:" and "evil.example": a scheme's colon or a dot inside a word, which a renderer with
 * linkify (Web Chat's) would turn into a link. Escaped, the address shows as text.
 */
const LINKIFY = /[:.](?=[\p{L}\p{N}/])/gu;
/** What makes a line a heading, quote, list item, rule or setext underline when it opens the line. */
const LINE_START = /^(#{1,6}(?=\s|$)|[-+=](?=\s|[-=]|$)|\d{1,9}(?=[.)]))/;

/**
 * Text from a document (or any text that is not ours) made literal for a Bot Framework channel that
 * renders Markdown (Web Chat, the Emulator, Teams): an `<img>` in a title shows as text, a
 * `<script>` in a passage is not dropped, "# UBND…" is no heading, "6. Lưu trú là…" no list and
 * an address in a passage no link.
 * Lines are trimmed at the start (four spaces would open a code block) and kept as lines (a hard
 * break), since documents put list items on lines of their own.
 */
export function escapeMarkdown(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      const trimmed = line.trimStart().replace(INLINE, (c) => `\\${c}`).replace(LINKIFY, (c) => `\\${c}`);
      const start = LINE_START.exec(trimmed);
      if (start === null) return trimmed;
      const marker = start[1] ?? '';
      // "6." → "6\.", "-" → "\-", "#" → "\#": the first character after the number, or the marker.
      return /^\d/.test(marker) ? `${marker}\\${trimmed.slice(marker.length)}` : `\\${trimmed}`;
    })
    .join('  \n');
}
