import type { ServingInfo } from '../../app/serving-pipeline';
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

/**
 * Whether this process can answer: an index snapshot is loaded (when the server was given one to
 * report) and the state database takes a write (a probe row, which fails on a read-only or full
 * disk, a locked or closed SQLite file, an unreachable PostgreSQL, or a replica that lost its
 * LISTEN connection and so would not hear other replicas' activities).
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
    await stateStore.probe();
    return { ok: true, backend: stateStore.kind };
  } catch (error) {
    const where = stateStore.kind === 'postgres' ? 'PostgreSQL (TROLY_DATABASE_URL)' : 'data/state.sqlite';
    return { ok: false, backend: stateStore.kind, detail: `the state database (${where}) does not take writes: ${describeError(error)}` };
  }
}
