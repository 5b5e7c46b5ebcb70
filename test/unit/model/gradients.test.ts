/**
 * Analytic gradients (tfjs autodiff through our functional network and losses) against central
 * finite differences, for every layer kind, activation, head, loss and normalisation.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSpec, type SpecInput } from '../../../src/experiment/spec.ts';
import { generateShapes } from '../../../src/data/shapes.ts';
import { Network } from '../../../src/model/network.ts';
import { planModel } from '../../../src/model/plan.ts';
import { makeBatch, disposeBatch } from '../../../src/train/batches.ts';
import { termLoss, weightedSum } from '../../../src/train/losses.ts';
import { createRng } from '../../../src/util/rng.ts';
import { useCpu } from '../../helpers/tf-cpu.ts';

beforeAll(useCpu);

/** Max relative error over a few sampled entries of every variable. */
function checkGradients(input: SpecInput, samplesPerVar = 3): number {
  const spec = parseSpec({
    ...input,
    data: { kind: 'shapes', imageSize: 8, trainCount: 16, valCount: 8, noise: 0.05 },
  });
  const ds = generateShapes(spec.data as never, 3);
  const plan = planModel(spec, [8, 8, 1], ds.classNames.length);
  const net = new Network(plan, spec.model.init, 5);
  const batch = makeBatch(ds, ds.train, [0, 1, 2, 3, 4, 5]);
  const w = plan.terms.map((_, i) => 1 / (i + 1));
  const lossFn = () => {
    const r = net.forward(batch.x, { training: true });
    return weightedSum(
      plan.terms.map((t) => termLoss(t.loss, r.outputs.get(t.id)!, batch.t)),
      w,
    );
  };
  const lossValue = () => tf.tidy(() => lossFn().dataSync()[0]);
  const { value, grads } = tf.variableGrads(lossFn, net.trainable());
  value.dispose();
  const rng = createRng(11);
  let worst = 0;
  let kinks = 0;
  let checked = 0;
  for (const v of net.trainable()) {
    const g = grads[v.name].dataSync();
    const data = v.dataSync().slice();
    for (let s = 0; s < samplesPerVar; s++) {
      const k = rng.int(data.length);
      const eps = 3e-3 * Math.max(1, Math.abs(data[k]));
      const at = (d: number) => {
        const copy = data.slice();
        copy[k] += d;
        v.assign(tf.tensor(copy, v.shape));
        return lossValue();
      };
      const [up, mid, down] = [at(eps), at(0), at(-eps)];
      v.assign(tf.tensor(data, v.shape));
      // a ReLU / |x| kink inside [−eps, eps] shows as a second difference far above smooth curvature: skip it
      if (Math.abs(up - 2 * mid + down) > 0.2 * Math.abs(up - down) + 1e-6) {
        kinks++;
        continue;
      }
      const fd = (up - down) / (2 * eps);
      // float32 losses: an absolute floor of 1e-3 keeps rounding noise on tiny entries from counting
      const err = Math.abs(fd - g[k]) / (Math.abs(fd) + Math.abs(g[k]) + 1e-3);
      if (process.env.GW_DEBUG && err > 0.03) console.log(v.name, k, fd, g[k]);
      worst = Math.max(worst, err);
      checked++;
    }
  }
  tf.dispose(Object.values(grads));
  disposeBatch(batch);
  net.dispose();
  expect(kinks).toBeLessThan(checked / 4);
  return worst;
}

const tasks = [{ kind: 'cls' }, { kind: 'seg' }, { kind: 'recon' }] as const;

describe('gradients match finite differences', () => {
  for (const activation of ['sigmoid', 'tanh', 'elu', 'linear', 'leaky_relu', 'relu'] as const) {
    it(`mlp, ${activation}, cls + seg(bce) + recon`, () => {
      expect(
        checkGradients({ model: { trunk: 'mlp', depth: 3, width: 6, activation }, tasks: [...tasks] }),
      ).toBeLessThan(0.03);
    });
  }
  it('seg with L1 loss and a hidden head layer', () => {
    expect(
      checkGradients({
        model: { depth: 2, width: 5, activation: 'tanh', headHidden: 4 },
        tasks: [{ kind: 'seg', loss: 'l1' }],
      }),
    ).toBeLessThan(0.03);
  });
  for (const norm of ['batch', 'layer'] as const) {
    it(`mlp with ${norm} norm and residual`, () => {
      expect(
        checkGradients({
          model: { depth: 3, width: 6, activation: 'tanh', norm, residual: true },
          tasks: [{ kind: 'cls' }, { kind: 'recon' }],
        }),
      ).toBeLessThan(0.03);
    });
  }
  it('cnn (stride 2, same padding, dense layer) with an auxiliary head', () => {
    const input: SpecInput = {
      model: { trunk: 'cnn', depth: 2, width: 3, activation: 'tanh', denseUnits: 6, downsampleEvery: 2 },
      tasks: [{ kind: 'cls', aux: { layer: 1 } }, { kind: 'seg' }],
    };
    expect(checkGradients(input)).toBeLessThan(0.03);
  });
  it('cnn with batch norm', () => {
    expect(
      checkGradients({
        model: { trunk: 'cnn', depth: 2, width: 2, activation: 'sigmoid', norm: 'batch', denseUnits: 0 },
        tasks: [{ kind: 'cls' }],
      }),
    ).toBeLessThan(0.03);
  });
});
