/**
 * Writes scenarios/scenario.schema.json from the zod schema:
 *   npx tsx src/scenario/write-json-schema.ts
 * test/scenario/json-schema.test.ts fails when the committed file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText } from './json-schema.ts';

const target = fileURLToPath(new URL('../../scenarios/scenario.schema.json', import.meta.url));
writeFileSync(target, scenarioJsonSchemaText());
process.stdout.write(`wrote ${target}\n`);
