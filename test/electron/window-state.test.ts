/** Remembered window bounds: read back what was saved, never open off-screen, survive bad files. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS } from '../../electron/security.ts';
import { readWindowState, restoreState, writeWindowState } from '../../electron/window-state.ts';
import { tempDir } from '../helpers/cli.ts';

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
const twoScreens = [...screen, { x: 1920, y: 0, width: 2560, height: 1440 }];

describe('window state', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('writes and reads back bounds and the maximised flag (creating the folder)', () => {
    const file = join(tmp.dir, 'userData', 'window-state.json');
    writeWindowState(file, { bounds: { x: 100, y: 50, width: 1200, height: 800 }, maximized: true });
    expect(readWindowState(file)).toEqual({ bounds: { x: 100, y: 50, width: 1200, height: 800 }, maximized: true });
    expect(JSON.parse(readFileSync(file, 'utf8')).bounds.width).toBe(1200);
  });

  it('reads a missing, broken or odd file as nothing saved', () => {
    expect(readWindowState(join(tmp.dir, 'none.json'))).toBeNull();
    const bad = join(tmp.dir, 'bad.json');
    for (const text of [
      '{',
      'null',
      '{"bounds":{"width":-5,"height":10}}',
      '{"bounds":{"width":"800","height":600}}',
    ]) {
      writeFileSync(bad, text);
      expect(readWindowState(bad), text).toBeNull();
    }
    writeFileSync(bad, '{"bounds":{"width":800,"height":600,"x":1.5,"y":"top"}}');
    expect(readWindowState(bad)).toEqual({ bounds: { width: 800, height: 600 }, maximized: false });
  });

  it('restores saved bounds on a display that shows them', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1400, height: 900 }, maximized: false };
    expect(restoreState(saved, twoScreens)).toEqual(saved);
  });

  it('drops a position no display shows any more (a monitor unplugged), keeping a size that fits', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 2400, height: 1300 }, maximized: true };
    expect(restoreState(saved, screen)).toEqual({ bounds: { width: 1920, height: 1080 }, maximized: true });
    // a sliver on screen is not enough to grab the window
    expect(
      restoreState({ bounds: { x: 1900, y: 10, width: 800, height: 600 }, maximized: false }, screen).bounds,
    ).toEqual({ width: 800, height: 600 });
  });

  it('opens with the defaults when nothing was saved', () => {
    expect(restoreState(null, screen)).toEqual({ bounds: DEFAULT_BOUNDS, maximized: false });
  });
});
