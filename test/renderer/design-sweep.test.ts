import { describe, expect, it } from 'vitest';
import { expandExperiment } from '../../src/experiment/sweep.ts';
import { defaultForm, validateForm } from '../../renderer/src/design/form.ts';
import {
  CHECK_POINTS_UP_TO,
  checkPoints,
  parseAxes,
  parseAxisValues,
  runCount,
  type SweepPath,
  sweepablePaths,
  sweepToAxes,
} from '../../renderer/src/design/sweep-axes.ts';
import { newTask } from '../../renderer/src/design/tasks.ts';

const num: SweepPath = { path: 'weighting.lambda', label: 'λ', type: 'number' };
const int: SweepPath = { path: 'model.depth', label: 'Depth', type: 'int' };
const act: SweepPath = { path: 'model.activation', label: 'Activation', type: 'enum', options: ['sigmoid', 'relu'] };
const bool: SweepPath = { path: 'model.residual', label: 'Residual', type: 'bool' };

describe('sweep axis values', () => {
  it('parses comma lists of numbers, whole numbers, enum values and booleans', () => {
    expect(parseAxisValues('0, 0.25, 0.5', num)).toEqual({ values: [0, 0.25, 0.5] });
    expect(parseAxisValues('1e-3,,  1e-2 ,', num)).toEqual({ values: [0.001, 0.01] });
    expect(parseAxisValues('2, 4, 8', int)).toEqual({ values: [2, 4, 8] });
    expect(parseAxisValues('sigmoid, relu', act)).toEqual({ values: ['sigmoid', 'relu'] });
    expect(parseAxisValues('TRUE, false', bool)).toEqual({ values: [true, false] });
  });

  it('names the first bad value', () => {
    expect(parseAxisValues('0, x', num).error).toBe('“x” is not a number');
    expect(parseAxisValues('2, 2.5', int).error).toBe('“2.5” is not a whole number');
    expect(parseAxisValues('relu, swish', act).error).toBe('“swish” is not one of sigmoid, relu');
    expect(parseAxisValues('yes', bool).error).toMatch(/true or false/);
    expect(parseAxisValues(' , ', num).error).toMatch(/at least one value/);
    expect(parseAxisValues('0.5, 0.5', num).error).toBe('“0.5” appears twice');
  });

  it('counts runs as the product of the axes', () => {
    expect(runCount([])).toBe(1);
    expect(
      runCount([
        [1, 2, 3],
        ['a', 'b'],
      ]),
    ).toBe(6);
  });
});

describe('sweep axes in the form', () => {
  it('offers λ only with two tasks under fixed weighting, and task fields by index', () => {
    const form = defaultForm();
    expect(sweepablePaths(form).map((p) => p.path)).not.toContain('weighting.lambda');
    form.tasks.push(newTask(form.tasks)!);
    form.tasks[1].aux = true;
    const paths = sweepablePaths(form).map((p) => p.path);
    expect(paths).toContain('weighting.lambda');
    expect(paths).toEqual(
      expect.arrayContaining([
        'tasks.0.weight',
        'tasks.1.loss',
        'tasks.1.aux.layer',
        'tasks.1.aux.weight',
        'model.activation',
      ]),
    );
    expect(paths).not.toContain('data.kind');
    expect(paths).not.toContain('name');
  });

  it('parses every axis, flags duplicates and unknown paths, and agrees with the service expansion', () => {
    const form = defaultForm();
    form.tasks.push(newTask(form.tasks)!);
    const paths = sweepablePaths(form);
    const r = parseAxes(
      [
        { path: 'weighting.lambda', text: '0, 0.5, 1' },
        { path: 'model.activation', text: 'sigmoid, relu' },
        { path: 'weighting.lambda', text: '0.2' },
        { path: '', text: '1' },
        { path: 'model.depth', text: 'deep' },
      ],
      paths,
    );
    expect(r.sweep).toEqual({ 'weighting.lambda': [0, 0.5, 1], 'model.activation': ['sigmoid', 'relu'] });
    expect(Object.keys(r.errors)).toEqual(['2', '3', '4']);
    expect(r.errors[2]).toMatch(/already swept/);
    expect(r.runs).toBe(6);
    const e = expandExperiment({ name: 'x', base: validateForm(form).spec, sweep: r.sweep });
    expect(e.runs).toHaveLength(r.runs);
  });

  it('turns an experiment sweep back into axes', () => {
    expect(sweepToAxes({ 'weighting.lambda': [0, 0.25], 'model.activation': ['relu'] })).toEqual([
      { path: 'weighting.lambda', text: '0, 0.25' },
      { path: 'model.activation', text: 'relu' },
    ]);
    expect(sweepToAxes(undefined)).toEqual([]);
  });
});

describe('sweep points', () => {
  it('checks each point against the schema, as the service will', () => {
    const form = defaultForm();
    form.tasks.push(newTask(form.tasks)!);
    const base = validateForm(form).spec!;
    expect(checkPoints(base, { 'weighting.lambda': [0, 0.5] }, 2)).toEqual([]);
    const issues = checkPoints(base, { 'weighting.lambda': [0, 2] }, 2);
    expect(issues).toEqual([{ field: 'weighting.lambda', message: expect.stringMatching(/sweep point lambda=2/) }]);
    expect(checkPoints(base, { 'model.depth': [3, 100] }, 2)[0].field).toBe('model.depth');
    // left to the service past the cheap size, and nothing to check without axes or a valid base
    expect(checkPoints(base, { 'weighting.lambda': [2] }, CHECK_POINTS_UP_TO + 1)).toEqual([]);
    expect(checkPoints(null, { 'weighting.lambda': [2] }, 1)).toEqual([]);
    expect(checkPoints(base, {}, 1)).toEqual([]);
  });
});
