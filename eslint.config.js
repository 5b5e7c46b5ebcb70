// Import boundaries (STYLE.md habit 6): logic under src/ runs without Electron or the DOM;
// only electron/ may import electron; the renderer never imports node:* or tfjs.
import pluginVue from 'eslint-plugin-vue';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'renderer/dist/**', 'release/**', 'test-output/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/essential'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
    rules: { 'vue/multi-word-component-names': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      // size guides (STYLE.md: files ~200 lines, functions ~40): warnings that point at what to split next
      'max-lines': ['warn', { max: 200, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['warn', { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['electron', 'electron/*'],
          message: 'src/ must run without Electron (only electron/ may import it).',
        },
        { group: ['vue', 'pinia', 'echarts', '**/renderer/**'], message: 'src/ must not depend on the renderer.' },
      ]),
    },
  },
  {
    // the study report draws its charts as SVG with ECharts' server-side rendering, in Node and the browser alike
    files: ['src/studies/report/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['electron', 'electron/*'], message: 'src/ must run without Electron.' },
        { group: ['vue', 'pinia', '**/renderer/**'], message: 'src/ must not depend on the renderer.' },
        { group: ['node:*', '@tensorflow/*', 'better-sqlite3'], message: 'The report must stay browser-safe.' },
      ]),
    },
  },
  {
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.vue'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['node:*', 'fs', 'path', 'worker_threads', 'child_process'],
          message: 'The renderer runs in a browser: no Node modules.',
        },
        {
          group: ['@tensorflow/*', 'better-sqlite3', 'electron'],
          message: 'The renderer talks to the service through the api client only.',
        },
      ]),
    },
  },
  // a describe() block is a list of tests, not a function to split
  { files: ['test/**/*.ts'], rules: { 'max-lines-per-function': 'off' } },
  // the native addon's package is CommonJS: its entry and install script load with require()
  { files: ['native/**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // formatting is Prettier's (npm run lint runs `prettier --check`): no eslint rule may fight it
  prettier,
);
