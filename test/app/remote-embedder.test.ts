import { describe, expect, it } from 'vitest';
import { answerEmbedRequest, createRemoteEmbedder, describeEmbedder, type EmbedRequest } from '../../src/app/remote-embedder';
import { AppError } from '../../src/config/errors';
import type { Embedder } from '../../src/embed/embedder';

/** A deterministic embedder: the vector of a text is [its length, its first code unit]. */
const fake = (fail?: AppError): Embedder => ({
  modelId: 'test/fake',
  variant: 'q8',
  dimensions: 2,
  maxBatchSize: 8,
  prepare: (text, kind) => `${kind}: ${text}`,
  embed: async (texts) => {
    if (fail !== undefined) throw fail;
    return texts.map((t) => Float32Array.from([t.length, t.charCodeAt(0)]));
  },
});

/** A worker-side embedder wired to `main` through a queue, as the pool's message ports do. */
function wire(main: Embedder | undefined) {
  const sent: EmbedRequest[] = [];
  const remote = createRemoteEmbedder({ info: describeEmbedder(main ?? fake()), send: (request) => sent.push(request) });
  const deliver = async () => {
    for (const request of sent.splice(0)) remote.settle(await answerEmbedRequest(main, request));
  };
  return { remote: remote.embedder, deliver, sent };
}

describe('remote embedder (a worker borrowing the main thread\'s model)', () => {
  it('has the model\'s id, dimensions and prefixes, and returns the main thread\'s vectors in order', async () => {
    const main = fake();
    const { remote, deliver } = wire(main);
    expect([remote.modelId, remote.variant, remote.dimensions, remote.maxBatchSize]).toEqual(['test/fake', 'q8', 2, 8]);
    expect(remote.prepare('Điều 5', 'query')).toBe(main.prepare('Điều 5', 'query'));
    expect(remote.prepare('Điều 5', 'passage')).toBe(main.prepare('Điều 5', 'passage'));
    const pending = Promise.all([remote.embed(['ab', 'xyz'], { kind: 'query' }), remote.embed(['q'], { kind: 'query' })]);
    await deliver();
    expect(await pending).toEqual([[Float32Array.from([2, 97]), Float32Array.from([3, 120])], [Float32Array.from([1, 113])]]);
  });

  it('rejects with the main thread\'s error code, and without a model there', async () => {
    const failing = wire(fake(new AppError('EMBEDDING_FAILED', 'session broke')));
    const first = failing.remote.embed(['a'], { kind: 'query' });
    await failing.deliver();
    await expect(first).rejects.toMatchObject({ code: 'EMBEDDING_FAILED', message: 'session broke' });
    const none = wire(undefined);
    const second = none.remote.embed(['a'], { kind: 'query' });
    await none.deliver();
    await expect(second).rejects.toMatchObject({ code: 'MODEL_MISSING' });
  });

  it('honours an abort before sending and one that came while waiting', async () => {
    const { remote, deliver, sent } = wire(fake());
    const early = new AbortController();
    early.abort();
    await expect(remote.embed(['a'], { kind: 'query', abortSignal: early.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    expect(sent).toHaveLength(0);
    const late = new AbortController();
    const waiting = remote.embed(['a'], { kind: 'query', abortSignal: late.signal });
    late.abort();
    await deliver();
    await expect(waiting).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
