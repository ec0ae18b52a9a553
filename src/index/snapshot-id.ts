import { randomBytes } from 'node:crypto';

/** A new snapshot id that sorts by creation time: `20250314T101502123Z-9f2c`. */
export function newSnapshotId({ now = new Date() }: { now?: Date } = {}): string {
  return `${now.toISOString().replace(/[-:.]/g, '')}-${randomBytes(2).toString('hex')}`;
}
