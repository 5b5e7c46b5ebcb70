/**
 * A run reopens and its evidence survives, in Debian's Chromium against serve mode: a finished
 * two-task run made outside Design (no task marked primary, as the CLI stores it) → Live → Open in
 * Design → one field changed → Run: the new run's spec differs in exactly that field (the service's
 * config diff); and a run that diverges shows its partial epoch in Live instead of "no epoch".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specDiff } from '../../src/api/spec-diff.ts';
import type { RunDetail } from '../../src/domain/runs.ts';
import { type E2E, hasChromium, hasRenderer, startE2E } from './harness.ts';

const why = !hasChromium
  ? ' (skipped: /usr/bin/chromium not installed — apt-get install chromium)'
  : !hasRenderer
    ? ' (skipped: renderer not built — npm run build:renderer)'
    : '';

let e2e: E2E;

const tiny = {
  name: 'e2e reopen',
  epochs: 1,
  batchSize: 32,
  data: { kind: 'shapes', imageSize: 12, trainCount: 64, valCount: 32 },
  model: { trunk: 'mlp', depth: 2, width: 8, activation: 'tanh' },
  tasks: [{ kind: 'cls' }, { kind: 'seg' }],
  weighting: { lambda: 0.5 },
  optimizer: { kind: 'adam', learningRate: 0.001 },
};

async function value<T>(p: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

/** Start `spec` through the service (as the CLI does) and wait until it is over. */
async function runToEnd(spec: object): Promise<RunDetail> {
  const { runIds } = await value<{ runIds: string[] }>(e2e.service.handle('runs.start', { spec }));
  const get = () => value<RunDetail>(e2e.service.handle('runs.get', { id: runIds[0] }));
  await expect
    .poll(async () => (await get()).status, { timeout: 120_000, interval: 300 })
    .toMatch(/completed|diverged|failed/);
  return get();
}

describe.skipIf(!!why)(`reopening runs in Chromium${why}`, () => {
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => e2e?.close());

  it('Open in Design, change the learning rate, Run: the new spec differs in exactly that field', async () => {
    const old = await runToEnd(tiny);
    expect(old.status).toBe('completed');
    expect(old.spec.tasks.some((t) => t.primary)).toBe(false);
    const { page } = e2e;
    await page.goto(`${e2e.url}#/live/${old.id}`);
    await expect.poll(() => page.locator('[data-testid="run-status"]').textContent()).toBe('completed');
    await page.locator('[data-action="open-design"]').click();
    await expect.poll(() => page.url()).toMatch(/#\/design$/);
    const lr = page.locator('[data-field="optimizer.learningRate"] input').first();
    await expect.poll(() => lr.inputValue()).toBe('0.001');
    await lr.fill('0.002');
    await page.locator('[data-action="run"]').click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/#\/live\/[0-9a-f-]{36}$/);
    const newId = page.url().split('/').pop()!;
    expect(newId).not.toBe(old.id);
    const fresh = await value<RunDetail>(e2e.service.handle('runs.get', { id: newId }));
    const cmp = await value<{ diff: unknown }>(e2e.service.handle('runs.compare', { ids: [old.id, newId] }));
    expect(cmp.diff).toEqual([{ path: 'optimizer.learningRate', values: [0.001, 0.002] }]);
    // name, notes and tags too: nothing but the one field changed
    expect(specDiff([old.spec, fresh.spec], [])).toEqual([{ path: 'optimizer.learningRate', values: [0.001, 0.002] }]);
    await e2e.shot('reopen-rerun-live-light');
  });

  it('a run that diverges in its first epoch shows that partial epoch in Live', async () => {
    const spec = {
      ...tiny,
      name: 'e2e diverged',
      epochs: 5,
      batchSize: 16,
      model: { trunk: 'mlp', depth: 6, width: 32, activation: 'linear', init: 'he_uniform' },
      tasks: [{ kind: 'cls' }],
      weighting: {},
      optimizer: { kind: 'sgd', learningRate: 10 },
    };
    const run = await runToEnd(spec);
    expect(run.status).toBe('diverged');
    const { page } = e2e;
    await page.goto(`${e2e.url}#/live/${run.id}`);
    const partial = page.locator('[data-testid="run-partial"]');
    await expect.poll(() => partial.textContent()).toMatch(/partial: diverged at batch \d+ of epoch \d+/);
    expect(await page.locator('[data-testid="no-epochs"]').count()).toBe(0);
    await expect.poll(() => page.locator('canvas').count()).toBeGreaterThanOrEqual(2);
    await page.waitForTimeout(500);
    await e2e.shot('live-diverged-partial-light');
  });
});
