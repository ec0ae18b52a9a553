import WebSocket from 'ws';
import XMLHttpRequest from 'xhr2';

/**
 * botframework-directlinejs is written for browsers: it sends requests through rxjs' ajax (which
 * needs a global `XMLHttpRequest`) and streams through a global `WebSocket`. Node 20 has neither,
 * so tests that drive it install these two (xhr2 and ws) — in the test process only.
 */
export function installDirectLineGlobals(): void {
  const g = globalThis as Record<string, unknown>;
  g.XMLHttpRequest ??= XMLHttpRequest;
  g.WebSocket ??= WebSocket;
}

/** A Direct Line activity as the client library hands it over. */
export interface ReceivedActivity {
  type: string;
  id?: string;
  text?: string;
  from: { id: string; role?: string; name?: string };
  attachments?: Array<{ contentType: string; content: { body?: unknown[] } }>;
  [key: string]: unknown;
}

/** Collects a stream of activities and waits, bounded, until one matches. */
export class ActivityLog {
  readonly activities: ReceivedActivity[] = [];
  private readonly waiters = new Set<() => void>();

  push(activity: ReceivedActivity): void {
    this.activities.push(activity);
    for (const wake of this.waiters) wake();
  }

  waitFor(predicate: (a: ReceivedActivity) => boolean, { timeoutMs = 15_000, after = 0 } = {}): Promise<ReceivedActivity> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.activities.slice(after).find(predicate);
        if (found === undefined) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no matching activity within ${timeoutMs} ms; got ${JSON.stringify(this.activities.map((a) => [a.type, a.from.role, a.text?.slice(0, 40)]))}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }
}
