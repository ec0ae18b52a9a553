import type { ServingInfo } from '../../app/live-pipeline';
import type { StateStore } from '../../bot/state-store';
import { describeError } from '../../config/errors';

/** One check of `/readyz`. */
export interface ReadinessCheck {
  ok: boolean;
  detail?: string;
  [field: string]: unknown;
}

export interface Readiness {
  ready: boolean;
  checks: { snapshot: ReadinessCheck; store: ReadinessCheck };
}

const PROBE_KEY = 'troly/readyz-probe';

/**
 * Whether this process can answer: an index snapshot is loaded (when the server was given one to
 * report) and the state store takes a write (a probe row written and deleted, which fails on a
 * read-only or full disk, a locked or closed database).
 */
export async function checkReadiness({ serving, stateStore }: { serving: (() => ServingInfo) | undefined; stateStore: StateStore }): Promise<Readiness> {
  const snapshot = checkSnapshot(serving);
  const store = await checkStore(stateStore);
  return { ready: snapshot.ok && store.ok, checks: { snapshot, store } };
}

function checkSnapshot(serving: (() => ServingInfo) | undefined): ReadinessCheck {
  if (serving === undefined) return { ok: true, detail: 'not checked: this server was given an assistant without an index snapshot' };
  try {
    const info = serving();
    return { ok: true, snapshotId: info.snapshotId, createdAt: info.createdAt, documents: info.documents, chunks: info.chunks, mode: info.mode };
  } catch (error) {
    return { ok: false, detail: `no usable index snapshot: ${describeError(error)}` };
  }
}

async function checkStore(stateStore: StateStore): Promise<ReadinessCheck> {
  try {
    await stateStore.storage.write({ [PROBE_KEY]: { eTag: '*', at: new Date().toISOString() } });
    await stateStore.storage.delete([PROBE_KEY]);
    return { ok: true };
  } catch (error) {
    return { ok: false, detail: `the state store (data/state.sqlite) does not take writes: ${describeError(error)}` };
  }
}
