/** The bad-input corpus (README.md beside this file): each case file with its expectation. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CASES_DIR = fileURLToPath(new URL('./cases/', import.meta.url));

export interface Expect {
  exit: number;
  field: string;
  message?: string;
  maxMemory?: string;
}

export const cases = readdirSync(CASES_DIR)
  .filter((f) => f.endsWith('.expect.json'))
  .sort()
  .map((f) => ({
    name: f.replace(/\.expect\.json$/, ''),
    expect: JSON.parse(readFileSync(CASES_DIR + f, 'utf8')) as Expect,
  }));
