import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMemorySize } from '../../../src/experiment/budget.ts';
import { loadSpecFile } from '../../../src/experiment/load-file.ts';
import { preflight, specsOf } from '../../../src/experiment/preflight.ts';
import { SpecError, type SpecIssue } from '../../../src/experiment/spec.ts';
import { CASES_DIR, cases } from '../../bad-input/cases.ts';

/** The issues the full validation reports for a case file (none when it would run). */
function validate(file: string, maxMemory?: string): SpecIssue[] {
  try {
    const loaded = loadSpecFile(file);
    preflight(specsOf(loaded), { maxMemory: maxMemory ? parseMemorySize(maxMemory) : undefined });
    return [];
  } catch (err) {
    if (err instanceof SpecError) return err.issues;
    throw err;
  }
}

describe('bad-input corpus', () => {
  it('holds at least 100 cases, each with its input file', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    const files = new Set(readdirSync(CASES_DIR));
    for (const c of cases) expect(files.has(`${c.name}.json`), c.name).toBe(true);
  });

  it.each(cases)('$name is refused, naming its field', ({ name, expect: e }) => {
    expect(e.exit).toBe(2);
    const issues = validate(`${CASES_DIR}${name}.json`, e.maxMemory);
    const named = issues.filter((i) => i.field === e.field);
    expect(named, `expected an issue at "${e.field}", got:\n${new SpecError(issues).message}`).not.toEqual([]);
    if (e.message !== undefined) expect(named.map((i) => i.message).join('\n')).toContain(e.message);
    // file contents are never echoed back (the fixture holds a fake secret)
    expect(issues.map((i) => i.message).join('\n')).not.toContain('hunter2');
  });
});
