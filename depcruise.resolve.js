// The renderer's `@core` alias (as in renderer/vite.config.ts and vitest.config.ts), in the
// webpack `resolve` shape dependency-cruiser reads: without it every `@core/…` import would go
// unresolved and escape the boundary rules in .dependency-cruiser.js.
import { fileURLToPath } from 'node:url';

export default { resolve: { alias: { '@core': fileURLToPath(new URL('./src', import.meta.url)) } } };
