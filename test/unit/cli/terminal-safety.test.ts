/** User text reaches the terminal with its control characters escaped: no OSC 52, no screen clear, no title. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terminalText } from '../../../src/cli/terminal-text.ts';
import { openStore } from '../../../src/store/index.ts';
import { makeSpec } from '../store/fixtures/records.ts';
import { useTempDirs } from '../store/temp-dirs.ts';
import { runInProcess } from './cli-harness.ts';

const tempDir = useTempDirs();

const EVIL = '\u001b]52;c;ZXZpbA==\u0007x\u001b[2J\u001b]0;pwned\u0007\u009b31m\u007f\u0000';
/** anything a terminal would act on: C0 but tab and newline, DEL, C1 */
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('terminal text', () => {
  it('escapes C0 (but tab), DEL and C1; newline only in multi-line text', () => {
    expect(terminalText(EVIL)).toBe('\\x1b]52;c;ZXZpbA==\\x07x\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m\\x7f\\x00');
    expect(terminalText('a\tb\nc\rd')).toBe('a\tb\\nc\\rd');
    expect(terminalText('a\tb\nc\rd', { multiline: true })).toBe('a\tb\nc\\rd');
    expect(terminalText('λ = 0.5 — ünïcode')).toBe('λ = 0.5 — ünïcode');
  });

  it('list and show print names, tags, experiment, notes and errors escaped', async () => {
    const db = join(tempDir(), 'evil.db');
    const store = openStore(db);
    const experimentId = store.createExperiment({ name: `exp ${EVIL}`, sweep: {} });
    const spec = makeSpec({ name: 'x' });
    const id = store.createRun({
      spec,
      name: `run ${EVIL}`,
      tags: [`tag${EVIL}`],
      notes: `line 1\n${EVIL}`,
      experimentId,
    });
    store.finishRun(id, 'failed', `broke on ${EVIL}`);
    store.close();
    const list = await runInProcess(['list', '--db', db]);
    const show = await runInProcess(['show', id, '--db', db]);
    for (const r of [list, show]) {
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(ACTIVE);
      expect(r.stdout).toContain('\\x1b]52;c;ZXZpbA==\\x07x\\x1b[2J');
    }
    expect(show.stdout).toContain(`experiment: exp \\x1b]52`);
    expect(show.stdout).toContain(`notes: line 1\n\\x1b]52`);
    expect(show.stdout).toContain(`note: broke on \\x1b]52`);
  });

  it('run prints a spec name escaped, and errors quoting user text too', async () => {
    const dir = tempDir();
    const file = join(dir, 'spec.json');
    writeFileSync(file, JSON.stringify({ name: `n${EVIL}`, epochs: 1 }));
    const r = await runInProcess(['run', file, '--db', join(dir, 'r.db')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('queued: n\\x1b]52;c;ZXZpbA==');
    expect(r.stdout).not.toMatch(ACTIVE);
    writeFileSync(file, JSON.stringify({ name: `n${EVIL}`, epochs: 1, [`bad${EVIL}`]: 1 }));
    const bad = await runInProcess(['run', file, '--db', join(dir, 'r.db')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad\\x1b]52');
    expect(bad.stderr).not.toMatch(ACTIVE);
  });
});
