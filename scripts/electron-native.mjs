// Electron needs better-sqlite3 built for its own ABI, while the CLI and the tests need the Node
// build in node_modules. So `npm start` builds a second copy of the addon for Electron into
// dist/electron-native/<electron version>/ (once), and the app loads it via GW_SQLITE_BINDING.
// Needs what any node-gyp build needs, plus Electron's headers (downloaded by node-gyp).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export function electronSqliteBinding(root) {
  const version = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  const outDir = join(root, 'dist', 'electron-native', version);
  const addon = join(outDir, 'better_sqlite3.node');
  if (existsSync(addon)) return addon;
  const source = join(root, 'node_modules', 'better-sqlite3');
  const work = join(outDir, 'build-tree');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${join(source, 'build')}`) });
  const nodeGyp = createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js', {
    paths: [root, join(process.execPath, '..', '..', 'lib', 'node_modules', 'npm')],
  });
  process.stdout.write(`building better-sqlite3 for Electron ${version} (once; kept in ${outDir})…\n`);
  const r = spawnSync(
    process.execPath,
    [
      nodeGyp,
      'rebuild',
      '--release',
      `--target=${version}`,
      `--arch=${process.arch}`,
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: work, stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error('could not build better-sqlite3 for Electron (see node-gyp output above)');
  cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), addon);
  rmSync(work, { recursive: true, force: true });
  return addon;
}
