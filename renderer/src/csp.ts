/**
 * Imported first by main.ts. zod compiles validators with `new Function` when it may; its probe
 * for that is refused by script-src 'self' and Chromium reports the refusal as a CSP violation
 * even though zod catches it. jitless validates the same, without the probe.
 */
import { config } from 'zod';

config({ jitless: true });
