/**
 * The reference optimiser on every backend but wasm: tf.train's update, preceded by weight decay
 * and global-norm clipping as tensor ops.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerOptions, OptimizerSpec, StepOptimizer } from './types.ts';

function tfTrainOptimizer(o: OptimizerSpec): tf.Optimizer {
  if (o.kind === 'sgd') return tf.train.sgd(o.learningRate);
  if (o.kind === 'momentum') return tf.train.momentum(o.learningRate, o.momentum);
  return tf.train.adam(o.learningRate);
}

export class TfTrainOptimizer implements StepOptimizer {
  private readonly inner: tf.Optimizer;

  constructor(
    private readonly spec: OptimizerSpec,
    private readonly options: OptimizerOptions,
  ) {
    this.inner = tfTrainOptimizer(spec);
  }

  applyGradients(grads: tf.NamedTensorMap): void {
    const { weightDecay, clipNorm } = this.spec;
    tf.tidy(() => {
      let g: tf.NamedTensorMap = { ...grads };
      if (weightDecay > 0)
        for (const name of Object.keys(g))
          if (this.options.decayed.has(name))
            g[name] = tf.add(g[name], tf.mul(tf.engine().registeredVariables[name], weightDecay));
      if (clipNorm !== undefined) {
        const norm = tf.sqrt(tf.addN(Object.values(g).map((x) => tf.sum(tf.square(x)))));
        const factor = tf.minimum(1, tf.div(clipNorm, tf.maximum(norm, 1e-12)));
        g = Object.fromEntries(Object.entries(g).map(([k, x]) => [k, tf.mul(x, factor)]));
      }
      this.inner.applyGradients(g);
    });
  }

  dispose(): void {
    this.inner.dispose();
  }
}
