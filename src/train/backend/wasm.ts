/**
 * Loading the wasm backend in Node: point it at its own .wasm binaries, add the training
 * kernels, and describe what it runs with. tfjs hard-codes multithreading off in Node, so a
 * wasm trainer uses one core (run several trainers for more).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfWasm from '@tensorflow/tfjs-backend-wasm';
import { wasmFolder } from '../../runtime/paths.ts';
import { blasDetail } from './blas.ts';
import { registerWasmTrainingKernels } from './wasm-kernels.ts';

let pathsConfigured = false;

/** The folder holding tfjs-backend-wasm's .wasm binaries, with a trailing separator. */
export const wasmBinaryFolder = wasmFolder;

/**
 * Must run before the wasm backend first initialises (setWasmPaths throws after a failed init).
 * The SIMD binary is picked automatically when WebAssembly SIMD validates.
 */
export function configureWasm(): void {
  if (!pathsConfigured) {
    tfWasm.setWasmPaths(wasmBinaryFolder());
    pathsConfigured = true;
  }
  registerWasmTrainingKernels();
}

/**
 * e.g. `wasm (SIMD, 1 thread)`, with ` + OpenBLAS 0.3.21, SkylakeX kernels (…), 1 thread` while
 * the native tier is on in this thread; call after the backend initialised.
 */
export async function wasmDetail(): Promise<string> {
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  let threads = 1;
  try {
    threads = tfWasm.getThreadsCount();
  } catch {
    // not initialised yet: Node runs single-threaded anyway
  }
  const tier = blasDetail();
  return `wasm (${simd ? 'SIMD' : 'no SIMD'}, ${threads} thread${threads === 1 ? '' : 's'})${tier ? ` + ${tier}` : ''}`;
}
