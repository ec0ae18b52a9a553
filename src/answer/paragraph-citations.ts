import type { PromptCatalog } from '../prompts/catalog';
import { rebuiltAnswer } from './answer-polish';
import type { DocumentView } from './document-cache';
import type { Answer } from './types';

/**
 * Gives the citations of non-legal documents (plans, reports, news) the place of what they quote:
 * the section heading and the paragraph ("Tăng cường đầu tư phát triển nền tảng số, hạ tầng số,
 * đoạn 3"), or the paragraph of a document without headings ("Đoạn 4"), instead of the paragraphs
 * the retrieved chunk spans ("Đoạn 1–6"). Citations of legal texts, of spreadsheet rows (their
 * loader names the row) and quotes not found verbatim keep their locator.
 */
export function createParagraphCiter({ documents, prompts }: { documents: (docId: string) => DocumentView | undefined; prompts: PromptCatalog }): (answer: Answer) => Answer {
  return (answer) => {
    if (!answer.grounded || answer.mode !== 'extractive') return answer;
    let changed = false;
    const citations = answer.citations.map((citation) => {
      const view = documents(citation.docId);
      const chunk = view?.chunks.find((c) => c.id === citation.chunkId);
      if (view === undefined || chunk === undefined || chunk.kind !== 'section' || (view.doc.source.units ?? []).length > 0 || view.chunks.some((c) => c.kind === 'legal')) return citation;
      const quotes = answer.sentences.filter((s) => s.cites.includes(citation.n)).map((s) => s.text);
      const ranges: Array<{ start: number; end: number }> = [];
      for (const quote of quotes) {
        let at = view.doc.text.indexOf(quote, Math.max(0, chunk.start - quote.length));
        if (at < 0) at = view.doc.text.indexOf(quote);
        if (at < 0) return citation;
        ranges.push({ start: at, end: at + quote.length });
      }
      const locator = ranges.length === 0 ? undefined : view.paragraphLocator(ranges);
      if (locator === undefined || locator === citation.locator) return citation;
      changed = true;
      return { ...citation, locator };
    });
    return changed ? rebuiltAnswer({ answer, sentences: answer.sentences, citations, prompts }) : answer;
  };
}
