/** Progress messages of remote runs: throttled on the worker, checked field by field on the app. */
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProgressEvent } from '../../../src/domain/records.ts';
import { encode } from '../../../src/remote/messages.ts';
import { parseProgress, progressPublisher } from '../../../src/remote/progress.ts';

const event = (batch: number, loss = 0.5): ProgressEvent => ({
  runId: '5f0c6b1e-7a3d-4c1b-9e2f-0a1b2c3d4e5f',
  epoch: 1,
  epochs: 2,
  batch,
  batches: 10,
  loss,
  fraction: batch / 20,
  elapsedMs: batch * 100,
  etaMs: null,
});

afterEach(() => vi.useRealTimers());

describe('progressPublisher', () => {
  it('publishes at most one message per interval, the first at once', () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    const redis = { publish: (_c: string, text: string) => (sent.push(text), Promise.resolve(1)) } as unknown as Redis;
    const publish = progressPublisher(redis, 'chan', 500);
    publish(event(1));
    vi.advanceTimersByTime(200);
    publish(event(2));
    vi.advanceTimersByTime(300);
    publish(event(3));
    expect(sent.map((t) => parseProgress(t).batch)).toEqual([1, 3]);
  });
});

describe('parseProgress', () => {
  it('keeps a diverged loss (NaN, Infinity) through the JSON', () => {
    expect(parseProgress(encode(event(1, NaN))).loss).toBeNaN();
    expect(parseProgress(encode(event(1, Infinity))).loss).toBe(Infinity);
  });

  it('refuses a message naming the field and the rule', () => {
    expect(() => parseProgress(encode({ ...event(1), batch: -1 }))).toThrow(/progress message: batch: .*>=0/);
    expect(() => parseProgress(encode({ ...event(1), runId: 'x' }))).toThrow(/progress message: runId/);
    expect(() => parseProgress('{}')).toThrow(/progress message: runId/);
  });
});
