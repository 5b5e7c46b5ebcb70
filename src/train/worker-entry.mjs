// Worker bootstrap: Node 20 workers do not inherit the parent's module hooks, so register tsx's
// TypeScript loader here, then load the real (TypeScript) worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
