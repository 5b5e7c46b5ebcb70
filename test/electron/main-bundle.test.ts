/**
 * The built main process (dist/desktop/main.mjs): what esbuild put in it, and the bundle itself
 * run under plain Node with a stand-in `electron` module (fake-electron/), so the real wiring —
 * protocol, IPC door, worker paths, quit — is exercised where Electron's binary is missing.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { buildDesktop, type DesktopBuild } from '../../electron/build.ts';
import { desktopContentSecurityPolicy } from '../../electron/security.ts';
import { ROOT } from '../../electron/paths.ts';
import { tempDir } from '../helpers/cli.ts';
import { runScenario } from './scenario-runner.ts';

describe('the main bundle', () => {
  const tmp = tempDir();
  let out: DesktopBuild;
  // inside the repository, so the bundle's bare imports find node_modules as the real one's do
  const outDir = join(ROOT, 'dist', `desktop-test-${process.pid}`);
  beforeAll(async () => {
    out = await buildDesktop({ outDir });
  });
  afterAll(() => (tmp.cleanup(), rmSync(outDir, { recursive: true, force: true })));

  it('imports no tfjs: training and backend diagnosis happen in workers', () => {
    const imports = Object.values(out.metafiles.main.inputs).flatMap((i) => i.imports.map((x) => x.path));
    const inputs = Object.keys(out.metafiles.main.inputs);
    expect(imports.filter((p) => p.startsWith('@tensorflow/'))).toEqual([]);
    expect(inputs).not.toContain('src/train/backend/select.ts');
    expect(inputs).toContain('src/train/backend/diagnose-in-worker.ts');
    // the model PLAN is plain data (the budget estimate and the diagram use it); the network is tfjs.
    // The BLAS tier's thread count is per process, so the Scheduler sets it from main: its loader,
    // thread policy and next steps come along, and import no tfjs (checked above)
    const blasInMain = ['blas.ts', 'blas-threads.ts', 'blas-next-steps.ts', 'diagnose-in-worker.ts'];
    expect(
      inputs.filter(
        (p) =>
          (p.startsWith('src/model/') && p !== 'src/model/plan.ts') ||
          (p.startsWith('src/train/backend/') && !blasInMain.some((f) => p.endsWith(`/${f}`))),
      ),
    ).toEqual([]);
  });

  it('starts its workers from the compiled bundles beside it, never through tsx', () => {
    const inputs = Object.keys(out.metafiles.main.inputs);
    expect(inputs).toContain('src/runtime/paths.ts');
    expect(inputs.filter((p) => /tsx/.test(p))).toEqual([]);
    // `define` replaced the marker, so paths.ts takes its bundled branch
    expect(readFileSync(out.main, 'utf8')).not.toMatch(/__GW_BUNDLE__/);
    expect(Object.values(out.workers).map((f) => existsSync(f))).toEqual([true, true]);
  });

  it('keeps npm packages external (node_modules ships with the app) and electron unbundled', () => {
    const external = new Set(
      Object.values(out.metafiles.main.inputs).flatMap((i) => i.imports.filter((x) => x.external).map((x) => x.path)),
    );
    expect([...external]).toEqual(expect.arrayContaining(['electron', 'better-sqlite3', 'zod']));
    expect(Object.keys(out.metafiles.main.inputs).some((p) => p.includes('node_modules'))).toBe(false);
  });

  it('runs under Node with a stand-in electron: page, protocol, IPC, a run, diagnosis, menu, quit', async () => {
    const r = await runScenario(out.main, tmp.dir);
    const db = join(tmp.dir, 'scenario.db');
    const appData = join(tmp.dir, 'appData');
    expect(r.errors).toEqual([]);
    expect(r.exitCode).toBe(0);

    expect(r.pageUrl).toBe('app://workbench/index.html');
    expect(r.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: join(ROOT, 'dist/desktop/preload.cjs'),
    });
    expect(r.userData).toBe(join(appData, 'Gradient Workbench'));
    expect(r.schemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    if (existsSync(join(ROOT, 'renderer/dist/index.html')))
      expect(r.index).toEqual({ status: 200, csp: desktopContentSecurityPolicy(), hasApp: true });
    else expect(r.index.status).toBe(404);
    expect(r.escape).toBe(404);

    expect(r.appInfo).toMatchObject({ ok: true, value: { dbPath: db, door: 'ipc', readOnly: false } });
    expect(r.untrusted).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(r.pickData).toEqual({ ok: true, value: null });
    expect(r.pickUntrusted).toEqual({ ok: false, message: 'this page may not open dialogs' });
    expect(r.openDatabase).toEqual({ ok: true, value: false });
    expect(r.presets).toBeGreaterThan(0);
    expect(r.run).toMatchObject({ finished: { status: 'completed', epochs: 2 }, epochs: 2 });
    expect(r.diagnosis).toEqual(expect.arrayContaining([{ name: 'cpu', available: true }]));
    expect(r.tfjsInMainThread).toBe(false);
    expect(r.executed).toEqual(['location.hash = "#/design"']);
    expect(r.permissionGranted).toEqual([false]);
    expect(r.openHandler).toEqual({ action: 'deny' });

    // Quit with a run going: cancelled cleanly (epochs kept), the database closed, the window saved
    const store = openStore(db);
    const run = store.getRun(r.longRunId)!;
    expect(store.interruptedOnOpen).toBe(0);
    store.close();
    expect(run.status).toBe('cancelled');
    expect(run.epochsDone).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(readFileSync(join(appData, 'Gradient Workbench', 'window-state.json'), 'utf8'))).toMatchObject({
      bounds: { width: 1280, height: 820 },
    });
  });
});
