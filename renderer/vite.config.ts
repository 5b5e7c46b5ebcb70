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
  },
  resolve: { alias: { '@core': fileURLToPath(new URL('../src', import.meta.url)) } },
});
