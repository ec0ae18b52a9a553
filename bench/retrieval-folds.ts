import { createHash } from 'node:crypto';

/** The cross-validation fold of a question: a hash of its id, so folds never depend on order. */
export function foldOf(id: string, folds: number): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0) % folds;
}
