/** Real data end to end: a short run on Debian's Fashion-MNIST files through the CLI, where installed. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findFashionMnist } from '../../src/data/index.ts';
import { cli, tempDir } from '../helpers/cli.ts';

const files = findFashionMnist();
const tmp = tempDir();
afterAll(tmp.cleanup);

describe.skipIf(!files)(
  `Fashion-MNIST through the CLI (needs Debian's dataset-fashion-mnist: ${files ? 'found' : 'NOT installed, skipped'})`,
  () => {
    it('trains cls + seg + recon on IDX files with a held-out split and a sample limit', async () => {
      const spec = join(tmp.dir, 'fashion.json');
      writeFileSync(
        spec,
        JSON.stringify({
          name: 'fashion smoke',
          data: {
            kind: 'idx',
            images: files!.images,
            labels: files!.labels,
            valImages: files!.testImages,
            valLabels: files!.testLabels,
            limit: 512,
          },
          model: { depth: 2, width: 32 },
          tasks: [{ kind: 'cls', primary: true }, { kind: 'seg' }, { kind: 'recon' }],
          epochs: 1,
          stats: { probeBatchSize: 16 },
        }),
      );
      const db = join(tmp.dir, 'f.db');
      const r = await cli(['run', spec, '--db', db, '--json']);
      expect(r.code).toBe(0);
      const epoch = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
        .find((e) => e.event === 'run.epoch');
      const acc = epoch.payload.record.metrics.find(
        (m: { task: string; split: string; name: string }) =>
          m.task === 'cls' && m.split === 'val' && m.name === 'accuracy',
      ).value;
      // ten classes: anything clearly above chance after one short epoch shows the labels line up
      expect(acc).toBeGreaterThan(0.2);
    });
  },
);
