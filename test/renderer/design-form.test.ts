import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSpec, specIssues } from '../../src/experiment/spec.ts';
import { parsePasted } from '../../renderer/src/design/json.ts';
import { fieldElementId, fieldLabel, FIELDS } from '../../renderer/src/design/fields.ts';
import {
  DEFAULT_SPEC,
  defaultForm,
  formToSpecInput,
  issuesByField,
  parseNumberText,
  specToForm,
  validateForm,
} from '../../renderer/src/design/form.ts';
import { newTask, setPrimary } from '../../renderer/src/design/tasks.ts';

const EXAMPLES = new URL('../../examples/', import.meta.url);
const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(new URL(f, EXAMPLES), 'utf8')) as Record<string, unknown>);

describe('form ↔ spec', () => {
  it('fills the form from the schema defaults and gives them back', () => {
    const form = defaultForm();
    expect(form.values['model.depth']).toBe('4');
    expect(form.values['data.shapes']).toEqual(['circle', 'square', 'triangle']);
    expect(form.values['model.residual']).toBe(false);
    expect(form.values['data.seed']).toBe('');
    expect(form.tasks).toHaveLength(1);
    const v = validateForm(form);
    expect(v.issues).toEqual([]);
    // the defaults mark no task primary; the form says what the trainer does: task 1 is
    expect(v.spec).toEqual({ ...DEFAULT_SPEC, tasks: [{ ...DEFAULT_SPEC.tasks[0], primary: true }] });
  });

  it('round-trips every shipped spec example (and the sweep example base)', () => {
    for (const raw of examples) {
      const input = 'base' in raw ? (raw.base as Record<string, unknown>) : raw;
      const spec = parseSpec(input);
      expect(validateForm(specToForm(spec)).spec).toEqual(spec);
    }
  });

  it('keeps half-typed numbers as text and names the field', () => {
    const form = defaultForm();
    form.values['model.depth'] = '4x';
    form.values['optimizer.learningRate'] = '';
    form.tasks[0].weight = 'abc';
    const v = validateForm(form);
    expect(v.spec).toBeNull();
    const byField = issuesByField(v.issues);
    expect(byField['model.depth']).toMatch(/not a number/);
    expect(byField['optimizer.learningRate']).toBe('is required');
    expect(byField['tasks.0.weight']).toMatch(/not a number/);
  });

  it('reports schema issues with the service field paths', () => {
    const form = defaultForm();
    form.values['model.depth'] = '100';
    expect(issuesByField(validateForm(form).issues)['model.depth']).toMatch(/64/);
    form.values['model.depth'] = '3';
    form.tasks[0].aux = true;
    form.tasks[0].auxLayer = '5';
    expect(issuesByField(validateForm(form).issues)['tasks.0.aux.layer']).toMatch(/≤ the trunk's 3 layers/);
  });

  it('treats empty optional fields as absent', () => {
    const form = defaultForm();
    expect(formToSpecInput(form).input.optimizer).not.toHaveProperty('clipNorm');
    form.values['optimizer.clipNorm'] = '1.5';
    expect(formToSpecInput(form).input.optimizer).toMatchObject({ clipNorm: 1.5 });
    form.values.tags = ' a, b ,, c ';
    expect(formToSpecInput(form).input.tags).toEqual(['a', 'b', 'c']);
  });

  it('leaves λ out unless there are exactly two tasks under fixed weighting', () => {
    const form = defaultForm();
    form.values['weighting.lambda'] = '0.3';
    expect(formToSpecInput(form).input.weighting).not.toHaveProperty('lambda');
    form.tasks.push(newTask(form.tasks)!);
    expect(formToSpecInput(form).input.weighting).toMatchObject({ lambda: 0.3 });
    form.values['weighting.method'] = 'dwa';
    expect(formToSpecInput(form).input.weighting).not.toHaveProperty('lambda');
    expect(validateForm(form).spec?.weighting.method).toBe('dwa');
  });

  it('sends only the fields of the chosen data set', () => {
    const form = defaultForm();
    form.values['data.kind'] = 'idx';
    form.values['data.images'] = 'train-images.gz';
    form.values['data.labels'] = 'train-labels.gz';
    const v = validateForm(form);
    expect(v.spec?.data).toEqual({
      kind: 'idx',
      images: 'train-images.gz',
      labels: 'train-labels.gz',
      validationSplit: 0.1,
      maskThreshold: 0.5,
    });
    form.values['data.kind'] = 'shapes';
    expect(validateForm(form).spec?.data).toEqual(DEFAULT_SPEC.data);
  });

  it('writes a seg loss and aux head only where they apply', () => {
    const form = specToForm(
      parseSpec({
        tasks: [
          { kind: 'cls', primary: true, aux: { layer: 2, weight: 0.5 } },
          { kind: 'seg', loss: 'l1' },
        ],
      }),
    );
    const tasks = formToSpecInput(form).input.tasks as Array<Record<string, unknown>>;
    expect(tasks[0]).toEqual({ kind: 'cls', weight: 1, primary: true, aux: { layer: 2, weight: 0.5 } });
    expect(tasks[1]).toEqual({ kind: 'seg', weight: 1, primary: false, loss: 'l1' });
  });
});

describe('tasks and fields', () => {
  it('adds tasks of unused kinds, at most three, and keeps one primary', () => {
    const tasks = [newTask([])!];
    expect(tasks[0]).toMatchObject({ kind: 'cls', primary: true });
    tasks.push(newTask(tasks)!);
    tasks.push(newTask(tasks)!);
    expect(tasks.map((t) => t.kind)).toEqual(['cls', 'seg', 'recon']);
    expect(newTask(tasks)).toBeNull();
    setPrimary(tasks, 2);
    expect(tasks.map((t) => t.primary)).toEqual([false, false, true]);
  });

  it('names fields and their inputs', () => {
    expect(fieldLabel('model.depth')).toBe('Depth (trunk layers)');
    expect(fieldLabel('tasks.1.aux.layer')).toBe('Task 2 aux layer');
    expect(fieldElementId('model.depth')).toBe('f-model-depth');
    expect(fieldElementId('tasks.0.aux.layer')).toBe('task-0-aux.layer');
    expect(new Set(FIELDS.map((f) => f.path)).size).toBe(FIELDS.length);
  });

  it('parses number text', () => {
    expect(parseNumberText(' 1e-3 ')).toEqual({ value: 0.001 });
    expect(parseNumberText('', true)).toEqual({});
    expect(parseNumberText('')).toEqual({ error: 'is required' });
    expect(parseNumberText('NaN').error).toMatch(/not a number/);
  });
});

describe('plain-language issues, by field path', () => {
  it('says what the rule is, as the service does (specIssues), not the validator', () => {
    const form = defaultForm();
    form.values.epochs = '0';
    form.values['model.depth'] = '2.5';
    form.values['optimizer.learningRate'] = '-1';
    const v = validateForm(form);
    expect(v.issues).toEqual(
      expect.arrayContaining([
        { field: 'epochs', message: 'must be at least 1' },
        { field: 'model.depth', message: 'must be a whole number' },
      ]),
    );
    for (const i of v.issues) expect(i.message).not.toMatch(/Too small|Too big|expected|Invalid/);
    expect(v.issues).toEqual(specIssues(v.input));
  });

  it('pasted JSON names the field and the rule in plain words', () => {
    const r = parsePasted('{"epochs": 0, "tasks": []}');
    expect(r).toMatchObject({ kind: 'error' });
    if (r.kind === 'error') {
      expect(r.message).toContain('epochs: must be at least 1');
      expect(r.message).toContain('tasks: needs at least 1 item');
      expect(r.message).not.toMatch(/Too small|expected/);
    }
  });
});
