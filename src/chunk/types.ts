/** A passage of a document that is indexed, retrieved and cited on its own. */
export interface Chunk {
  /** Stable across rebuilds: `<docId>#<locator slug>-<i>`, e.g. `luat-cu-tru#dieu-20-khoan-2-0`. */
  id: string;
  docId: string;
  /** Position of the chunk in its document, from 0. */
  ordinal: number;
  /**
   * Human-readable place in the document: "Điều 20, khoản 2" (also "Điều 5, khoản 1, điểm a") for
   * legal texts; the heading path ("Nâng cao nhận thức để dẫn dắt hành động") or "Đoạn 3" otherwise.
   */
  locator: string;
  /** Enclosing headings, outermost first: ["Chương II. …", "Mục 1. …", "Điều 20. Tên điều"]. */
  headingPath: string[];
  /** The text that is indexed and quoted: for a khoản chunk, the article heading line, then the khoản. */
  text: string;
  /** Offsets of the chunk's own body in the document text: `doc.text.slice(start, end)`. */
  start: number;
  end: number;
  kind: 'legal' | 'section';
}
