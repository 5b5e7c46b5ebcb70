/**
 * The architecture a spec describes, as plain data: layers with shapes, and the loss terms
 * (task heads and auxiliary heads) with where they attach. No tensors here — the same plan
 * drives the network, the statistics and the UI's diagram.
 */
import type { Activation, ModelSpec, Spec, TaskKind } from '../experiment/spec.ts';

export type LayerKind = 'dense' | 'conv' | 'head';

export interface LayerPlan {
  /** `trunk.3`, `head.cls`, `head.cls.hidden`, `aux.seg@2`, `aux.seg@2.hidden` */
  name: string;
  index: number;
  kind: LayerKind;
  trunk: boolean;
  /** dense [in, out]; conv [k, k, inC, outC] */
  kernelShape: number[];
  stride: number;
  /** per-sample shapes: dense [n]; conv [h, w, c] */
  inShape: number[];
  outShape: number[];
  activation: Activation;
  norm: ModelSpec['norm'];
  residual: boolean;
  /** what feeds this layer: -1 = the previous layer in `layers`, k ≥ 0 = the output of trunk layer k (1-based; 0 = input) */
  from: number;
  /** the loss term an output head produces */
  term?: string;
}

export type LossKind = 'softmax_ce' | 'bce' | 'l1' | 'mse';

export interface TermPlan {
  /** `cls`, `seg`, `recon`, or an aux head `cls@3` */
  id: string;
  task: TaskKind;
  loss: LossKind;
  main: boolean;
  /** trunk layer the head reads (1-based) */
  attach: number;
  /** weight under fixed weighting */
  weight: number;
  outputSize: number;
}

export interface ModelPlan {
  input: [number, number, number];
  classes: number;
  layers: LayerPlan[];
  terms: TermPlan[];
  trunkDepth: number;
  /** index of the primary term in `terms` */
  primary: number;
}

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

function trunkLayers(m: ModelSpec, input: [number, number, number]): LayerPlan[] {
  const base = { norm: m.norm, activation: m.activation, from: -1, trunk: true } as const;
  const out: LayerPlan[] = [];
  let shape: number[] = m.trunk === 'mlp' ? [size(input)] : [...input];
  let filters = m.width;
  for (let i = 1; i <= m.depth; i++) {
    if (m.trunk === 'mlp') {
      const next = [m.width];
      out.push({
        ...base,
        name: `trunk.${i}`,
        index: 0,
        kind: 'dense',
        kernelShape: [shape[0], m.width],
        stride: 1,
        inShape: shape,
        outShape: next,
        residual: m.residual && i > 1 && shape[0] === m.width,
      });
      shape = next;
    } else {
      const down = m.downsampleEvery > 0 && i % m.downsampleEvery === 0;
      if (down) filters *= 2;
      const stride = down ? 2 : 1;
      const next = [Math.ceil(shape[0] / stride), Math.ceil(shape[1] / stride), filters];
      const same = next.every((v, k) => v === shape[k]);
      out.push({
        ...base,
        name: `trunk.${i}`,
        index: 0,
        kind: 'conv',
        kernelShape: [m.kernelSize, m.kernelSize, shape[2], filters],
        stride,
        inShape: shape,
        outShape: next,
        residual: m.residual && same,
      });
      shape = next;
    }
  }
  if (m.trunk === 'cnn' && m.denseUnits > 0) {
    const i = m.depth + 1;
    out.push({
      ...base,
      name: `trunk.${i}`,
      index: 0,
      kind: 'dense',
      kernelShape: [size(shape), m.denseUnits],
      stride: 1,
      inShape: [size(shape)],
      outShape: [m.denseUnits],
      residual: false,
    });
  }
  return out;
}

function headLayers(term: TermPlan, feature: number[], m: ModelSpec): LayerPlan[] {
  const name = term.main ? `head.${term.id}` : `aux.${term.id}`;
  const inSize = size(feature);
  const common = { trunk: false, stride: 1, norm: 'none', residual: false } as const;
  const out: LayerPlan[] = [];
  let width = inSize;
  if (m.headHidden > 0) {
    out.push({
      ...common,
      name: `${name}.hidden`,
      index: 0,
      kind: 'dense',
      kernelShape: [inSize, m.headHidden],
      inShape: [inSize],
      outShape: [m.headHidden],
      activation: 'relu',
      from: term.attach,
    });
    width = m.headHidden;
  }
  out.push({
    ...common,
    name,
    index: 0,
    kind: 'head',
    kernelShape: [width, term.outputSize],
    inShape: [width],
    outShape: [term.outputSize],
    activation: 'linear',
    from: out.length ? -1 : term.attach,
    term: term.id,
  });
  return out;
}

export function lossOf(task: TaskKind, segLoss: 'bce' | 'l1'): LossKind {
  if (task === 'cls') return 'softmax_ce';
  if (task === 'recon') return 'mse';
  return segLoss;
}

/** Plan the network for a spec and a data shape `[height, width, channels]` with `classes` labels. */
export function planModel(
  spec: Pick<Spec, 'model' | 'tasks'>,
  input: [number, number, number],
  classes: number,
): ModelPlan {
  const trunk = trunkLayers(spec.model, input);
  const depth = trunk.length;
  const outputSize = (t: TaskKind) => (t === 'cls' ? classes : input[0] * input[1]);
  const terms: TermPlan[] = [];
  for (const t of spec.tasks)
    terms.push({
      id: t.kind,
      task: t.kind,
      loss: lossOf(t.kind, t.loss),
      main: true,
      attach: depth,
      weight: t.weight,
      outputSize: outputSize(t.kind),
    });
  for (const t of spec.tasks)
    if (t.aux)
      terms.push({
        id: `${t.kind}@${t.aux.layer}`,
        task: t.kind,
        loss: lossOf(t.kind, t.loss),
        main: false,
        attach: t.aux.layer,
        weight: t.aux.weight,
        outputSize: outputSize(t.kind),
      });
  const layers = [...trunk];
  for (const term of terms) layers.push(...headLayers(term, trunk[term.attach - 1].outShape, spec.model));
  layers.forEach((l, i) => (l.index = i));
  const primaryTask = spec.tasks.findIndex((t) => t.primary);
  return { input, classes, layers, terms, trunkDepth: depth, primary: Math.max(0, primaryTask) };
}
