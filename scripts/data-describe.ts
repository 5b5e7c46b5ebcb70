/**
 * Prints what a data spec loads to, and how long it took:
 *   npx tsx scripts/data-describe.ts                     # default shapes
 *   npx tsx scripts/data-describe.ts fashion             # Debian's Fashion-MNIST, 10% held out
 *   npx tsx scripts/data-describe.ts '{"kind":"idx",…}'  # any data spec as JSON
 */
import { classCounts, describeDataset, findFashionMnist, loadDataset } from '../src/data/index.ts';
import { dataSchema } from '../src/experiment/spec.ts';

function specFrom(arg: string | undefined): unknown {
  if (arg === undefined || arg === 'shapes') return { kind: 'shapes' };
  if (arg === 'fashion') {
    const found = findFashionMnist();
    if (!found) throw new Error('Fashion-MNIST not found: apt-get install dataset-fashion-mnist');
    return { kind: 'idx', images: found.images, labels: found.labels };
  }
  return JSON.parse(arg);
}

const spec = dataSchema.parse(specFrom(process.argv[2]));
const t0 = performance.now();
const ds = loadDataset(spec, Number(process.argv[3] ?? 42));
const ms = performance.now() - t0;
console.log(describeDataset(ds));
console.log(`train classes ${classCounts(ds.train.labels, ds.classNames.length).join(' ')}`);
console.log(`loaded in ${ms.toFixed(0)} ms`);
