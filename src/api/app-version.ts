/**
 * The app's version, from package.json. Here, two folders below the root, because the desktop
 * bundle resolves `import.meta.url` only at that depth (build rule import-meta-at-bundle-depth).
 */
import { readFileSync } from 'node:fs';

export const APP_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
