/** The scenario schema as JSON Schema (draft 2020-12), for editors via yaml-language-server. */
import { z } from 'zod';
import { ModelFileSchema } from './model-file-schema.ts';
import { ScenarioFileSchema } from './schema.ts';

export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioFileSchema, { unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://ferrosim.invalid/scenario.schema.json',
    title: 'ferrosim scenario',
  };
}

/** The exact text of scenarios/scenario.schema.json. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

/** The model-file schema (`*.model.yaml`), the exact text of scenarios/model.schema.json. */
export function modelJsonSchemaText(): string {
  const schema = z.toJSONSchema(ModelFileSchema, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  return `${JSON.stringify({ ...schema, $id: 'https://ferrosim.invalid/model.schema.json', title: 'ferrosim model file' }, null, 2)}\n`;
}
