import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  formatCreated,
  formatDuration,
  formatLog10,
  formatMetrics,
  formatNumber,
} from '../../renderer/src/history/format.ts';
import { debounce, listInput, nextOrder, parseTags } from '../../renderer/src/history/query.ts';

describe('listInput', () => {
  it('keeps sort, dir, offset, limit and only the filters that are set (trimmed)', () => {
    expect(
      listInput({ status: '', tag: ' ', text: '', experimentId: '' }, { sort: 'name', dir: 'asc' }, 200, 100),
    ).toEqual({ sort: 'name', dir: 'asc', offset: 200, limit: 100 });
    expect(
      listInput(
        { status: 'diverged', tag: ' aux ', text: ' sig ', experimentId: 'e1' },
        { sort: 'created', dir: 'desc' },
        0,
        50,
      ),
    ).toEqual({
      sort: 'created',
      dir: 'desc',
      offset: 0,
      limit: 50,
      status: 'diverged',
      tag: 'aux',
      text: 'sig',
      experimentId: 'e1',
    });
  });
});

describe('nextOrder', () => {
  it('flips the direction of the sorted column; a new column starts descending, name ascending', () => {
    expect(nextOrder({ sort: 'created', dir: 'desc' }, 'created')).toEqual({ sort: 'created', dir: 'asc' });
    expect(nextOrder({ sort: 'created', dir: 'asc' }, 'duration')).toEqual({ sort: 'duration', dir: 'desc' });
    expect(nextOrder({ sort: 'created', dir: 'desc' }, 'name')).toEqual({ sort: 'name', dir: 'asc' });
  });
});

it('parseTags splits on commas, trims, drops empties and repeats', () => {
  expect(parseTags(' a, b ,,a, c ')).toEqual(['a', 'b', 'c']);
  expect(parseTags('')).toEqual([]);
});

describe('debounce', () => {
  afterEach(() => vi.useRealTimers());
  it('calls once with the last arguments after the quiet time; flush and cancel', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 250);
    d('a');
    d('ab');
    vi.advanceTimersByTime(249);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledExactlyOnceWith('ab');
    d('x');
    d.flush();
    expect(fn).toHaveBeenLastCalledWith('x');
    d('y');
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(2);
  });
});

describe('format', () => {
  it('durations', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_340)).toBe('12.3 s');
    expect(formatDuration(245_000)).toBe('4 m 05 s');
    expect(formatDuration(7_620_000)).toBe('2 h 07 m');
  });

  it('the vanishing ratio as log10 with a true minus sign', () => {
    expect(formatLog10(0.001)).toBe('−3.00');
    expect(formatLog10(20)).toBe('1.30');
    expect(formatLog10(0)).toBe('—');
    expect(formatLog10(null)).toBe('—');
    expect(formatLog10(Number.NaN)).toBe('—');
  });

  it('numbers and created times', () => {
    expect(formatNumber(0.123456)).toBe('0.1235');
    expect(formatNumber(1.5e-6)).toBe('1.50e-6');
    expect(formatNumber(undefined)).toBe('—');
    expect(formatCreated('not a date')).toBe('—');
    expect(formatCreated(new Date(2025, 2, 4, 5, 6).toISOString())).toBe('2025-03-04 05:06');
  });

  it('final metrics: every metric, losses last; brief drops a loss when the task has another metric', () => {
    const m = { cls: { loss: 0.5, accuracy: 0.9 }, recon: { loss: 0.01 } };
    expect(formatMetrics(m)).toBe('cls acc 0.9 loss 0.5 · recon loss 0.01');
    expect(formatMetrics(m, true)).toBe('cls acc 0.9 · recon loss 0.01');
    expect(formatMetrics({})).toBe('—');
  });
});
