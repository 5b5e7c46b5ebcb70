/** The application menu: its items, their shortcuts, and what a click does. */
import type { MenuItemConstructorOptions } from 'electron';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate, navigateScript, ROUTES } from '../../electron/menu.ts';
import { ROOT } from '../../electron/paths.ts';

function find(items: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions | undefined {
  for (const item of items) {
    if (item.id === id) return item;
    const sub = Array.isArray(item.submenu) ? find(item.submenu, id) : undefined;
    if (sub) return sub;
  }
  return undefined;
}

const click = (item: MenuItemConstructorOptions | undefined) => (item!.click as () => void)();

describe('the application menu', () => {
  const actions = () => ({ navigate: vi.fn(), openDatabase: vi.fn(), quit: vi.fn() });

  it('File: New experiment → Design, Open database…, Export… → History, Quit', () => {
    const a = actions();
    const t = menuTemplate(a, 'linux');
    expect(t.map((m) => m.label ?? m.role)).toEqual(['&File', 'editMenu', '&View', '&Help']);
    click(find(t, 'new-experiment'));
    click(find(t, 'export'));
    click(find(t, 'diagnostics'));
    expect(a.navigate.mock.calls.map((c) => c[0])).toEqual(['#/design', '#/history', '#/settings']);
    click(find(t, 'open-database'));
    expect(a.openDatabase).toHaveBeenCalledOnce();
    click(find(t, 'quit'));
    expect(a.quit).toHaveBeenCalledOnce();
    expect(find(t, 'new-experiment')?.accelerator).toBe('CmdOrCtrl+N');
    expect(find(t, 'open-database')?.label).toBe('Open database…');
  });

  it('macOS gets the app menu first, with Quit there', () => {
    const a = actions();
    const t = menuTemplate(a, 'darwin');
    expect(t[0].label).toBe('Gradient Workbench');
    click(find([t[0]], 'quit'));
    expect(a.quit).toHaveBeenCalledOnce();
  });

  it("routes name the renderer's views", () => {
    // read as text: importing the router would pull Vue into a Node test
    const router = readFileSync(join(ROOT, 'renderer/src/router.ts'), 'utf8');
    const paths = [...router.matchAll(/path: '([^']+)', name:/g)].map((m) => `#${m[1]}`);
    for (const hash of Object.values(ROUTES)) expect(paths).toContain(hash);
  });

  it('navigateScript sets the hash for menu routes only', () => {
    expect(navigateScript('#/design')).toBe('location.hash = "#/design"');
    expect(() => navigateScript('#/x"; alert(1); "')).toThrow(/not a menu route/);
  });
});
