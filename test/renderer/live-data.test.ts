import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createBatcher,
  durationText,
  epochRanges,
  etaText,
  mergeEpochs,
  progressText,
} from '../../renderer/src/charts/live-data.ts';
import { makeEpoch } from '../unit/store/fixtures/records.ts';

const rec = (epoch: number, tag = 0) => ({ ...makeEpoch(epoch), durationMs: tag });
const epochsOf = (rs: Array<{ epoch: number }>) => rs.map((r) => r.epoch);

describe('merging epoch records', () => {
  it('appends records that follow the last one', () => {
    const a = [rec(1), rec(2)];
    expect(epochsOf(mergeEpochs(a, [rec(3), rec(4)]))).toEqual([1, 2, 3, 4]);
    expect(mergeEpochs(a, [])).toBe(a);
  });

  it('keeps one record per epoch (the later copy) in epoch order', () => {
    const merged = mergeEpochs([rec(1), rec(2), rec(3)], [rec(2, 99), rec(5), rec(4), rec(5, 7)]);
    expect(epochsOf(merged)).toEqual([1, 2, 3, 4, 5]);
    expect(merged[1].durationMs).toBe(99);
    expect(merged[4].durationMs).toBe(7);
  });

  it('sorts incoming records that arrive out of order', () => {
    expect(epochsOf(mergeEpochs([], [rec(3), rec(1), rec(2)]))).toEqual([1, 2, 3]);
  });
});

describe('loading ranges', () => {
  it('asks for a small first range, larger ones after, the last open-ended', () => {
    expect(epochRanges(0)).toEqual([{ from: 1 }]);
    expect(epochRanges(20)).toEqual([{ from: 1 }]);
    expect(epochRanges(200)).toEqual([{ from: 1, to: 20 }, { from: 21, to: 80 }, { from: 81, to: 140 }, { from: 141 }]);
    expect(epochRanges(21)).toEqual([{ from: 1, to: 20 }, { from: 21 }]);
  });
});

describe('time texts', () => {
  it('formats durations and the ETA', () => {
    expect(durationText(400)).toBe('<1 s');
    expect(durationText(42_000)).toBe('42 s');
    expect(durationText(185_000)).toBe('3 min 05 s');
    expect(durationText(3_720_000)).toBe('1 h 02 min');
    expect(durationText(-1)).toBe('—');
    expect(etaText(null)).toBe('estimating time left…');
    expect(etaText(0)).toBe('finishing…');
    expect(etaText(65_000)).toBe('about 1 min 05 s left');
  });

  it('summarises a progress event', () => {
    const p = {
      runId: 'r',
      epoch: 3,
      epochs: 10,
      batch: 12,
      batches: 32,
      loss: 0.421337,
      fraction: 0.25,
      elapsedMs: 1,
      etaMs: 2,
    };
    expect(progressText(p)).toBe('epoch 3/10 · batch 12/32 · loss 0.4213');
    expect(progressText({ ...p, loss: Number.NaN })).toMatch(/loss NaN$/);
  });
});

describe('batching updates', () => {
  afterEach(() => vi.useRealTimers());

  it('runs once for a burst and at most once per interval', () => {
    vi.useFakeTimers();
    let clock = 0;
    const fn = vi.fn();
    const b = createBatcher(fn, 250, () => clock);
    for (let i = 0; i < 50; i++) b.schedule();
    vi.advanceTimersByTime(20); // first run: next frame / timer
    expect(fn).toHaveBeenCalledTimes(1);
    clock = 100;
    b.schedule();
    b.schedule();
    vi.advanceTimersByTime(100);
    expect(fn).toHaveBeenCalledTimes(1);
    clock = 250;
    vi.advanceTimersByTime(100);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('flushes pending work now and forgets it on cancel', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const b = createBatcher(fn, 250, () => 0);
    b.flush();
    expect(fn).not.toHaveBeenCalled();
    b.schedule();
    b.flush();
    expect(fn).toHaveBeenCalledTimes(1);
    b.schedule();
    b.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
