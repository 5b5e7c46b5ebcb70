import { describe, expect, it } from 'vitest';
import { parseSpec, type SpecInput } from '../../src/experiment/spec.ts';
import { fixedWeights } from '../../src/train/weighting/fixed.ts';
import { startWeights } from '../../renderer/src/design/term-weights.ts';
import { type Diagram, FOLD_ABOVE, foldTrunk, layoutDiagram, planFor } from '../../renderer/src/design/diagram.ts';

const diagramOf = (input: SpecInput) => {
  const spec = parseSpec(input);
  return layoutDiagram(planFor(spec), spec.weighting);
};
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

describe('head weights in the diagram', () => {
  const two = {
    tasks: [
      { kind: 'cls' as const, primary: true },
      { kind: 'seg' as const, aux: { layer: 1, weight: 0.2 } },
    ],
  };

  it('follow λ: primary λ, the other main task 1 − λ, aux heads their own weight', () => {
    const d = diagramOf({ ...two, weighting: { method: 'fixed', lambda: 0.7 } });
    expect(box(d, 'head.cls').detail).toMatch(/· w 0\.7$/);
    expect(box(d, 'head.seg').detail).toMatch(/· w 0\.3$/);
    expect(box(d, 'aux.seg@1').detail).toMatch(/· w 0\.2$/);
    // λ goes to the primary task wherever it sits
    const flipped = diagramOf({
      tasks: [{ kind: 'cls' }, { kind: 'seg', primary: true }],
      weighting: { method: 'fixed', lambda: 0.9 },
    });
    expect(box(flipped, 'head.seg').detail).toMatch(/· w 0\.9$/);
    expect(box(flipped, 'head.cls').detail).toMatch(/· w 0\.1$/);
  });

  it('are 1 under equal weighting, and name the method when it learns them', () => {
    const eq = diagramOf({ tasks: [{ kind: 'cls', weight: 3 }, { kind: 'seg' }], weighting: { method: 'equal' } });
    expect(box(eq, 'head.cls').detail).toMatch(/· w 1$/);
    const gn = diagramOf({ ...two, weighting: { method: 'gradnorm' } });
    expect(box(gn, 'head.cls').detail).toMatch(/· w: GradNorm$/);
    expect(box(gn, 'aux.seg@1').detail).toMatch(/· w: GradNorm$/);
  });

  it("agree with the trainer's fixed weights", () => {
    for (const lambda of [undefined, 0, 0.25, 0.5, 1]) {
      for (const primary of [0, 1]) {
        const spec = parseSpec({
          tasks: [
            { kind: 'cls', weight: 2, primary: primary === 0, aux: { layer: 2, weight: 0.4 } },
            { kind: 'recon', weight: 3, primary: primary === 1 },
          ],
          weighting: { method: 'fixed', lambda },
        });
        const plan = planFor(spec);
        const trainer = fixedWeights({
          weights: plan.terms.map((t) => t.weight),
          lambda,
          primaryIndex: plan.primary,
          mainTerms: plan.terms.filter((t) => t.main).length,
        });
        expect(startWeights(plan, spec.weighting)).toEqual(trainer);
      }
    }
  });
});
