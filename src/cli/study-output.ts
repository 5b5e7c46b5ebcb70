/**
 * What `study run` prints once a study run has ended: with --json one object per line (each
 * quantity per arm with mean ± spread over seeds, each finding with its verdict, then the overall
 * verdict); otherwise a readable table of the same.
 */
import type { StudyResult } from '../domain/studies.ts';
import { fixed } from '../studies/seed-stats.ts';
import { terminalText as safe } from './terminal-text.ts';

const num = (x: number | null | undefined, digits = 3) =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : fixed(x, digits);

/** The result as JSON lines (objects with a `type`: quantity, finding, verdict). */
export function resultJsonLines(r: StudyResult, wallSeconds: number): string[] {
  const lines: unknown[] = [];
  for (const q of r.quantities)
    for (const a of q.arms)
      lines.push({
        type: 'quantity',
        id: q.id,
        label: q.label,
        unit: q.unit,
        arm: a.arm,
        mean: a.stat.mean,
        std: a.stat.std,
        min: a.stat.min,
        max: a.stat.max,
        values: a.stat.values,
        seeds: a.stat.values.length,
        expected: q.expected?.find((e) => e.arm === a.arm)?.value ?? null,
      });
  for (const f of r.findings) lines.push({ type: 'finding', ...f });
  lines.push({
    type: 'verdict',
    study: r.study,
    version: r.version,
    studyRunId: r.id,
    size: r.size,
    seeds: r.seeds,
    status: r.status,
    verdict: r.verdict,
    wallSeconds,
    backend: r.backend?.name ?? null,
  });
  return lines.map((l) => JSON.stringify(l));
}

/** The result as a table: quantities by arm, findings with verdicts, the overall verdict. */
export function resultText(r: StudyResult, wallSeconds: number): string[] {
  const out = [`${r.info.title}`, `study run ${r.id} · ${r.study} v${r.version} · ${r.size} · ${r.seeds} seeds`, ''];
  for (const q of r.quantities) {
    out.push(`${safe(q.label)} (${q.unit}):`);
    const width = Math.max(0, ...q.arms.map((a) => a.arm.length));
    for (const a of q.arms) {
      const expected = q.expected?.find((e) => e.arm === a.arm)?.value;
      const exp = expected === undefined ? '' : `   expected ${num(expected)}`;
      out.push(
        `  ${safe(a.arm).padEnd(width)}  ${num(a.stat.mean)} ± ${num(a.stat.std)}  (n=${a.stat.values.length})${exp}`,
      );
    }
  }
  out.push('', 'findings:');
  for (const f of r.findings) out.push(`  [${f.verdict}] ${safe(f.claim)}`, `      ${safe(f.measured)}`);
  out.push('', `verdict: ${r.verdict ?? 'pending'} (${r.status}, ${Math.round(wallSeconds)} s)`);
  return out;
}
