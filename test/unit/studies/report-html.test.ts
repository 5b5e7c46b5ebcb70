/**
 * The study report, written in Node as the CLI writes it: one HTML document that parses, holds
 * every finding (escaped), every quantity per arm, every chart as inline SVG, the specs and the
 * provenance, and nothing that runs or reaches out: no script, no URL, a strict CSP.
 */
import { fmt } from '../../../src/studies/chart-options.ts';
import { reportFileName, studyReportHtml } from '../../../src/studies/report/html.ts';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { glorotResult, glorotRunning } from '../../renderer/study-fixtures.ts';

const generatedAt = new Date('2026-11-29T17:00:00.000Z');
const html = studyReportHtml(glorotResult, { generatedAt });

function parse(text: string) {
  const window = new Window();
  window.document.write(text);
  return window.document;
}

describe('study report HTML', () => {
  const doc = parse(html);
  const text = doc.body.textContent ?? '';

  it('is one HTML document with a strict CSP and nothing that runs or loads', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:/i);
    expect(html).not.toMatch(/\s(src|href)=/i);
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).not.toMatch(/script-src/);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(doc.title).toContain(glorotResult.info.title);
  });

  it('states the question, the expectation with its citation, the rule and the verdict', () => {
    for (const s of ['question', 'expectation', 'citation', 'rule'] as const)
      expect(text).toContain(glorotResult.info[s]);
    expect(doc.querySelector('header .verdict')?.textContent).toBe('reproduced');
  });

  it('lists every finding with its verdict, stored text escaped', () => {
    const rows = [...doc.querySelectorAll('section')].find((s) => s.textContent?.startsWith('Findings'))!;
    for (const f of glorotResult.findings) {
      expect(rows.textContent).toContain(f.claim);
      expect(rows.textContent).toContain(f.measured);
    }
    expect([...rows.querySelectorAll('.verdict')].map((v) => v.textContent)).toEqual(['reproduced', 'inconclusive']);
    expect(html).toContain('(sigmoid &amp; &lt;script&gt;)');
  });

  it('gives each quantity per arm as mean ± std over seeds, with the expected value', () => {
    const q = glorotResult.quantities[0];
    for (const a of q.arms) {
      expect(text).toContain(a.arm);
      expect(text).toContain(`${fmt(a.stat.mean)} ± ${fmt(a.stat.std)}`);
    }
    expect(text).toContain('0.239');
  });

  it('embeds every chart as SVG', () => {
    const figures = doc.querySelectorAll('figure');
    expect(figures).toHaveLength(glorotResult.charts.length);
    for (const f of figures)
      expect(f.querySelector('svg')?.querySelectorAll('path, rect, text').length).toBeGreaterThan(5);
    // the heatmap's cells are drawn, on the SVG's own coordinates
    expect(html.match(/<svg /g)).toHaveLength(glorotResult.charts.length);
  });

  it('holds the specs, backend, app version and dates', () => {
    expect(text).toContain('"glorot-init tanh"');
    expect(text).toContain('wasm (simd, 1 thread)');
    expect(text).toContain(`app version${glorotResult.appVersion}`);
    expect(text).toContain(glorotResult.createdAt);
    expect(text).toContain(generatedAt.toISOString());
  });

  it('a run still going reports pending, with no finding yet', () => {
    const d = parse(studyReportHtml(glorotRunning, { generatedAt }));
    expect(d.querySelector('header .verdict')?.textContent).toBe('pending');
    expect(d.body.textContent).toContain('5 of 12 ended (running)');
    expect(d.body.textContent).toContain('No finding decided yet');
  });

  it('names the file after the study and its date', () => {
    expect(reportFileName(glorotResult)).toBe('glorot-init-2026-11-29.html');
  });
});
