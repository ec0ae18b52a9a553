/**
 * The document viewer's address for a chunk: `/documents/<docId>#<chunkId>`, absolute when a base
 * URL is known (Teams and the Emulator open links outside our page, so a relative link is useless
 * there). Both parts are percent-encoded: chunk ids contain `#` (`luat-cu-tru#dieu-20-khoan-2-0`),
 * and browsers decode the fragment before matching it against the element id. With `page`, the
 * image of that scanned page of the document (`/documents/<docId>/pages/<n>`), shown beside its
 * recognised text.
 */
export function documentLink({ baseUrl, docId, chunkId, page }: { baseUrl?: string | undefined; docId: string; chunkId?: string; page?: number }): string {
  const path = `/documents/${encodeURIComponent(docId)}${page === undefined ? '' : `/pages/${page}`}${chunkId === undefined ? '' : `#${encodeURIComponent(chunkId)}`}`;
  return baseUrl === undefined ? path : `${baseUrl.replace(/\/+$/, '')}${path}`;
}
