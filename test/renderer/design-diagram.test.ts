import { describe, expect, it } from 'vitest';
import { parseSpec, type SpecInput } from '../../src/experiment/spec.ts';
import { type Diagram, FOLD_ABOVE, foldTrunk, layoutDiagram, planFor } from '../../renderer/src/design/diagram.ts';

const diagramOf = (input: SpecInput) => layoutDiagram(planFor(parseSpec(input)));
const box = (d: Diagram, id: string) => d.boxes.find((b) => b.id === id)!;
const overlap = (a: Diagram['boxes'][number], b: Diagram['boxes'][number]) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('network diagram layout', () => {
  it('draws the seed CNN: input, convs with shapes, dense, two heads at the last layer', () => {
    const d = diagramOf({
      model: { trunk: 'cnn', depth: 2, width: 16 },
      tasks: [{ kind: 'cls', primary: true }, { kind: 'seg' }],
    });
    expect(d.boxes.map((b) => b.id)).toEqual(['input', 'trunk.1', 'trunk.2', 'trunk.3', 'head.cls', 'head.seg']);
    expect(box(d, 'input').detail).toBe('32×32×1 image');
    expect(box(d, 'trunk.1').detail).toBe('conv 3×3 → 32×32×16 · relu');
    expect(box(d, 'trunk.2').detail).toBe('conv 3×3 /2 → 16×16×32 · relu');
    expect(box(d, 'trunk.3').detail).toBe('dense 8192 → 128 · relu');
    expect(box(d, 'head.cls')).toMatchObject({
      primary: true,
      title: 'head.cls ★',
      detail: '3 classes · softmax CE · w 1',
    });
    expect(box(d, 'head.seg').detail).toBe('1024 px · BCE · w 1');
    // heads start level with the layer they read and stack below each other
    expect(box(d, 'head.cls').y).toBe(box(d, 'trunk.3').y);
    expect(box(d, 'head.seg').y).toBeGreaterThan(box(d, 'head.cls').y);
    expect(d.edges.filter((e) => e.to.startsWith('head.')).map((e) => e.from)).toEqual(['trunk.3', 'trunk.3']);
  });

  it('attaches an auxiliary head level with its trunk layer, with a dashed edge', () => {
    const d = diagramOf({
      model: { depth: 10, width: 128, activation: 'sigmoid' },
      tasks: [{ kind: 'cls', primary: true, aux: { layer: 2, weight: 0.3 } }],
    });
    const aux = box(d, 'aux.cls@2');
    expect(aux).toMatchObject({ kind: 'aux', detail: '3 classes · softmax CE · w 0.3' });
    expect(aux.y).toBe(box(d, 'trunk.2').y);
    expect(d.edges.find((e) => e.to === 'aux.cls@2')).toMatchObject({ from: 'trunk.2', aux: true });
  });

  it('shows head hidden layers, norms and skips in the box text', () => {
    const d = diagramOf({
      model: { depth: 3, width: 32, norm: 'batch', residual: true, headHidden: 16 },
      tasks: [{ kind: 'recon' }],
    });
    expect(box(d, 'trunk.2').detail).toBe('dense 32 → 32 · relu · batch norm · + skip');
    expect(box(d, 'head.recon').detail).toBe('dense 16 → 1024 px · MSE · w 1');
  });

  it('folds long runs of identical layers but keeps attach points, changes and ends', () => {
    const d = diagramOf({ model: { depth: 64, width: 32 }, tasks: [{ kind: 'cls', aux: { layer: 30 } }] });
    const ids = d.boxes.map((b) => b.id);
    expect(ids).toEqual([
      'input',
      'trunk.1',
      'trunk.2',
      'trunk.3-29',
      'trunk.30',
      'trunk.31-62',
      'trunk.63',
      'trunk.64',
      'aux.cls@30',
      'head.cls',
    ]);
    expect(box(d, 'trunk.3-29')).toMatchObject({ kind: 'folded', title: '⋮ trunk.3–29 (27 layers)' });
    expect(
      foldTrunk(
        planFor(parseSpec({ model: { depth: FOLD_ABOVE } })).layers.filter((l) => l.trunk),
        new Set(),
      ),
    ).toHaveLength(FOLD_ABOVE);
  });

  it('keeps boxes apart and inside the drawing', () => {
    for (const input of [
      {
        model: { trunk: 'cnn', depth: 6, width: 8, downsampleEvery: 2 },
        tasks: [
          { kind: 'cls', aux: { layer: 7 } },
          { kind: 'seg', aux: { layer: 7 } },
          { kind: 'recon', aux: { layer: 1 } },
        ],
      },
      { model: { depth: 40 }, tasks: [{ kind: 'cls', aux: { layer: 40 } }, { kind: 'seg' }] },
    ] as SpecInput[]) {
      const d = diagramOf(input);
      for (const a of d.boxes) {
        expect(a.x + a.w).toBeLessThanOrEqual(d.width);
        expect(a.y + a.h).toBeLessThanOrEqual(d.height);
        for (const b of d.boxes) if (a !== b) expect(overlap(a, b), `${a.id} / ${b.id}`).toBe(false);
      }
    }
  });
});
