/**
 * Ctrl-C through npm: the terminal sends SIGINT to the whole process group (npm, sh, tsx, node) and
 * npm and tsx forward it again, so the CLI gets it more than once. It must still cancel cleanly,
 * print its closing line and exit 130.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.ts';

const tmp = tempDir();
afterAll(tmp.cleanup);

function epochsDone(db: string): number {
  try {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    const row = conn.prepare('SELECT MAX(epochs_done) AS e FROM runs').get() as { e: number | null };
    conn.close();
    return row.e ?? 0;
  } catch {
    return 0; // not created yet
  }
}

describe('Ctrl-C in every launch mode', () => {
  it('through `npm run cli` with SIGINT to the process group: closing line, 130, run cancelled', async () => {
    const spec = join(tmp.dir, 'long.json');
    const db = join(tmp.dir, 'npm.db');
    writeFileSync(
      spec,
      JSON.stringify({ name: 'long', epochs: 10_000, data: { kind: 'shapes', imageSize: 12, trainCount: 256 } }),
    );
    const child = spawn('npm', ['run', '--silent', 'cli', '--', 'run', spec, '--db', db], {
      cwd: ROOT,
      detached: true, // its own process group, as a terminal's foreground job
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stdout += d));
    // npm re-raises a SIGINT it received once its script has ended, so a shell shows $? = 130 either way
    const ended = new Promise<string>((resolve) => child.on('close', (code, signal) => resolve(`${code ?? signal}`)));
    for (let i = 0; i < 600 && epochsDone(db) < 2; i++) await new Promise((r) => setTimeout(r, 100));
    process.kill(-child.pid!, 'SIGINT');
    expect(['130', 'SIGINT'], stdout).toContain(await ended);
    expect(stdout).toMatch(/\ninterrupted: 1 run\(s\): 1 cancelled\n/);
    expect(stdout.match(/cancelling…/g)).toHaveLength(1);
    const conn = new Database(db, { readonly: true });
    expect(conn.prepare('SELECT status FROM runs').all()).toEqual([{ status: 'cancelled' }]);
    conn.close();
  }, 120_000);
});
