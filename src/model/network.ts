/**
 * The network as tfjs variables and a functional forward pass. Functional (not tf.layers) so the
 * trainer can take gradients per loss term, tap pre-activations (dL/dz) and read activations.
 */
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's CommonJS build registers no gradient functions; the umbrella's build does (same
// tfjs-core instance, deduped). Its ESM file dist/register_all_gradients.js cannot load in Node.
import '@tensorflow/tfjs';
import type { Activation, Init } from '../experiment/spec.ts';
import { createRng } from '../util/rng.ts';
import { initKernel } from './init.ts';
import type { LayerPlan, ModelPlan } from './plan.ts';

export interface LayerVars {
  kernel: tf.Variable;
  bias: tf.Variable;
  gamma?: tf.Variable;
  beta?: tf.Variable;
  movingMean?: tf.Variable;
  movingVar?: tf.Variable;
}

export interface ForwardOptions {
  training: boolean;
  /** called with each layer's pre-activation z (after normalisation); may return a replacement (a gradient tap) */
  tapZ?: (layer: number, z: tf.Tensor) => tf.Tensor;
  /** receives each layer's activation output */
  onActivation?: (layer: number, a: tf.Tensor) => void;
}

export interface ForwardResult {
  /** per loss term id: logits [B, outputSize] */
  outputs: Map<string, tf.Tensor2D>;
  /** batch-norm statistics to fold into the moving averages after a training step */
  bnBatchStats: Array<{ layer: number; mean: tf.Tensor; variance: tf.Tensor }>;
}

const LEAKY_ALPHA = 0.01;
const BN_EPS = 1e-3;
const BN_MOMENTUM = 0.99;
let instances = 0;

export function activate(x: tf.Tensor, a: Activation): tf.Tensor {
  switch (a) {
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'tanh':
      return tf.tanh(x);
    case 'relu':
      return tf.relu(x);
    case 'leaky_relu':
      return tf.leakyRelu(x, LEAKY_ALPHA);
    case 'elu':
      return tf.elu(x);
    case 'linear':
      return x;
  }
}

export class Network {
  readonly vars: LayerVars[];
  private readonly prefix = `gw${++instances}`;

  constructor(
    readonly plan: ModelPlan,
    init: Init,
    seed: number,
  ) {
    const rng = createRng(seed).fork('init');
    // tidy frees the initial-value tensors; variables outlive it
    const vars: LayerVars[] = [];
    tf.tidy(() => plan.layers.forEach((l) => vars.push(this.createVars(l, init, rng.fork(l.name)))));
    this.vars = vars;
  }

  private createVars(l: LayerPlan, init: Init, rng: ReturnType<typeof createRng>): LayerVars {
    const v = (t: tf.Tensor, name: string, trainable = true) =>
      tf.variable(t, trainable, `${this.prefix}/${l.name}/${name}`);
    const out = l.kernelShape[l.kernelShape.length - 1];
    const vars: LayerVars = {
      kernel: v(tf.tensor(initKernel(init, l.kernelShape, rng), l.kernelShape), 'kernel'),
      bias: v(tf.zeros([out]), 'bias'),
    };
    if (l.norm !== 'none') {
      vars.gamma = v(tf.ones([out]), 'gamma');
      vars.beta = v(tf.zeros([out]), 'beta');
    }
    if (l.norm === 'batch') {
      vars.movingMean = v(tf.zeros([out]), 'moving_mean', false);
      vars.movingVar = v(tf.ones([out]), 'moving_var', false);
    }
    return vars;
  }

  /** Every trainable variable, trunk first. */
  trainable(): tf.Variable[] {
    return this.vars.flatMap((v) => [v.kernel, v.bias, v.gamma, v.beta].filter((x): x is tf.Variable => !!x));
  }

  /** Trainable variables of the shared trunk (what every task's gradient lands on). */
  shared(): tf.Variable[] {
    return this.vars
      .filter((_, i) => this.plan.layers[i].trunk)
      .flatMap((v) => [v.kernel, v.bias, v.gamma, v.beta].filter((x): x is tf.Variable => !!x));
  }

  /** x: [B, H, W, C] images. Must run inside a tidy or a gradient function. */
  forward(x: tf.Tensor4D, o: ForwardOptions): ForwardResult {
    const feats: tf.Tensor[] = [x];
    const bnBatchStats: ForwardResult['bnBatchStats'] = [];
    const outputs = new Map<string, tf.Tensor2D>();
    let prev: tf.Tensor = x;
    this.plan.layers.forEach((l, i) => {
      const input = l.from === -1 ? prev : feats[l.from];
      let z = this.linear(l, this.vars[i], input);
      z = this.normalise(l, i, z, o.training, bnBatchStats);
      if (o.tapZ) z = o.tapZ(i, z);
      let a = activate(z, l.activation);
      o.onActivation?.(i, a);
      if (l.residual) a = tf.add(a, input);
      prev = a;
      if (l.trunk) feats.push(a);
      if (l.term) outputs.set(l.term, a as tf.Tensor2D);
    });
    return { outputs, bnBatchStats };
  }

  private linear(l: LayerPlan, v: LayerVars, input: tf.Tensor): tf.Tensor {
    if (l.kind === 'conv')
      return tf.add(tf.conv2d(input as tf.Tensor4D, v.kernel as tf.Tensor4D, l.stride, 'same'), v.bias);
    const flat = input.rank === 2 ? input : tf.reshape(input, [input.shape[0], -1]);
    return tf.add(tf.matMul(flat as tf.Tensor2D, v.kernel as tf.Tensor2D), v.bias);
  }

  private normalise(
    l: LayerPlan,
    i: number,
    z: tf.Tensor,
    training: boolean,
    stats: ForwardResult['bnBatchStats'],
  ): tf.Tensor {
    const v = this.vars[i];
    if (l.norm === 'none') return z;
    let mean: tf.Tensor;
    let variance: tf.Tensor;
    if (l.norm === 'layer') {
      const axes = z.shape.map((_, k) => k).slice(1);
      ({ mean, variance } = tf.moments(z, axes, true));
    } else if (training) {
      const axes = z.shape.map((_, k) => k).slice(0, -1);
      ({ mean, variance } = tf.moments(z, axes));
      stats.push({ layer: i, mean, variance });
    } else {
      mean = v.movingMean!;
      variance = v.movingVar!;
    }
    const normed = tf.div(tf.sub(z, mean), tf.sqrt(tf.add(variance, BN_EPS)));
    return tf.add(tf.mul(normed, v.gamma!), v.beta!);
  }

  /** Fold a training step's batch statistics into the moving averages (kept tensors are disposed). */
  updateMovingStats(stats: ForwardResult['bnBatchStats']): void {
    for (const s of stats) {
      const v = this.vars[s.layer];
      tf.tidy(() => {
        v.movingMean!.assign(tf.add(tf.mul(v.movingMean!, BN_MOMENTUM), tf.mul(s.mean, 1 - BN_MOMENTUM)));
        v.movingVar!.assign(tf.add(tf.mul(v.movingVar!, BN_MOMENTUM), tf.mul(s.variance, 1 - BN_MOMENTUM)));
      });
      s.mean.dispose();
      s.variance.dispose();
    }
  }

  dispose(): void {
    for (const v of this.vars) for (const t of Object.values(v)) (t as tf.Variable | undefined)?.dispose();
  }
}
