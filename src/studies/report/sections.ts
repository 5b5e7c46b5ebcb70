/** The report's sections as HTML strings: findings, quantities per arm, specs, provenance. */
import type { StudyFinding, StudyQuantity, StudyResult, StudyVerdict } from '../../domain/studies.ts';
import { fmt } from '../chart-options.ts';
import { esc } from './escape.ts';

/** A verdict as a coloured word; `null` (runs still going) reads as pending. */
export function verdictBadge(v: StudyVerdict | null): string {
  const cls = v ? v.replace(' ', '-') : 'pending';
  return `<span class="verdict verdict-${cls}">${esc(v ?? 'pending')}</span>`;
}

const table = (head: string[], rows: string[][], numeric: number[] = []) =>
  `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

export function findingsSection(findings: StudyFinding[]): string {
  if (!findings.length) return '<p>No finding decided yet: the runs have not finished.</p>';
  const rows = findings.map((f) => [
    esc(f.claim),
    esc(f.measured),
    esc(fmt(f.effect)),
    esc(fmt(f.spread)),
    verdictBadge(f.verdict),
  ]);
  return table(['claim', 'measured', 'effect', 'seed spread', 'verdict'], rows, [2, 3]);
}

/** One table per quantity: each arm's mean ± sample std over seeds, min–max, seeds, and the expected value. */
export function quantitySection(q: StudyQuantity): string {
  const expected = new Map((q.expected ?? []).map((e) => [e.arm, e.value]));
  const rows = q.arms.map((a) => [
    esc(a.arm),
    `${esc(fmt(a.stat.mean))} ± ${esc(fmt(a.stat.std))}`,
    `${esc(fmt(a.stat.min))} … ${esc(fmt(a.stat.max))}`,
    esc(a.stat.values.length),
    esc(expected.has(a.arm) ? fmt(expected.get(a.arm)) : ''),
  ]);
  const unit = q.unit ? ` (${esc(q.unit)})` : '';
  return `<h3>${esc(q.label)}${unit}</h3>${table(['arm', 'mean ± std', 'min … max', 'seeds', 'expected'], rows, [1, 2, 3, 4])}`;
}

/** The experiments this size ran, verbatim, and the overrides applied to every run. */
export function specsSection(r: StudyResult): string {
  const experiments = r.info.experiments[r.size] ?? [];
  const overrides = Object.keys(r.overrides).length
    ? `<p>Overrides applied to every run:</p><pre>${esc(JSON.stringify(r.overrides, null, 2))}</pre>`
    : '<p>No overrides: the study as published.</p>';
  const specs = experiments.map((e) => `<pre>${esc(JSON.stringify(e, null, 2))}</pre>`).join('');
  return `${overrides}${specs}`;
}

export function provenanceSection(r: StudyResult, generatedAt: Date): string {
  const b = r.backend;
  const skipped = b?.skipped.length ? b.skipped.map((s) => `${s.name}: ${s.reason}`).join('; ') : 'none';
  const items: Array<[string, string]> = [
    ['study', `${r.study} v${r.version}, ${r.size} size, ${r.seeds} seed(s)`],
    ['study run', r.id],
    ['runs', `${r.progress.done} of ${r.progress.total} ended (${r.status})`],
    ['started', r.createdAt],
    ['finished', r.finishedAt ?? '—'],
    ['backend', b ? `${b.name} — ${b.detail}` : 'unknown (no run started)'],
    ['skipped backends', b ? skipped : '—'],
    ['app version', r.appVersion],
    ['report written', generatedAt.toISOString()],
  ];
  return `<dl>${items.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
}
