import type { Assistant } from '../../src/answer/types';
import type { DocumentSource } from '../../src/app/document-source';
import type { ServingInfo, ServingPipeline } from '../../src/app/serving-pipeline';

/**
 * A `ServingPipeline` over a fake assistant and document source, serving a fixed (pretend)
 * snapshot with no documents. `reload()` throws: a test that switches snapshots needs the real
 * pipeline. `closed` says whether the server released it.
 */
export function createFakeServingPipeline({ assistant, documents, info = FAKE_SERVING_INFO }: { assistant: Assistant; documents: DocumentSource; info?: ServingInfo }): ServingPipeline & { readonly closed: boolean } {
  let closed = false;
  return {
    assistant,
    documents,
    info: () => info,
    listDocuments: () => [],
    async reload() {
      throw new Error('FakeServingPipeline: reload() is not configured; use the real pipeline to switch snapshots');
    },
    close() {
      closed = true;
    },
    get closed() {
      return closed;
    },
  };
}

const FAKE_SERVING_INFO: ServingInfo = { snapshotId: 'fake-snapshot', createdAt: '2025-01-01T00:00:00.000Z', documents: 0, chunks: 0, mode: 'lexical' };
