/** npm run schema: regenerate docs/*.schema.json from the zod schemas (a test checks they are current). */
import { writeFileSync } from 'node:fs';
import { jsonSchemas } from '../src/experiment/json-schema.ts';

for (const [file, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(new URL(`../docs/${file}`, import.meta.url), JSON.stringify(schema, null, 2) + '\n');
  console.log(`docs/${file}`);
}
