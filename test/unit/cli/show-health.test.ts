/**
 * `show` (text and --json) and `export --format json` carry the gradient-health summary of every
 * epoch. The harness trains with fake jobs (fixture epochs: odd ones probed, even ones carry the
 * previous epoch's dz); the real trainer's carrying is tested in test/unit/train/health-physics.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../store/temp-dirs.ts';
import { runInProcess } from './cli-harness.ts';

const tempDir = useTempDirs();

describe('health in show and export', () => {
  it('every epoch has its health; the unprobed one says which epoch its dz comes from', async () => {
    const dir = tempDir();
    const spec = join(dir, 'spec.json');
    const db = join(dir, 'h.db');
    writeFileSync(
      spec,
      JSON.stringify({
        epochs: 3,
        data: { kind: 'shapes', imageSize: 12, trainCount: 64, valCount: 16 },
        model: { trunk: 'mlp', depth: 3, width: 16, activation: 'tanh' },
        tasks: [{ kind: 'cls' }],
        stats: { probeEvery: 5, probeBatchSize: 16 },
      }),
    );
    const run = await runInProcess(['run', spec, '--db', db, '--json']);
    expect(run.code).toBe(0);
    const id = JSON.parse(run.stdout.trim().split('\n').at(-1)!).payload.runId as string;

    const shown = JSON.parse((await runInProcess(['show', id, '--db', db, '--json'])).stdout);
    const exported = JSON.parse((await runInProcess(['export', id, '--db', db, '--format', 'json'])).stdout);
    for (const epochs of [shown.epochs, exported.runs[0].epochs]) {
      expect(epochs.map((e: { health: { healthFrom: number } }) => e.health.healthFrom)).toEqual([1, 1, 3]);
      expect(epochs.map((e: { health: { deadLayers: string[] } }) => e.health.deadLayers)).toEqual([
        ['trunk.2', 'trunk.3'],
        ['trunk.2', 'trunk.3'],
        ['trunk.2', 'trunk.3'],
      ]);
      for (const e of epochs) expect(e.health).toMatchObject({ trunkLayers: 3, decades: 3, alive: 1 });
    }

    const text = (await runInProcess(['show', id, '--db', db])).stdout;
    const lines = text.split('\n').filter((l) => l.startsWith('  health: '));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^ {2}health: alive 1\/3 · weakest trunk\.3 −\d+\.\d · dead trunk\.2, trunk\.3 · log10 dz first\/last /,
    );
    expect(lines[1]).toMatch(/· dz of epoch 1$/);
  });
});
