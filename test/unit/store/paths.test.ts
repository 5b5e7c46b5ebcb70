import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultDatabasePath } from '../../../src/store/paths.ts';

describe('defaultDatabasePath', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('prefers $GRADIENT_WORKBENCH_DB on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const)
      expect(
        defaultDatabasePath({ env: { GRADIENT_WORKBENCH_DB: '/data/x.db', APPDATA: 'C:\\A' }, platform, home: '/h' }),
      ).toBe('/data/x.db');
  });

  it('uses $XDG_DATA_HOME on Linux, else ~/.local/share; a relative XDG_DATA_HOME is ignored', () => {
    expect(defaultDatabasePath({ env: { XDG_DATA_HOME: '/xdg' }, platform: 'linux', home: '/home/u' })).toBe(
      '/xdg/gradient-workbench/workbench.db',
    );
    expect(defaultDatabasePath({ env: {}, platform: 'linux', home: '/home/u' })).toBe(
      '/home/u/.local/share/gradient-workbench/workbench.db',
    );
    expect(defaultDatabasePath({ env: { XDG_DATA_HOME: 'rel' }, platform: 'freebsd', home: '/home/u' })).toBe(
      '/home/u/.local/share/gradient-workbench/workbench.db',
    );
  });

  it('uses Application Support on macOS', () => {
    expect(defaultDatabasePath({ env: { XDG_DATA_HOME: '/xdg' }, platform: 'darwin', home: '/Users/u' })).toBe(
      '/Users/u/Library/Application Support/Gradient Workbench/workbench.db',
    );
  });

  it('uses %APPDATA% on Windows, else the roaming folder under the home', () => {
    expect(
      defaultDatabasePath({
        env: { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' },
        platform: 'win32',
        home: 'C:\\Users\\u',
      }),
    ).toBe('C:\\Users\\u\\AppData\\Roaming\\Gradient Workbench\\workbench.db');
    expect(defaultDatabasePath({ env: {}, platform: 'win32', home: 'C:\\Users\\u' })).toBe(
      'C:\\Users\\u\\AppData\\Roaming\\Gradient Workbench\\workbench.db',
    );
  });

  it('reads process.env by default', () => {
    vi.stubEnv('GRADIENT_WORKBENCH_DB', '/from/env.db');
    expect(defaultDatabasePath()).toBe('/from/env.db');
  });
});

describe('the sqlite addon for another runtime', async () => {
  const { sqliteOptions } = await import('../../../src/store/database.ts');
  it('GW_SQLITE_BINDING names the addon better-sqlite3 loads; unset, the default', () => {
    expect(sqliteOptions({ GW_SQLITE_BINDING: '/x/better_sqlite3.node' })).toEqual({
      nativeBinding: '/x/better_sqlite3.node',
    });
    expect(sqliteOptions({})).toEqual({});
  });
});
