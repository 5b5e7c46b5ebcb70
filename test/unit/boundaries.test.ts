/**
 * The import boundaries of .dependency-cruiser.js, run as `npm run lint` runs them: the real tree
 * has no violation, and bad imports planted for the test (directly and two hops away) are caught.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function cruise(paths: string[]): Violation[] {
  const r = spawnSync(process.execPath, [BIN, '--config', '.dependency-cruiser.js', '-T', 'json', ...paths], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (!r.stdout) throw new Error(`depcruise gave no output (exit ${r.status}): ${r.stderr}`);
  return (JSON.parse(r.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

const found = (vs: Violation[]) => vs.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);

describe('import boundaries', () => {
  it('the real tree has none broken', () => {
    expect(found(cruise(['src', 'renderer/src', 'electron']))).toEqual([]);
  });

  describe('planted bad imports', () => {
    const tag = `boundary-probe-${process.pid}`;
    const files: Record<string, string> = {
      // the renderer importing the trainer: would bundle tfjs
      [`renderer/src/${tag}-trainer.ts`]: `export * from '@core/train/trainer.ts';\n`,
      // a browser-looking domain module that leads to node:fs, and a renderer file two hops from it
      [`src/domain/${tag}.ts`]: `export { readFileSync } from 'node:fs';\n`,
      [`renderer/src/${tag}-hop.ts`]: `export * from './${tag}-mid.ts';\n`,
      [`renderer/src/${tag}-mid.ts`]: `export * from '@core/domain/${tag}.ts';\n`,
      // the store reaching the trainer's folder, the trainer reaching the contract
      [`src/store/${tag}.ts`]: `export * from '../train/losses.ts';\n`,
      [`src/train/${tag}.ts`]: `export type { Method } from '../api/contract.ts';\n`,
      // echarts is the study report's alone (its SVG charts); the report itself must stay browser-safe
      [`src/studies/${tag}.ts`]: `export { init } from 'echarts/core';\n`,
      [`src/studies/report/${tag}.ts`]: `export { readFileSync } from 'node:fs';\n`,
    };
    let violations: Violation[] = [];
    beforeAll(() => {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(ROOT, path)), { recursive: true });
        writeFileSync(join(ROOT, path), text);
      }
      try {
        violations = cruise(Object.keys(files));
      } finally {
        for (const path of Object.keys(files)) rmSync(join(ROOT, path), { force: true });
      }
    });
    afterAll(() => {
      for (const path of Object.keys(files)) rmSync(join(ROOT, path), { force: true });
    });

    const hit = (rule: string, from: string, to: RegExp) =>
      violations.some((v) => v.rule.name === rule && v.from === from && to.test(v.to));

    it('a renderer import of @core/train is refused, and so is the tfjs it would bundle', () => {
      const from = `renderer/src/${tag}-trainer.ts`;
      expect(hit('renderer-core-entry-points', from, /^src\/train\/trainer\.ts$/)).toBe(true);
      expect(hit('renderer-reaches-node', from, /node_modules\/@tensorflow\//)).toBe(true);
    });

    it('node:* reached through two allowed-looking hops is still refused', () => {
      expect(hit('domain-browser-safe', `src/domain/${tag}.ts`, /^fs$/)).toBe(true);
      expect(hit('renderer-reaches-node', `renderer/src/${tag}-hop.ts`, /^fs$/)).toBe(true);
    });

    it('store → train and train → api are refused', () => {
      expect(hit('store-export-not-train', `src/store/${tag}.ts`, /^src\/train\/losses\.ts$/)).toBe(true);
      expect(hit('train-not-api', `src/train/${tag}.ts`, /^src\/api\/contract\.ts$/)).toBe(true);
    });

    it('echarts outside the study report, and node:* inside it, are refused', () => {
      expect(hit('src-no-electron-or-ui', `src/studies/${tag}.ts`, /node_modules\/echarts\//)).toBe(true);
      expect(hit('study-report-echarts-only', `src/studies/report/${tag}.ts`, /^fs$/)).toBe(true);
    });
  });
});
