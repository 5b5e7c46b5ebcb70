/** Presets for the Design form: the shipped examples, read once from examples/. */
import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Preset } from './contract.ts';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));

/** Order the form shows them in; others follow alphabetically. */
const ORDER = ['seed-cnn-cls-seg', 'lambda-sweep', 'vanishing-sigmoid-mlp', 'relu-he-control', 'deep-supervision'];

export function loadPresets(dir = EXAMPLES_DIR): Preset[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  const rank = (f: string) => {
    const i = ORDER.indexOf(basename(f, '.json'));
    return i < 0 ? ORDER.length : i;
  };
  return files
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((f) => {
      const value = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as Record<string, unknown>;
      const kind = 'base' in value || 'sweep' in value ? 'experiment' : 'spec';
      return {
        id: basename(f, '.json'),
        title: String(value.name ?? f),
        description: String(value.notes ?? value.description ?? ''),
        kind,
        value,
      };
    });
}
