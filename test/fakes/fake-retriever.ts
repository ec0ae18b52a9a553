import type { RetrievalResult, RetrieveOptions, Retriever } from '../../src/retrieve/types';

/** A retriever that answers only the queries it was given, and records every call. */
export interface FakeRetriever extends Retriever {
  /** Every `retrieve` call, in order. */
  readonly calls: RetrieveOptions[];
}

/**
 * Test double for `Retriever`: returns the configured result for an exact query string and THROWS
 * on any other query, so a test cannot pass on a result it did not set up (e.g. when follow-up
 * resolution produced a query the test did not expect: the error names the query).
 */
export function createFakeRetriever({ results }: { results: Record<string, RetrievalResult> }): FakeRetriever {
  const calls: RetrieveOptions[] = [];
  return {
    calls,
    async retrieve(options: RetrieveOptions): Promise<RetrievalResult> {
      calls.push(options);
      const result = Object.hasOwn(results, options.query) ? results[options.query] : undefined;
      if (result === undefined) {
        throw new Error(`FakeRetriever: no result configured for query ${JSON.stringify(options.query)}; configured: ${Object.keys(results).map((q) => JSON.stringify(q)).join(', ')}`);
      }
      return structuredClone(result);
    },
  };
}
