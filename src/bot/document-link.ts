/**
 * The document viewer's address for a chunk: `/documents/<docId>#<chunkId>`, absolute when a base
 * URL is known (Teams and the Emulator open links outside our page, so a relative link is useless
 * there). Both parts are percent-encoded: chunk ids contain `#` (`luat-cu-tru#dieu-20-khoan-2-0`),
 * and browsers decode the fragment before matching it against the element id.
 */
export function documentLink({ baseUrl, docId, chunkId }: { baseUrl?: string | undefined; docId: string; chunkId?: string }): string {
  const path = `/documents/${encodeURIComponent(docId)}${chunkId === undefined ? '' : `#${encodeURIComponent(chunkId)}`}`;
  return baseUrl === undefined ? path : `${baseUrl.replace(/\/+$/, '')}${path}`;
}
