/** `ferrosim describe [--json]`: species, parameters, inputs and observables with units and sources. */
import { modelToYaml } from '../../scenario/core.ts';
import { modelOption } from '../load.ts';
import type { ModelDefinition } from '../../model/types.ts';
import { UserError } from '../errors.ts';
import { fmt, table } from '../table.ts';

type Row = Record<string, unknown>;

// A variable specifier: describe.ts is optional, so the typechecker must not require it.
const DESCRIBE_MODULE = '../../model/describe.ts';

/** Plain data from the definition, used when src/model/describe.ts is not available. */
function fallbackDescribe(def: ModelDefinition): Record<string, Row[]> {
  const list = (rec: Record<string, object> | undefined) => Object.entries(rec ?? {}).map(([id, d]) => ({ id, ...d }) as Row);
  return {
    species: list(def.species),
    parameters: list(def.parameters),
    inputs: list(def.inputs),
    reactions: Object.entries(def.reactions).map(([id, r]) => ({ id, rate: r.rate, description: r.description ?? '' })),
    observables: list(def.observables),
  };
}

async function describeData(def: ModelDefinition): Promise<unknown> {
  try {
    const mod = (await import(DESCRIBE_MODULE)) as { describeModel?: (d: ModelDefinition) => unknown };
    if (typeof mod.describeModel === 'function') return mod.describeModel(def);
  } catch {
    // describe.ts not present: fall back to the definition itself.
  }
  return fallbackDescribe(def);
}

function cell(v: unknown): string {
  if (typeof v === 'number') return fmt(v, 6);
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v).replace(/\s+/g, ' ');
}

export async function describeCommand(opts: { json?: boolean; yaml?: boolean; model: string }): Promise<void> {
  if (opts.json && opts.yaml) throw new UserError('--json and --yaml exclude each other');
  const model = await modelOption(opts.model);
  if (opts.yaml) {
    process.stdout.write(modelToYaml(model.definition));
    return;
  }
  const data = await describeData(model.definition);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    return;
  }
  const out: string[] = [`model ${model.name} (${model.hash}): ${model.speciesIds.length} species, ${model.parameterIds.length} parameters, ${model.inputIds.length} inputs, ${model.observableIds.length} observables`];
  for (const [section, value] of Object.entries(data as Record<string, unknown>)) {
    if (!Array.isArray(value) || value.length === 0 || typeof value[0] !== 'object') continue;
    const rows = value as Row[];
    const preferred = ['id', 'value', 'initial', 'default', 'unit', 'description', 'source', 'rate', 'expression'];
    const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))]
      .filter((k) => rows.some((r) => typeof r[k] !== 'object' || r[k] === null))
      .sort((a, b) => (preferred.indexOf(a) + 1 || 99) - (preferred.indexOf(b) + 1 || 99));
    out.push('', `${section} (${rows.length}):`, table(keys, rows.map((r) => keys.map((k) => cell(r[k])))));
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
