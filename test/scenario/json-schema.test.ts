import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelJsonSchemaText, scenarioJsonSchemaText } from '../../src/scenario/json-schema.ts';

describe('scenarios/scenario.schema.json', () => {
  it('is up to date with the zod schema (regenerate: npx tsx src/scenario/write-json-schema.ts)', () => {
    const committed = readFileSync(new URL('../../scenarios/scenario.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(scenarioJsonSchemaText());
  });

  it('is strict: unknown keys are rejected by editors too', () => {
    const schema = JSON.parse(scenarioJsonSchemaText());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.time.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'description', 'time']));
  });
});

describe('scenarios/model.schema.json', () => {
  it('is up to date with the model-file schema (regenerate: npx tsx src/scenario/write-json-schema.ts)', () => {
    const committed = readFileSync(new URL('../../scenarios/model.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(modelJsonSchemaText());
    const schema = JSON.parse(committed);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['name', 'species', 'parameters', 'reactions']);
  });
});
