/**
 * The structure of a ferrosim model file (`*.model.yaml`): the `defineModel` definition as YAML
 * (see src/model/types.ts). zod checks shapes here; the model compiler then checks meaning (ids,
 * units, expressions) and its diagnostics are located in the file too (model-file.ts). Exported as
 * JSON Schema to scenarios/model.schema.json for editors (`npx tsx src/scenario/write-json-schema.ts`).
 */
import { z } from 'zod';

const finite = () => z.number().refine(Number.isFinite, { message: 'must be a finite number' });
const text = (what: string) => z.string().describe(what);

const Species = z.strictObject({
  initial: finite().describe('Initial value, in `unit`.'),
  unit: text('Unit, e.g. µM, nM, r.u., fraction (see README "Units").'),
  description: text('What it is.'),
  source: text('Citation with tag ([V], [R], [D]) or "assumed: <reason>".'),
});
const Parameter = z.strictObject({
  value: finite().describe('Value, in `unit`.'),
  unit: text('Unit, e.g. 1/h, µM, µM/h.'),
  source: text('Citation or "assumed: <reason>".'),
  description: text('What it is.').optional(),
});
const Input = z.strictObject({
  unit: text('Unit of the input (drug or cytokine concentration).'),
  default: finite().describe('Value when a scenario does not set it.'),
  description: text('What it is.'),
  source: text('Citation or "assumed: <reason>".').optional(),
});
const Reaction = z.strictObject({
  rate: text('Rate law over species, parameters, inputs, rules and t, in concentration per time unit.'),
  stoichiometry: z.record(z.string(), finite()).describe('Species id → coefficient: reactants negative, products positive.'),
  description: text('What it is.').optional(),
  source: text('Citation or "assumed: <reason>".').optional(),
});
const Observable = z.strictObject({
  expression: text('Expression over species, parameters, inputs, rules and t.'),
  unit: text('Unit of the value.'),
  description: text('What it is.'),
  source: text('Citation or "assumed: <reason>".').optional(),
});
const Rule = z.strictObject({
  expression: text('Expression over species, parameters, inputs, earlier rules and t.'),
  unit: text('Unit; when given, the compiler checks the expression against it.').optional(),
  description: text('What it is.').optional(),
  source: text('Citation or "assumed: <reason>".').optional(),
});

export const ModelFileSchema = z
  .strictObject({
    name: z.string().min(1, { message: 'the model needs a non-empty name' }).describe('Model name, shown in stamps and `describe`.'),
    description: text('What the model is.').optional(),
    timeUnit: text('Unit of t and of every rate (default h).').optional(),
    species: z.record(z.string(), Species).describe('State variables by id.'),
    parameters: z.record(z.string(), Parameter).describe('Constants by id; scenarios override them in `parameters:`.'),
    inputs: z.record(z.string(), Input).default({}).describe('Drugs and cytokines by id; scenarios set and schedule them in `inputs:`.'),
    rules: z.record(z.string(), Rule).optional().describe('Named expressions (assignment rules), usable in rates and observables.'),
    reactions: z.record(z.string(), Reaction).describe('Reactions by id.'),
    observables: z.record(z.string(), Observable).optional().describe('Named outputs (e.g. viability).'),
  })
  .describe('A ferrosim model: the defineModel definition as YAML.');

export type ModelFile = z.infer<typeof ModelFileSchema>;
