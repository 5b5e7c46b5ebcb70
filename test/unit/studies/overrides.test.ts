/** `set` overrides of a study run: paths checked like the CLI's --set, then set on every run. */
import { describe, expect, it } from 'vitest';
import { expandExperiment } from '../../../src/experiment/sweep.ts';
import { deepSupervision } from '../../../src/studies/deep-supervision.ts';
import { applyStudyOverrides, overrideIssues } from '../../../src/studies/overrides.ts';

const [experiment] = deepSupervision.experiments('quick', 2);
const specs = (set: Record<string, unknown>) =>
  expandExperiment(applyStudyOverrides(experiment, set)).runs.map((r) => r.spec);

describe('study overrides', () => {
  it('a field of the base is set on every run', () => {
    const s = specs({ 'model.depth': 12 });
    expect(s).toHaveLength(8);
    expect(new Set(s.map((x) => x.model.depth))).toEqual(new Set([12]));
  });

  it('a field inside a sweep axis’s values is set in each value, keeping the axis', () => {
    const s = specs({ 'tasks.0.weight': 2 });
    expect(s).toHaveLength(8);
    expect(s.map((x) => x.tasks[0].weight)).toEqual(Array(8).fill(2));
    expect(s.map((x) => x.tasks[0].aux?.layer ?? null)).toEqual([null, null, 2, 2, 5, 5, 9, 9]);
  });

  it('a value that makes one sweep point invalid is refused, naming the field and the point', () => {
    expect(() => specs({ 'tasks.0.aux.weight': 1 })).toThrow(/tasks\.0\.aux\.layer: is required \(sweep point tasks=/);
  });

  it('a path that names a sweep axis replaces the axis', () => {
    const s = specs({ tasks: [{ kind: 'cls' }] });
    expect(s).toHaveLength(2);
  });

  it('names every bad path, with the closest field', () => {
    expect(overrideIssues({ 'model.widht': 1, 'a..b': 1, seed: 1, 'optimizer.kind': 'sgd' })).toEqual([
      { field: 'set.model.widht', message: 'model has no field widht — did you mean model.width?' },
      { field: 'set.a..b', message: 'must be a dotted spec path such as model.depth' },
      { field: 'set.seed', message: 'the seeds are the study’s own axis; give seeds instead' },
    ]);
  });
});
