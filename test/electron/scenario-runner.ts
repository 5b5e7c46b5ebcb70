/** Running a built main.mjs under plain Node with the stand-in electron module and its scenario. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REGISTER = fileURLToPath(new URL('./fake-electron/register.mjs', import.meta.url));

export function run(
  cmd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; output: string }> {
  const child = spawn(cmd, args, {
    cwd: join(fileURLToPath(new URL('../../', import.meta.url))),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let output = '';
  child.stdout.on('data', (d) => ((stdout += d), (output += d)));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, output })));
}

/**
 * The scenario's findings (see fake-electron/scenario.mjs), with the exit code. `dir` gets the
 * database (scenario.db) and the stand-in appData folder.
 */
export async function runScenario(main: string, dir: string): Promise<Record<string, any>> {
  const res = await run(process.execPath, ['--import', REGISTER, main, '--db', join(dir, 'scenario.db')], {
    GW_FAKE_SCENARIO: '1',
    GW_FAKE_APPDATA: join(dir, 'appData'),
    GRADIENT_WORKBENCH_USER_DATA: '',
  });
  const line = res.stdout.split('\n').find((l) => l.startsWith('GW_FAKE_RESULT '));
  if (!line) throw new Error(`the scenario reported nothing (exit ${res.code}):\n${res.output}`);
  return JSON.parse(line.slice('GW_FAKE_RESULT '.length));
}
