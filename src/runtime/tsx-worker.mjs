// Worker bootstrap when running from source: Node 20 workers do not inherit the parent's module
// hooks, so register tsx's TypeScript loader in this thread, then load the entry named in argv
// (src/runtime/paths.ts, workerStart). Bundles never come here: they start their .mjs directly.
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
await import(pathToFileURL(process.argv[2]).href);
