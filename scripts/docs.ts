/**
 * `npm run docs`: writes docs/model.md, the reference page of the built-in ferroptosis model
 * (species, parameters, inputs, rules, reactions with their rate laws, observables, sources).
 * test/ferroptosis/docs.test.ts fails when the committed page is out of date.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelMarkdown } from '../src/model/describe.ts';
import { ferroptosis } from '../src/model/ferroptosis/index.ts';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'model.md');
writeFileSync(out, modelMarkdown(ferroptosis));
process.stdout.write(`wrote ${out}\n`);
