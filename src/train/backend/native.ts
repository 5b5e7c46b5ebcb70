/**
 * The native TensorFlow backends: @tensorflow/tfjs-node-gpu (libtensorflow with CUDA) and
 * @tensorflow/tfjs-node (libtensorflow on CPU). Both are optional dependencies whose install
 * downloads libtensorflow, so either may be absent; both register the tfjs backend 'tensorflow'.
 *
 * Shared tfjs-core: these packages import the `@tensorflow/tfjs` umbrella, which brings its own
 * `@tensorflow/tfjs-core` unless npm dedupes it onto ours. The engine and the kernel registry
 * live on a global, so a second copy of the *same* version still registers into our engine; a
 * *different* version would mix kernel conventions, so we refuse to use it (version_core check).
 * Importing either package also calls `tf.setBackend('tensorflow')` as a side effect.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { explainLoad } from './explain.ts';
import { nextStepFor } from './next-steps.ts';

export type NativeKind = 'tensorflow-gpu' | 'tensorflow';

export const NATIVE_PACKAGES: Record<NativeKind, string> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
};

/** `next`: the one action that would make it load, when there is one */
export type NativeLoad = { ok: true; pkg: string } | { ok: false; reason: string; next: string | null };

const loads = new Map<string, Promise<NativeLoad>>();
const run = promisify(execFile);

async function importPackage(pkg: string): Promise<NativeLoad> {
  let mod: Record<string, unknown>;
  try {
    // a variable specifier: the packages have no types here, and bundlers must not resolve them
    const ns = (await import(pkg)) as { default?: Record<string, unknown> };
    mod = ns.default ?? (ns as Record<string, unknown>);
  } catch (err) {
    return { ok: false, ...explainLoad(pkg, err) };
  }
  const theirs = mod.version_core ?? (mod.version as Record<string, string> | undefined)?.['tfjs-core'];
  if (theirs !== tf.version_core) {
    return {
      ok: false,
      reason: `uses @tensorflow/tfjs-core ${String(theirs)}, the app uses ${tf.version_core}`,
      next: nextStepFor({ kind: 'install', pkg }),
    };
  }
  if (tf.findBackendFactory('tensorflow') == null) {
    return {
      ok: false,
      reason: "loaded, but registered no 'tensorflow' backend with this app's tfjs-core",
      next: nextStepFor({ kind: 'install', pkg }),
    };
  }
  return { ok: true, pkg };
}

/**
 * Imports the package for `kind` once per process. Once tfjs-node-gpu has loaded, 'tensorflow'
 * reuses its libtensorflow (which runs on the CPU too) rather than loading a second copy.
 */
export function loadNative(kind: NativeKind): Promise<NativeLoad> {
  const gpuPkg = NATIVE_PACKAGES['tensorflow-gpu'];
  const pkg = NATIVE_PACKAGES[kind];
  const cached = loads.get(pkg);
  if (cached) return cached;
  const load = (async () => {
    if (kind === 'tensorflow' && loads.has(gpuPkg)) {
      const gpu = await loads.get(gpuPkg)!;
      if (gpu.ok) return gpu;
    }
    return importPackage(pkg);
  })();
  loads.set(pkg, load);
  return load;
}

/** Whether the active 'tensorflow' backend placed its ops on a GPU (NodeJSKernelBackend flag). */
export function nativeUsesGpu(): boolean {
  const backend = tf.findBackend('tensorflow') as { isUsingGpuDevice?: boolean } | null;
  return backend?.isUsingGpuDevice === true;
}

/** Whether the dynamic loader can find `lib` (ldconfig cache or LD_LIBRARY_PATH). */
export async function sharedLibraryFound(lib: string): Promise<boolean> {
  const dirs = (process.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean);
  if (dirs.some((d) => existsSync(path.join(d, lib)))) return true;
  try {
    const { stdout } = await run('ldconfig', ['-p'], { timeout: 3000 });
    return stdout.includes(lib);
  } catch {
    return false;
  }
}

/** The CUDA libraries tfjs-node-gpu 4.x needs that the loader cannot find. */
export async function missingCudaLibraries(): Promise<string[]> {
  const libs = ['libcudart.so.11.0', 'libcudnn.so.8'];
  const found = await Promise.all(libs.map(sharedLibraryFound));
  return libs.filter((_, i) => !found[i]);
}

/** First GPU's name from nvidia-smi, or null when it is not available. */
export async function gpuDeviceName(): Promise<string | null> {
  try {
    const { stdout } = await run('nvidia-smi', ['--query-gpu=name', '--format=csv,noheader'], { timeout: 3000 });
    return stdout.split('\n')[0].trim() || null;
  } catch {
    return null;
  }
}
