// `node --import ./register.mjs main.mjs`: answer `import 'electron'` with the stand-in below.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
