import { afterEach, describe, expect, it } from 'vitest';
import { seedGroupKey } from '../../../src/domain/seed-group.ts';
import { exportJson, JSON_EXPORT_FORMAT, stringifyJsonExport } from '../../../src/export/json.ts';
import { BACKEND, makeEpoch, makeSpec } from '../store/fixtures/records.ts';
import { exportFixture, NASTY_NAME, type ExportFixture } from './export-fixture.ts';

let fx: ExportFixture;
afterEach(() => fx?.store.close());

describe('JSON export', () => {
  it('carries summary, spec, backend, notes and the epochs exactly as stored', () => {
    fx = exportFixture();
    const doc = exportJson(fx.store, [...fx.ids, fx.ids[0]]);
    expect(doc.format).toBe(JSON_EXPORT_FORMAT);
    expect(doc.runs).toHaveLength(2); // the duplicate id is exported once
    const [a] = doc.runs;
    expect(a).toMatchObject({
      id: fx.ids[0],
      name: NASTY_NAME,
      status: 'completed',
      notes: 'n',
      backend: BACKEND,
      epochsDone: 3,
      seedGroup: seedGroupKey(makeSpec({ epochs: 3 })),
    });
    expect(a.spec).toEqual(makeSpec({ epochs: 3 }));
    expect(a.epochs).toEqual(fx.written[fx.ids[0]]);
    // survives a trip through JSON text
    expect(JSON.parse(stringifyJsonExport(doc, 2))).toEqual(doc);
    expect(stringifyJsonExport(exportJson(fx.store, fx.ids))).toBe(stringifyJsonExport(exportJson(fx.store, fx.ids)));
  });

  it('writes NaN and Infinity as strings rather than null', () => {
    fx = exportFixture();
    const id = fx.store.createRun({ spec: makeSpec(), name: 'nan', tags: [], notes: '' });
    fx.store.markRunning(id, BACKEND);
    fx.store.appendEpoch(id, {
      ...makeEpoch(1),
      vanishingRatio: Number.NaN,
      weights: { cls: Number.POSITIVE_INFINITY },
    });
    const parsed = JSON.parse(stringifyJsonExport(exportJson(fx.store, [id])));
    expect(parsed.runs[0].epochs[0].vanishingRatio).toBe('NaN');
    expect(parsed.runs[0].epochs[0].weights.cls).toBe('Infinity');
  });
});
