import * as tf from '@tensorflow/tfjs-core';
import { configureWasm } from '../src/train/backend/wasm.ts';
import { cnnSpec, shapes32 } from './models.ts';
import { disposeBatch, makeBatch } from '../src/train/batches.ts';
import { trainStep } from '../src/train/step.ts';
import { createState } from '../src/train/trainer.ts';
configureWasm(); await tf.setBackend('wasm');
const ds = shapes32(256);
const st = createState(cnnSpec, ds);
const idx = Int32Array.from({ length: cnnSpec.batchSize }, (_, i) => i);
const step = () => { const b = makeBatch(ds, ds.train, idx); trainStep(st, b.x, b.t, false); disposeBatch(b); };
for (let i = 0; i < 3; i++) step();
const info = await tf.profile(step);
const rows = new Map<string, {n:number, ms:number}>();
for (const k of info.kernels) { const ms = await k.kernelTimeMs as number; const key = `${k.name} ${JSON.stringify(k.inputShapes)}->${JSON.stringify(k.outputShapes)}`; const e = rows.get(key) ?? {n:0,ms:0}; e.n++; e.ms+=ms; rows.set(key,e); }
[...rows].sort((a,b)=>b[1].ms-a[1].ms).slice(0,45).forEach(([k,e])=>console.log(e.ms.toFixed(2).padStart(7), e.n, k));
