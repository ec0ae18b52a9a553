import type { Evaluation } from './retrieval-evaluate';

/** One row of the comparison table. */
export interface EngineRow extends Evaluation {
  engine: string;
  /** `project`: this project's pipeline; `peer`: a library a developer might pick instead. */
  group: 'project' | 'peer';
  /** Index construction from the prepared chunks (tokenising included; for dense rows, embedding + HNSW). */
  buildMs: number;
  /** Set by the parent from the child's measurement. */
  memory?: MemoryUse;
  note?: string;
}

/**
 * Memory of one engine, measured in its own process (method in the report): `heapMB` = V8 heap +
 * external memory after the build and a full GC, minus the same before the build (what the index
 * keeps alive in JS); `rssMB` = resident set after the build minus before (native memory too, e.g.
 * SQLite, onnxruntime, hnswlib); `peakRssMB` = the process's peak resident set (getrusage maxrss)
 * at the end of the queries minus the resident set before the build.
 */
export interface MemoryUse {
  heapMB: number;
  rssMB: number;
  peakRssMB: number;
}

export interface ChildResult {
  rows: EngineRow[];
  memory?: MemoryUse;
  /** Engine-specific figures (the dense run's model, timings and confidence study). */
  extra?: Record<string, unknown>;
}

const MB = 1024 * 1024;

function sample(): { rss: number; heap: number } {
  // Run with --expose-gc. Twice: external buffers are released by finalizers the first collection schedules.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed + m.external };
}

/**
 * Runs `work` between memory samples: the baseline before it, `mark()` when its index is built
 * (the retained sample), and the peak resident set at the end.
 */
export async function measureMemory(work: (mark: () => void) => Promise<ChildResult>): Promise<ChildResult> {
  const before = sample();
  let built = before;
  const result = await work(() => {
    built = sample();
  });
  const peak = process.resourceUsage().maxRSS * 1024;
  const memory: MemoryUse = {
    heapMB: (built.heap - before.heap) / MB,
    rssMB: (built.rss - before.rss) / MB,
    peakRssMB: (peak - before.rss) / MB,
  };
  return { ...result, memory };
}
