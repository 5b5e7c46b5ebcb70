/**
 * The report a person can send: one self-contained HTML file of a study run — the question, the
 * expectation and its citation, the rule, the verdicts, each quantity per arm, the charts as
 * inline SVG, the specs, the backend and the version. No script and no external resource; its
 * CSP meta tag says so to the browser too. Pure: used by the CLI (`study report`) in Node and by
 * the Studies view's Export in the browser.
 */
import type { StudyResult } from '../../domain/studies.ts';
import { esc } from './escape.ts';
import { findingsSection, provenanceSection, quantitySection, specsSection, verdictBadge } from './sections.ts';
import { REPORT_CSP, REPORT_CSS } from './style.ts';
import { chartSvg } from './svg.ts';

export interface ReportOptions {
  /** the date the report states it was written (default: now) */
  generatedAt?: Date;
}

const section = (title: string, body: string) => `<section><h2>${esc(title)}</h2>${body}</section>`;

export function studyReportHtml(result: StudyResult, options: ReportOptions = {}): string {
  const info = result.info;
  const charts = result.charts.map((c) => `<figure aria-label="${esc(c.title)}">${chartSvg(c)}</figure>`).join('');
  const body = [
    `<header><h1>${esc(info.title)}</h1><p class="meta">${esc(result.study)} v${esc(result.version)} · ${esc(
      result.size,
    )} · study run ${esc(result.id)}</p><p>Verdict: ${verdictBadge(result.verdict)}</p></header>`,
    section(
      'The question',
      `<dl><dt>question</dt><dd>${esc(info.question)}</dd><dt>expectation</dt><dd>${esc(
        info.expectation,
      )}</dd><dt>citation</dt><dd><cite>${esc(info.citation)}</cite></dd><dt>rule</dt><dd>${esc(info.rule)}</dd></dl>`,
    ),
    section('Findings', findingsSection(result.findings)),
    section('Measured, over seeds', result.quantities.map(quantitySection).join('') || '<p>Nothing measured yet.</p>'),
    section('Charts', charts || '<p>No chart yet.</p>'),
    section('Specs', specsSection(result)),
    section('Provenance', provenanceSection(result, options.generatedAt ?? new Date())),
  ].join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(info.title)} — study report</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** A file name for the report: the study and the start date, e.g. `glorot-init-2026-11-29.html`. */
export const reportFileName = (r: StudyResult) => `${r.study}-${r.createdAt.slice(0, 10)}.html`;
