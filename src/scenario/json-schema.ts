/** The scenario schema as JSON Schema (draft 2020-12), for editors via yaml-language-server. */
import { z } from 'zod';
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
