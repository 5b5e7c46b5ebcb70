/**
 * The one concrete action for each way a native backend, or the native BLAS tier, fails to load: a
 * command to run or the package that provides a missing library. tfjs-node(-gpu) 4.x is built on libtensorflow 2.9,
 * which links CUDA 11.2 and cuDNN 8.1, whatever newer CUDA the machine has.
 */
import { version_core } from '@tensorflow/tfjs-core';
import { type BlasFix, blasNextStep } from './blas-next-steps.ts';

/** a native package must carry the same tfjs-core as the app (native.ts refuses any other) */
const NATIVE_VERSION = version_core;

export type Fix =
  | { kind: 'install'; pkg: string }
  | { kind: 'rebuild'; pkg: string }
  | { kind: 'cuda'; missing: string[] }
  | { kind: 'driver' }
  | { kind: 'glibc' }
  | BlasFix;

/** Missing shared library → NVIDIA's CUDA apt repository package (Debian non-free's name after "or"). */
const CUDA_PACKAGES: Array<{ lib: RegExp; nvidia: string; debian?: string }> = [
  { lib: /^libcudart\.so/, nvidia: 'cuda-cudart-11-2', debian: 'libcudart11.0' },
  { lib: /^libcudnn\.so/, nvidia: 'libcudnn8=8.1.1.33-1+cuda11.2' },
  { lib: /^libcublas(?:Lt)?\.so/, nvidia: 'libcublas-11-2', debian: 'libcublas11' },
  { lib: /^libcufft\.so/, nvidia: 'libcufft-11-2', debian: 'libcufft10' },
  { lib: /^libcurand\.so/, nvidia: 'libcurand-11-2', debian: 'libcurand10' },
  { lib: /^libcusolver\.so/, nvidia: 'libcusolver-11-2', debian: 'libcusolver11' },
  { lib: /^libcusparse\.so/, nvidia: 'libcusparse-11-2', debian: 'libcusparse11' },
];

function cudaStep(missing: string[]): string {
  const found = missing.map((m) => CUDA_PACKAGES.find((p) => p.lib.test(m))).filter((p) => p !== undefined);
  const nvidia = [...new Set(found.map((p) => p.nvidia))];
  const debian = found.every((p) => p.debian) ? [...new Set(found.map((p) => p.debian!))] : [];
  const alt = debian.length ? ` (on Debian with non-free enabled: \`sudo apt install ${debian.join(' ')}\`)` : '';
  const pkgs = nvidia.length ? nvidia.join(' ') : 'cuda-libraries-11-2 libcudnn8=8.1.1.33-1+cuda11.2';
  return (
    `from NVIDIA's CUDA apt repository: \`sudo apt install ${pkgs}\`${alt}, then \`sudo ldconfig\` ` +
    "(or add CUDA 11.2's lib64 folder to LD_LIBRARY_PATH) and restart the app"
  );
}

/** The next step for `fix`, as one sentence a person can follow. */
export function nextStepFor(fix: Fix): string {
  switch (fix.kind) {
    case 'install': {
      const cmd = `in the workbench's folder, on a machine that can reach storage.googleapis.com: \`npm install ${fix.pkg}@${NATIVE_VERSION}\``;
      // the GPU package loads only where CUDA 11.2 and cuDNN 8.1 do: say so before the install, not after
      return fix.pkg.endsWith('-gpu')
        ? `${cmd}; it also needs CUDA 11.2 and cuDNN 8.1 (libcudart.so.11.0, libcudnn.so.8)`
        : cmd;
    }
    case 'rebuild':
      return `in the workbench's folder, where storage.googleapis.com is reachable: \`npm rebuild ${fix.pkg}\``;
    case 'cuda':
      return cudaStep(fix.missing);
    case 'driver':
      return 'check that `nvidia-smi` lists the GPU; if not, install the NVIDIA driver (Debian: `sudo apt install nvidia-driver`) and reboot; if it does, unset CUDA_VISIBLE_DEVICES';
    case 'glibc':
      return 'use a newer Linux (glibc 2.28 or later, e.g. Debian 10+ or Ubuntu 20.04+), or train on wasm, which needs nothing native';
    case 'blas-install':
    case 'blas-build':
    case 'openblas':
    case 'blas-off':
      return blasNextStep(fix);
  }
}
