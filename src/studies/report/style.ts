/**
 * The report's stylesheet, inlined (the file must stand alone). The CSP of the file allows inline
 * styles and nothing else: no script, no fetch, no image from anywhere.
 */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** Verdict colours (text and border), the same words and hues as the Studies view. */
export const VERDICT_COLOURS = { reproduced: '#1a7f37', 'not reproduced': '#c62828', inconclusive: '#9a6700' } as const;

export const REPORT_CSS = `
body { font: 14px/1.5 system-ui, -apple-system, 'Segoe UI', sans-serif; color: #1d2027; background: #fff;
  max-width: 820px; margin: 24px auto; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; }
.meta { color: #555; font-size: 12px; } dl { display: grid; grid-template-columns: 120px 1fr; gap: 4px 12px; }
dt { font-weight: 600; color: #444; } dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 6px 0 12px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e4e4e4; vertical-align: top; }
td.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
.verdict { display: inline-block; padding: 1px 8px; border: 1px solid; border-radius: 10px; font-weight: 600; }
${Object.entries(VERDICT_COLOURS)
  .map(([v, c]) => `.verdict-${v.replace(' ', '-')} { color: ${c}; border-color: ${c}; }`)
  .join('\n')}
.verdict-pending { color: #555; border-color: #999; }
figure { margin: 12px 0; } figure svg { max-width: 100%; height: auto; border: 1px solid #eee; }
pre { background: #f6f8fa; padding: 8px; overflow: auto; font-size: 12px; }
@media print { h2 { break-after: avoid; } figure { break-inside: avoid; } }
`;
