/**
 * Writes scenarios/scenario.schema.json and scenarios/model.schema.json from the zod schemas:
 *   npx tsx src/scenario/write-json-schema.ts
 * test/scenario/json-schema.test.ts fails when the committed file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { modelJsonSchemaText, scenarioJsonSchemaText } from './json-schema.ts';

for (const [name, text] of [['scenario.schema.json', scenarioJsonSchemaText()], ['model.schema.json', modelJsonSchemaText()]]) {
  const target = fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url));
  writeFileSync(target, text);
  process.stdout.write(`wrote ${target}\n`);
}
