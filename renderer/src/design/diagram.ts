/**
 * Layout of the network diagram from a model plan: the trunk as a column of boxes (input at the
 * top, shapes on each), every head and auxiliary head in a column to the right, level with the
 * trunk layer it reads. Long runs of identical layers fold into one box so a 64-layer trunk
 * stays readable. Pure: coordinates in SVG user units.
 */
import type { Spec } from '@core/experiment/spec.ts';
import { type LayerPlan, type ModelPlan, planModel, type TermPlan } from '@core/model/plan.ts';
import { weightLabels } from './term-weights.ts';

/** IDX files are read by the service; the diagram assumes MNIST's 28×28, 10 classes for them. */
const IDX_INPUT: [number, number, number] = [28, 28, 1];

/** The plan of a valid spec with its data set's input shape and class count. */
export function planFor(spec: Spec): ModelPlan {
  const d = spec.data;
  return d.kind === 'shapes'
    ? planModel(spec, [d.imageSize, d.imageSize, 1], d.shapes.length)
    : planModel(spec, IDX_INPUT, 10);
}

export interface DiagramBox {
  id: string;
  kind: 'input' | 'trunk' | 'folded' | 'head' | 'aux';
  x: number;
  y: number;
  w: number;
  h: number;
  title: string;
  detail: string;
  primary?: boolean;
}

export interface DiagramEdge {
  from: string;
  to: string;
  /** SVG path data */
  d: string;
  aux: boolean;
}

export interface Diagram {
  width: number;
  height: number;
  boxes: DiagramBox[];
  edges: DiagramEdge[];
}

export const LAYOUT = { pad: 8, trunkW: 220, headW: 230, gapX: 44, boxH: 36, gapY: 10 } as const;
/** trunks longer than this fold runs of identical layers */
export const FOLD_ABOVE = 12;

const dims = (s: number[]) => s.join('×');
const LOSS_TEXT: Record<TermPlan['loss'], string> = { softmax_ce: 'softmax CE', bce: 'BCE', l1: 'L1', mse: 'MSE' };

export function layerDetail(l: LayerPlan): string {
  const parts =
    l.kind === 'conv'
      ? [`conv ${l.kernelShape[0]}×${l.kernelShape[1]}${l.stride > 1 ? ` /${l.stride}` : ''} → ${dims(l.outShape)}`]
      : [`dense ${l.inShape[0]} → ${l.outShape[0]}`];
  parts.push(l.activation);
  if (l.norm !== 'none') parts.push(`${l.norm} norm`);
  if (l.residual) parts.push('+ skip');
  return parts.join(' · ');
}

const sameConfig = (a: LayerPlan, b: LayerPlan) =>
  a.kind === b.kind &&
  a.stride === b.stride &&
  a.residual === b.residual &&
  dims(a.inShape) === dims(b.inShape) &&
  dims(a.outShape) === dims(b.outShape);

/** Trunk items to draw: single layers (1-based index) or folded runs [from, to]. */
export function foldTrunk(
  trunk: readonly LayerPlan[],
  attach: ReadonlySet<number>,
): Array<{ from: number; to: number }> {
  const n = trunk.length;
  const pinned = (i: number) =>
    n <= FOLD_ABOVE || i <= 2 || i >= n - 1 || attach.has(i) || !sameConfig(trunk[i - 2], trunk[i - 1]);
  const items: Array<{ from: number; to: number }> = [];
  for (let i = 1; i <= n; i++) {
    const last = items[items.length - 1];
    if (!pinned(i) && last && last.to === i - 1 && !pinned(last.from) && !pinned(last.to)) last.to = i;
    else items.push({ from: i, to: i });
  }
  return items;
}

function headDetail(t: TermPlan, hidden: LayerPlan | undefined, weight: string): string {
  const out = t.task === 'cls' ? `${t.outputSize} classes` : `${t.outputSize} px`;
  return [hidden ? `dense ${hidden.outShape[0]} →` : '', `${out} · ${LOSS_TEXT[t.loss]} · ${weight}`]
    .filter(Boolean)
    .join(' ');
}

/** `weighting` (the spec's) labels each head with the weight it starts training with. */
export function layoutDiagram(plan: ModelPlan, weighting: Spec['weighting']): Diagram {
  const weights = weightLabels(plan, weighting);
  const { pad, trunkW, headW, gapX, boxH, gapY } = LAYOUT;
  const pitch = boxH + gapY;
  const trunk = plan.layers.filter((l) => l.trunk);
  const boxes: DiagramBox[] = [
    {
      id: 'input',
      kind: 'input',
      x: pad,
      y: pad,
      w: trunkW,
      h: boxH,
      title: 'input',
      detail: `${dims(plan.input)} image`,
    },
  ];
  const edges: DiagramEdge[] = [];
  const rowOf = new Map<number, DiagramBox>();
  const items = foldTrunk(trunk, new Set(plan.terms.map((t) => t.attach)));
  items.forEach((it, k) => {
    const y = pad + (k + 1) * pitch;
    const l = trunk[it.from - 1];
    const folded = it.to > it.from;
    const box: DiagramBox = folded
      ? {
          id: `trunk.${it.from}-${it.to}`,
          kind: 'folded',
          x: pad,
          y,
          w: trunkW,
          h: boxH,
          title: `⋮ trunk.${it.from}–${it.to} (${it.to - it.from + 1} layers)`,
          detail: layerDetail(l),
        }
      : { id: l.name, kind: 'trunk', x: pad, y, w: trunkW, h: boxH, title: l.name, detail: layerDetail(l) };
    const prev = boxes[boxes.length - 1];
    edges.push({ from: prev.id, to: box.id, d: `M${pad + trunkW / 2} ${prev.y + boxH}V${y}`, aux: false });
    boxes.push(box);
    for (let i = it.from; i <= it.to; i++) rowOf.set(i, box);
  });
  let nextFree = pad;
  const headX = pad + trunkW + gapX;
  [...plan.terms]
    .sort((a, b) => a.attach - b.attach || Number(b.main) - Number(a.main))
    .forEach((t) => {
      const from = rowOf.get(t.attach)!;
      const y = Math.max(from.y, nextFree);
      nextFree = y + pitch;
      const name = t.main ? `head.${t.id}` : `aux.${t.id}`;
      const hidden = plan.layers.find((l) => l.name === `${name}.hidden`);
      const primary = t.main && plan.terms.indexOf(t) === plan.primary;
      boxes.push({
        id: name,
        kind: t.main ? 'head' : 'aux',
        x: headX,
        y,
        w: headW,
        h: boxH,
        title: `${name}${primary ? ' ★' : ''}`,
        detail: headDetail(t, hidden, weights[plan.terms.indexOf(t)]),
        primary,
      });
      const x1 = pad + trunkW;
      const y1 = from.y + boxH / 2;
      edges.push({
        from: from.id,
        to: name,
        d: `M${x1} ${y1}H${x1 + gapX / 2}V${y + boxH / 2}H${headX}`,
        aux: !t.main,
      });
    });
  const bottom = Math.max(...boxes.map((b) => b.y + b.h));
  return { width: headX + headW + pad, height: bottom + pad, boxes, edges };
}
