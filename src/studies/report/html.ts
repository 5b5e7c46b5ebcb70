/**
 * The study report as one self-contained HTML page. MINIMAL placeholder with the agreed signature
 * (the findings and verdict as plain HTML) so the CLI's `study report` works on this branch; the
 * Studies-view branch owns the real report (charts, specs) and replaces this file at merge.
 */
import type { StudyResult } from '../../domain/studies.ts';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function studyReportHtml(result: StudyResult): string {
  const rows = result.findings
    .map((f) => `<tr><td>${escape(f.claim)}</td><td>${escape(f.measured)}</td><td>${escape(f.verdict)}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(result.info.title)}</title></head>
<body>
<h1>${escape(result.info.title)}</h1>
<p>${escape(result.study)} v${result.version} · ${escape(result.size)} · ${result.seeds} seeds · verdict: <strong>${escape(result.verdict ?? 'pending')}</strong></p>
<p>${escape(result.info.expectation)}</p>
<p><em>${escape(result.info.citation)}</em></p>
<table><thead><tr><th>claim</th><th>measured</th><th>verdict</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p>${escape(result.info.rule)}</p>
</body></html>
`;
}
