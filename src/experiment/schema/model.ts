/** `model`: the trunk (mlp or cnn) and its heads' hidden width. */
import { z } from 'zod';
import { int, strictObject } from '../strict.ts';
import { ACTIVATIONS, INITS, NORMS } from '../vocabulary.ts';

export const modelSchema = strictObject({
  trunk: z.enum(['mlp', 'cnn']).default('mlp'),
  /** number of trunk layers (dense for mlp, conv for cnn) */
  depth: int(1, 64).default(4),
  /** units per dense layer (mlp) or filters of the first conv layer (cnn) */
  width: int(1, 4096).default(64),
  activation: z.enum(ACTIVATIONS).default('relu'),
  init: z.enum(INITS).default('glorot_uniform'),
  norm: z.enum(NORMS).default('none'),
  /** identity skip around each trunk layer whose input and output shapes match */
  residual: z.boolean().default(false),
  /** cnn only: square kernel side */
  kernelSize: int(1, 7).default(3),
  /** cnn only: every n-th conv layer has stride 2 and doubles its filters (0 = never) */
  downsampleEvery: int(0, 64).default(2),
  /** cnn only: a dense layer after flattening the conv trunk (0 = none); counts as a trunk layer */
  denseUnits: int(0, 4096).default(128),
  /** hidden units in each head before its output layer (0 = linear head) */
  headHidden: int(0, 4096).default(0),
});

export type ModelSpec = z.infer<typeof modelSchema>;

/** Trunk layers that carry statistics: the dense layers of an mlp; the convs (+ optional dense) of a cnn. */
export function trunkLayerCount(m: Pick<ModelSpec, 'trunk' | 'depth' | 'denseUnits'>): number {
  return m.trunk === 'cnn' && m.denseUnits > 0 ? m.depth + 1 : m.depth;
}

/**
 * Why a cnn cannot run on `height`×`width` images, or undefined when it can: each stride-2 layer
 * halves the image, and it must keep at least one pixel. Applies to every data kind.
 */
export function cnnShapeProblem(m: ModelSpec, height: number, width: number): string | undefined {
  if (m.trunk !== 'cnn' || m.downsampleEvery === 0) return undefined;
  const downs = Math.floor(m.depth / m.downsampleEvery);
  const side = Math.min(height, width);
  if (side / 2 ** downs >= 1) return undefined;
  const image = height === width ? `${side}px` : `${height}×${width}px`;
  return `${downs} stride-2 layers shrink a ${image} image below 1px`;
}
