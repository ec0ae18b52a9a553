import { DEFAULT_TUNABLES, type Tunables } from '../config/tunables';
import type { LoaderLimits } from './loader';

/** The loader limits of the tunables. */
export function loaderLimits(tunables: Readonly<Partial<Tunables>> = DEFAULT_TUNABLES): LoaderLimits {
  return {
    ocrDpi: tunables.ocrDpi ?? DEFAULT_TUNABLES.ocrDpi,
    ocrConcurrency: tunables.ocrConcurrency ?? DEFAULT_TUNABLES.ocrConcurrency,
    ocrPageTimeoutMs: tunables.ocrPageTimeoutMs ?? DEFAULT_TUNABLES.ocrPageTimeoutMs,
    ocrDocumentTimeoutMs: tunables.ocrDocumentTimeoutMs ?? DEFAULT_TUNABLES.ocrDocumentTimeoutMs,
    ocrMaxPages: tunables.ocrMaxPages ?? DEFAULT_TUNABLES.ocrMaxPages,
    ocrConfidenceFloor: tunables.ocrConfidenceFloor ?? DEFAULT_TUNABLES.ocrConfidenceFloor,
    maxSheetRows: tunables.maxSheetRows ?? DEFAULT_TUNABLES.maxSheetRows,
  };
}

/** `limits` over the defaults. */
export function withDefaultLimits(limits: Partial<LoaderLimits> | undefined): LoaderLimits {
  return { ...loaderLimits(), ...limits };
}
