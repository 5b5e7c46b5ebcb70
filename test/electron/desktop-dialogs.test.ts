/**
 * window.desktop: the preload side (createDesktopBridge) and the main side (bindDesktopDialogs),
 * wired through the fake ipcMain/ipcRenderer as over real IPC. The page is not trusted.
 */
import { describe, expect, it, vi } from 'vitest';
import { OPEN_DATABASE_CHANNEL, PICK_DATA_FILE_CHANNEL } from '../../electron/channels.ts';
import { createDesktopBridge } from '../../electron/desktop-bridge.ts';
import { bindDesktopDialogs } from '../../electron/desktop-dialogs.ts';
import { FakeIpcMain, FakeIpcRenderer, FakeWebContents } from './fakes.ts';

function wire(o: { url?: string } = {}) {
  const ipcMain = new FakeIpcMain();
  const actions = {
    pickDataFile: vi.fn(async (kind: string) => (kind === 'images' ? '/data/train-images-idx3-ubyte' : null)),
    openDatabase: vi.fn(async () => true),
  };
  const unbind = bindDesktopDialogs(ipcMain, actions);
  const event = () => ({ senderFrame: { url: o.url ?? 'app://workbench/index.html#/design' } });
  const renderer = new FakeIpcRenderer(ipcMain, new FakeWebContents(), event);
  return { ipcMain, actions, unbind, renderer, desktop: createDesktopBridge(renderer) };
}

describe('window.desktop through IPC', () => {
  it('pickDataFile opens the picker for that kind and answers its path, or null when cancelled', async () => {
    const { desktop, actions, renderer } = wire();
    expect(await desktop.pickDataFile('images')).toBe('/data/train-images-idx3-ubyte');
    expect(await desktop.pickDataFile('labels')).toBeNull();
    expect(actions.pickDataFile.mock.calls).toEqual([['images'], ['labels']]);
    expect(renderer.invoked).toEqual([
      { channel: PICK_DATA_FILE_CHANNEL, args: ['images'] },
      { channel: PICK_DATA_FILE_CHANNEL, args: ['labels'] },
    ]);
  });

  it('openDatabase runs File ▸ Open database… and says whether another was opened', async () => {
    const { desktop, actions, renderer } = wire();
    expect(await desktop.openDatabase()).toBe(true);
    expect(actions.openDatabase).toHaveBeenCalledOnce();
    expect(renderer.invoked).toEqual([{ channel: OPEN_DATABASE_CHANNEL, args: [] }]);
  });

  it('the preload refuses a bad kind without sending anything', async () => {
    const { desktop, renderer } = wire();
    await expect(desktop.pickDataFile('passwd' as never)).rejects.toThrow(/kind: must be images or labels/);
    expect(renderer.invoked).toEqual([]);
  });

  it('main checks the kind again: the page may bypass the preload', async () => {
    const { ipcMain, actions } = wire();
    const trusted = { senderFrame: { url: 'app://workbench/index.html' } };
    expect(await ipcMain.call(PICK_DATA_FILE_CHANNEL, trusted, '../../etc')).toEqual({
      ok: false,
      message: 'kind: must be images or labels (got ../../etc)',
    });
    expect(actions.pickDataFile).not.toHaveBeenCalled();
  });

  it('a page of another origin opens no dialog', async () => {
    const { desktop, actions } = wire({ url: 'https://example.com/' });
    await expect(desktop.pickDataFile('images')).rejects.toThrow('this page may not open dialogs');
    await expect(desktop.openDatabase()).rejects.toThrow('this page may not open dialogs');
    expect(actions.pickDataFile).not.toHaveBeenCalled();
    expect(actions.openDatabase).not.toHaveBeenCalled();
  });

  it('a failing dialog rejects with its message; unbind removes both channels', async () => {
    const { desktop, actions, ipcMain, unbind } = wire();
    actions.openDatabase.mockRejectedValueOnce(new Error('no window'));
    await expect(desktop.openDatabase()).rejects.toThrow('no window');
    unbind();
    expect([...ipcMain.handlers.keys()]).toEqual([]);
  });
});
