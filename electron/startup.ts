/** Pure helpers for starting the app: which database, and what to say when it will not open. */

/** `--db <path>` or `--db=<path>` among the app's arguments, else null. */
export function dbFromArgv(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--db=')) return a.slice(5) || null;
    if (a === '--db' && argv[i + 1] && !argv[i + 1].startsWith('--')) return argv[i + 1];
  }
  return null;
}

/** One paragraph for an error dialog: the error, and a fix when we know one. */
export function explainOpenError(err: unknown, dbPath: string): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/NODE_MODULE_VERSION|compiled against a different Node\.js version|was compiled against/i.test(message)) {
    return (
      `${message}\n\nbetter-sqlite3 is built for Node.js, not for Electron. ` +
      'Start the app with `npm start`, which builds a copy for Electron in dist/electron-native/ ' +
      '(or run `npx electron-builder install-app-deps`, and `npm rebuild better-sqlite3` to go back to plain Node).'
    );
  }
  return `Could not open the database ${dbPath}:\n${message}`;
}

/** What the user is told after opening a database, or null when there is nothing to say. */
export function openNotesText(n: {
  readOnlyReason: string | null;
  backupPath: string | null;
  interrupted: number;
}): string | null {
  const lines = [
    n.readOnlyReason ? `Opened read-only: ${n.readOnlyReason}` : null,
    n.backupPath ? `The database was migrated; the previous file was copied to ${n.backupPath}.` : null,
    n.interrupted ? `${n.interrupted} run(s) left running by a process that died are now marked interrupted.` : null,
  ].filter((l): l is string => l !== null);
  return lines.length ? lines.join('\n') : null;
}
