import type { ProgressEvent } from './index-events';

/**
 * Where each build phase starts and ends on the admin's progress bar, in percent. Reading the
 * files is most of a lexical-only build; embedding is most of one with a model (a skipped phase
 * just makes the bar jump).
 */
const SPANS: Readonly<Record<ProgressEvent['phase'], readonly [number, number]>> = {
  ingest: [0, 45],
  chunk: [45, 55],
  store: [55, 60],
  lexical: [60, 70],
  vectors: [70, 97],
  switch: [97, 100],
};

/** The whole build's progress, 0–100, from one progress event. */
export function overallPercent(event: Pick<ProgressEvent, 'phase' | 'done' | 'total'>): number {
  const [from, to] = SPANS[event.phase];
  const fraction = event.total > 0 ? Math.min(1, Math.max(0, event.done / event.total)) : 0;
  return Math.round(from + (to - from) * fraction);
}
