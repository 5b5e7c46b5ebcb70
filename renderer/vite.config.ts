import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Relative base: the same build loads from the web bridge (http://127.0.0.1:port/) and from
// Electron's file:// (or app://) without rewriting paths.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    // no inline <script>/<style>: the CSP forbids them
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    rollupOptions: {
      // zod's /* @__PURE__ */ comments in odd places: harmless, and noise at every `npm start`
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules/zod')) return;
        warn(warning);
      },
    },
  },
  resolve: { alias: { '@core': fileURLToPath(new URL('../src', import.meta.url)) } },
});
