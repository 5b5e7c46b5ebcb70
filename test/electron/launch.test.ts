/**
 * The real thing: Electron launched with playwright-core's `_electron`, where the binary exists.
 * Elsewhere (an offline install skips the download) the suite is skipped with its reason shown.
 */
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../../electron/binary.ts';
import { buildDesktop } from '../../electron/build.ts';
import { ROOT } from '../../electron/paths.ts';
import { tempDir } from '../helpers/cli.ts';

const binary = electronBinary(ROOT);
const hasElectron = binary !== null;

describe.skipIf(!hasElectron)('the desktop app launched in Electron (skipped: Electron binary not installed)', () => {
  const tmp = tempDir();
  let app: ElectronApplication;

  beforeAll(async () => {
    const { main } = await buildDesktop();
    app = await electron.launch({
      executablePath: binary!,
      args: [main, '--db', join(tmp.dir, 'launch.db')],
      env: { ...process.env, GRADIENT_WORKBENCH_USER_DATA: join(tmp.dir, 'userData') },
    });
  });
  afterAll(async () => {
    await app?.close();
    tmp.cleanup();
  });

  it('opens the workbench with only window.api exposed, and answers over IPC', async () => {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    expect(page.url()).toMatch(/^app:\/\/workbench\/index\.html/);
    expect(await page.title()).toBe('Gradient Workbench');
    const shape = await page.evaluate(() => ({
      api: Object.keys((window as any).api ?? {}).sort(),
      require: typeof (window as any).require,
      process: typeof (window as any).process,
    }));
    expect(shape).toEqual({ api: ['invoke', 'subscribe'], require: 'undefined', process: 'undefined' });
    const info = await page.evaluate(() => (window as any).api.invoke('app.info', {}));
    expect(info).toMatchObject({ ok: true, value: { door: 'ipc', readOnly: false } });
    expect(await page.evaluate(() => (window as any).api.invoke('runs.nope', {}))).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
  });

  it('one window, on the app origin, and no tfjs in the main process', async () => {
    const main = await app.evaluate(({ BrowserWindow }) => ({
      windows: BrowserWindow.getAllWindows().length,
      url: BrowserWindow.getAllWindows()[0]?.webContents.getURL(),
      tf: (globalThis as any)._tfengine !== undefined,
    }));
    expect(main).toMatchObject({ windows: 1, url: expect.stringMatching(/^app:\/\/workbench\//), tf: false });
  });
});
