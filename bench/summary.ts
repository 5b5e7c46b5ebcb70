/**
 * The bench's closing tables, for a person: one line per model × row with our step time, PyTorch's
 * measured in the same run as installed and at the row's threads, and the two ratios; for --sweep,
 * the wall time and each run's seconds.
 */
import type { SweepResult } from './sweep.ts';

/** PyTorch's median step on one model at one thread setting. */
export interface PeerFigure {
  msPerStep: number;
  /** torch's intra-op threads */
  threads: number;
  /** its OpenBLAS's threads, when its BLAS is OpenBLAS */
  blasThreads?: number;
}

export interface BenchRow {
  model: string;
  /** e.g. `wasm + native tier` */
  variant: string;
  /** what the row computes on, e.g. `1 BLAS` */
  threads: string;
  msPerStep: number;
  samplesPerSec: number;
  /** PyTorch as installed (its thread defaults) */
  pytorch?: PeerFigure;
  /** PyTorch at the row's thread count */
  pytorchSame?: PeerFigure;
}

/** Our speed as a share of PyTorch's: 1 = as fast, 0.5 = half as fast, 2 = twice as fast. */
export function speedRatio(peerMsPerStep: number, msPerStep: number): number {
  return +(peerMsPerStep / msPerStep).toFixed(3);
}

export function peerThreadsText(p: PeerFigure): string {
  return p.blasThreads === undefined ? `torch ${p.threads}` : `torch ${p.threads}, BLAS ${p.blasThreads}`;
}

/** Columns padded to their widest cell; `right[i]` right-aligns column i (numbers). */
export function formatTable(header: string[], rows: string[][], right: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const ms = (x: number) => x.toFixed(2);

export function formatSummary(rows: BenchRow[]): string {
  const header = [
    'model',
    'row',
    'threads',
    'ms/step',
    'samples/s',
    'PyTorch ms',
    'PyTorch threads',
    '× PyTorch',
    'PyTorch ms, same threads',
    '× same threads',
  ];
  const cells = rows.map((r) => [
    r.model,
    r.variant,
    r.threads,
    ms(r.msPerStep),
    String(r.samplesPerSec),
    r.pytorch ? ms(r.pytorch.msPerStep) : '—',
    r.pytorch ? peerThreadsText(r.pytorch) : '—',
    r.pytorch ? speedRatio(r.pytorch.msPerStep, r.msPerStep).toFixed(2) : '—',
    r.pytorchSame ? `${ms(r.pytorchSame.msPerStep)} (${peerThreadsText(r.pytorchSame)})` : '—',
    r.pytorchSame ? speedRatio(r.pytorchSame.msPerStep, r.msPerStep).toFixed(2) : '—',
  ]);
  const right = [false, false, false, true, true, true, false, true, false, true];
  return [
    'Side by side: median ms per training step; × PyTorch = PyTorch’s ms / ours (1 = as fast, above 1 = faster).',
    formatTable(header, cells, right),
  ].join('\n');
}

export function formatSweep(s: SweepResult): string {
  const cells = s.runs.map((r) => [
    r.name,
    r.status,
    r.seconds?.toFixed(2) ?? '—',
    r.startedAfter?.toFixed(2) ?? '—',
    r.backend ?? '—',
  ]);
  return [
    `${s.example}: ${s.wallSeconds} s end to end (exit ${s.exitCode}), ${s.parallel} at once; ` +
      `load average ${s.loadBefore} before, ${s.loadAfter} after`,
    formatTable(['run', 'status', 'seconds', 'started at s', 'backend'], cells, [false, false, true, true, false]),
  ].join('\n');
}
