import type { Chunk } from '../chunk/types';

/** How the previous snapshot's vector labels become the next one's. */
export interface VectorUpdatePlan {
  /** The next snapshot's labels: the previous ones (null where deleted), then one per new chunk. */
  labels: Array<string | null>;
  /** Labels of the previous graph to mark deleted. */
  remove: number[];
  /** Chunks without a vector in the previous graph, with the label each gets. */
  add: Array<{ chunk: Chunk; label: number }>;
  /** Deleted labels after the update, of `labels.length`. */
  deleted: number;
}

/**
 * Keeps the label of every chunk the previous graph holds for an unchanged document (same chunk id,
 * its document not in `removedDocuments`); marks every other previous label deleted; gives each
 * remaining chunk a new label after the last one. Labels are never reused, so a label names one
 * chunk for the life of the graph.
 */
export function planVectorUpdate({ previous, previousDeleted, chunks, removedDocuments }: {
  /** `vectors-chunks.json` of the previous snapshot. */
  previous: ReadonlyArray<string | null>;
  /** Deleted labels the previous graph had already. */
  previousDeleted: number;
  /** The next snapshot's live chunks. */
  chunks: readonly Chunk[];
  removedDocuments: ReadonlySet<string>;
}): VectorUpdatePlan {
  const labelOf = new Map<string, number>();
  previous.forEach((id, label) => {
    if (id !== null) labelOf.set(id, label);
  });
  const kept = new Set<number>();
  const add: VectorUpdatePlan['add'] = [];
  const labels = [...previous];
  for (const chunk of chunks) {
    const label = removedDocuments.has(chunk.docId) ? undefined : labelOf.get(chunk.id);
    if (label !== undefined && !kept.has(label)) kept.add(label);
    else {
      add.push({ chunk, label: labels.length });
      labels.push(chunk.id);
    }
  }
  const remove: number[] = [];
  previous.forEach((id, label) => {
    if (id !== null && !kept.has(label)) {
      remove.push(label);
      labels[label] = null;
    }
  });
  return { labels, remove, add, deleted: previousDeleted + remove.length };
}
