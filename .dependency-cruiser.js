// Import boundaries (DESIGN.md, STYLE.md habit 6), checked over the whole import graph, type-only
// imports included: eslint's no-restricted-imports sees one file's own import lines, so
// `@core/train/trainer.ts` in the renderer would bundle tfjs without it noticing. Run by `npm run lint`.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const pkg = (name) => `(^|/)node_modules/${name}/`;
// core modules appear under their bare name (`fs`, `fs/promises`), whether imported as `node:fs` or `fs`
const BUILTINS = `^(node:)?(${builtinModules.filter((m) => !m.startsWith('_')).join('|')})(/|$)`;
const NOT_IN_A_BROWSER = [pkg('@tensorflow'), pkg('better-sqlite3'), pkg('electron'), BUILTINS];

/** What the renderer may import from src/: browser-safe modules (and, through them, what they import). */
const RENDERER_ENTRY_POINTS = [
  '^src/domain/',
  '^src/api/(contract|web-client|spec-diff)\\.ts$',
  '^src/experiment/(spec|sweep|weighting-info)\\.ts$',
  '^src/model/plan\\.ts$',
  '^src/studies/chart-options\\.ts$',
  '^src/studies/report/',
];
/** The study report draws its charts with ECharts' server-side SVG: the one part of src/ that may import echarts. */
const STUDY_REPORT = '^src/studies/report/';

export default {
  forbidden: [
    {
      name: 'renderer-reaches-node',
      comment:
        'The renderer runs in a browser: nothing it imports may lead to tfjs, better-sqlite3, electron or node:*.',
      severity: 'error',
      from: { path: '^renderer/src/' },
      to: { path: NOT_IN_A_BROWSER, reachable: true },
    },
    {
      name: 'renderer-core-entry-points',
      comment:
        'The renderer imports only the browser-safe parts of src/ (domain, contract, web client, spec, sweep, model plan).',
      severity: 'error',
      from: { path: '^renderer/src/' },
      to: { path: '^src/', pathNot: RENDERER_ENTRY_POINTS },
    },
    {
      name: 'domain-browser-safe',
      comment: 'src/domain is shared with the renderer: it must not lead to tfjs, better-sqlite3, electron or node:*.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: NOT_IN_A_BROWSER, reachable: true },
    },
    {
      name: 'src-no-electron-or-ui',
      comment: 'Logic under src/ runs without Electron and without the DOM (no renderer, vue or charting code).',
      severity: 'error',
      from: { path: '^src/', pathNot: STUDY_REPORT },
      to: { path: [pkg('electron'), pkg('(vue|vue-router|pinia|echarts|vue-echarts)'), '^renderer/'] },
    },
    {
      name: 'study-report-echarts-only',
      comment:
        'The study report (CLI and the Studies view alike) may use echarts to draw SVG, and nothing of the UI or of Node.',
      severity: 'error',
      from: { path: STUDY_REPORT },
      to: { path: [pkg('electron'), pkg('(vue|vue-router|pinia|vue-echarts)'), '^renderer/', ...NOT_IN_A_BROWSER] },
    },
    {
      name: 'store-export-not-train',
      comment: 'The store and export speak the domain vocabulary (src/domain); they never lead to the trainer.',
      severity: 'error',
      from: { path: '^src/(store|export)/' },
      to: { path: '^src/train/', reachable: true },
    },
    {
      name: 'train-not-api',
      comment: 'The trainer sits below the service: nothing in src/train may lead to src/api.',
      severity: 'error',
      from: { path: '^src/train/' },
      to: { path: '^src/api/', reachable: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    webpackConfig: { fileName: here('depcruise.resolve.js') },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
