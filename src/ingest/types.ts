/** What the ingestion stage produces: documents with metadata, and a report line for every problem. */

/** Metadata of a Vietnamese administrative or legal document. Every field is optional. */
export interface DocumentMeta {
  /** Số hiệu, e.g. "03-NQ/TU", "15/2024/NĐ-CP", "68/2020/QH14". */
  docNumber?: string;
  /** Ngày ban hành as ISO `YYYY-MM-DD`. */
  issuedDate?: string;
  /** Cơ quan ban hành, e.g. "Ban Thường vụ Thành ủy Hải Phòng", "Quốc hội". */
  issuer?: string;
  /** Loại văn bản: Luật, Nghị quyết, Nghị định, Quyết định, Kế hoạch, Thông tư, Chỉ thị, Công văn, Bài viết… */
  docType?: string;
  /** False when the document is out of force (hết hiệu lực); answers citing it say so. */
  inForce?: boolean;
  /** Where the original can be found (a URL or a register reference). */
  sourceUrl?: string;
}

export interface SourceInfo {
  /** Path relative to the knowledge folder, with `/` separators (for a `.jsonl` line: `file.jsonl#<line>`). */
  path: string;
  /** The loader that read it: txt, md, html, docx, pdf, jsonl. */
  format: string;
  /** Size of the source file in bytes. */
  bytes: number;
  /** sha256 (hex) of the document's text and metadata: equal hashes mean nothing to reindex. */
  contentHash: string;
}

export interface SourceDocument {
  /** Stable id: the source path slugified (`luat-cu-tru`), or the `id` of a `.jsonl` record. */
  id: string;
  title: string;
  /** Plain text, NFC, tone marks in one placement, `\n` line ends, paragraphs separated by blank lines. */
  text: string;
  meta: DocumentMeta;
  source: SourceInfo;
}

export type IngestProblemCode =
  | 'empty'
  | 'too-large'
  | 'unsupported-type'
  | 'corrupt'
  | 'encrypted'
  | 'scanned-no-text'
  | 'legacy-encoding'
  | 'invalid-record'
  | 'invalid-meta'
  | 'read-failed'
  /** Reading took longer than `maxFileMs`. */
  | 'timed-out'
  /** The file stopped an indexer before (out of memory, stuck) and is skipped until it changes. */
  | 'quarantined';

/** One line of the ingestion report. `error`: the file (or record) was not indexed; `warning`: it was, with a caveat. */
export interface IngestProblem {
  path: string;
  code: IngestProblemCode;
  severity: 'error' | 'warning';
  /** English, for logs: what was expected, what came, how to fix it. */
  message: string;
  /** 1-based page numbers, for PDFs with pages that have no text layer. */
  pages?: number[];
  /** For `legacy-encoding`: the encoding converted from, or suspected (TCVN3, VNI, Windows-1258). */
  encoding?: string;
}

export interface IngestResult {
  documents: SourceDocument[];
  problems: IngestProblem[];
  /** Files looked at, whether or not they produced documents. */
  filesSeen: number;
}
