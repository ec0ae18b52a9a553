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
  /** Where each page of a paged source (PDF, image, TIFF) is in the text, and which were OCR'd. */
  pages?: DocumentPage[];
  /** Spans cited on their own with a locator of their own (a spreadsheet row): the chunker keeps them apart. */
  units?: CitableUnit[];
  /** What the loader read, for the ingestion report: pages and OCR confidence, sheets and rows. */
  extraction?: ExtractionSummary;
}

/** The span of `SourceDocument.text` that came from one page of the source file. */
export interface DocumentPage {
  /** 1-based page (or TIFF frame) number in the source file. */
  number: number;
  /** Offsets in the document text: `text.slice(start, end)`. */
  start: number;
  end: number;
  /** Set when the page had no text layer and was recognised by OCR. */
  ocr?: {
    /** Mean word confidence reported by tesseract, 0–100. */
    confidence: number;
    /** Below the `ocrConfidenceFloor` tunable: indexed, but worth checking by hand. */
    low: boolean;
  };
}

/** A span of the text that is one citable unit, e.g. one spreadsheet row. */
export interface CitableUnit {
  start: number;
  end: number;
  /** "Trang tính Thủ tục, dòng 5". */
  locator: string;
  /** Enclosing headings, outermost first: [sheet name]. */
  headingPath: string[];
}

/** What a loader read from one file, for the ingestion report. */
export interface ExtractionSummary {
  /** Pages (or image frames) of the source. */
  pages?: number;
  /** Of those, how many were recognised by OCR. */
  ocrPages?: number;
  /** Mean OCR confidence over the OCR'd pages, 0–100. */
  meanConfidence?: number;
  /** OCR'd pages below the confidence floor (still indexed). */
  lowConfidencePages?: number[];
  /** Spreadsheet sheets that had rows, and rows read. */
  sheets?: number;
  rows?: number;
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
  | 'quarantined'
  | 'ocr-unavailable'
  | 'ocr-failed'
  | 'ocr-low-confidence'
  /** A limit stopped reading part-way: what was read before it is indexed. */
  | 'truncated'
  /** The file is not what its extension says (a ".doc" that is HTML) and was read as what it is. */
  | 'misnamed';

/** One line of the ingestion report. `error`: the file (or record) was not indexed; `warning`: it was, with a caveat. */
export interface IngestProblem {
  path: string;
  code: IngestProblemCode;
  severity: 'error' | 'warning';
  /** English, for logs: what was expected, what came, how to fix it. */
  message: string;
  /** 1-based page numbers: scanned pages left out, OCR'd pages below the confidence floor, pages that failed. */
  pages?: number[];
  /** For `legacy-encoding`: the encoding converted from, or suspected (TCVN3, VNI, Windows-1258). */
  encoding?: string;
  /** For `truncated`: where reading stopped, in Vietnamese ("trang 41", "Trang tính Thủ tục, dòng 2001"). */
  stoppedAt?: string;
  /** For `truncated`: the limit that stopped it (a tunable name, e.g. `ocrMaxPages`). */
  limit?: string;
  /** For `misnamed`: the format the file was read as (html, rtf, docx). */
  actualFormat?: string;
}

export interface IngestResult {
  documents: SourceDocument[];
  problems: IngestProblem[];
  /** Files looked at, whether or not they produced documents. */
  filesSeen: number;
}
