/**
 * Models a scenario can name. The built-in `ferroptosis` model is compiled on first use and cached;
 * other models (e.g. imported from SBML) can be registered under a name.
 */
import { compileModel } from '../model/index.ts';
import { ferroptosis } from '../model/ferroptosis/index.ts';
import type { CompiledModel, ModelDefinition } from '../model/types.ts';

const definitions = new Map<string, ModelDefinition>([['ferroptosis', ferroptosis as ModelDefinition]]);
const compiled = new Map<string, CompiledModel>();

export function registerModel(name: string, model: ModelDefinition | CompiledModel): void {
  if ('toProblem' in model) compiled.set(name, model);
  else {
    definitions.set(name, model);
    compiled.delete(name);
  }
}

export function modelNames(): string[] {
  return [...new Set([...definitions.keys(), ...compiled.keys()])].sort();
}

/** The compiled model called `name`, or undefined. Compiles once per process (or worker). */
export function getModel(name: string): CompiledModel | undefined {
  let m = compiled.get(name);
  if (!m) {
    const def = definitions.get(name);
    if (!def) return undefined;
    m = compileModel(def);
    compiled.set(name, m);
  }
  return m;
}

export function requireModel(name: string): CompiledModel {
  const m = getModel(name);
  if (!m) throw new RangeError(`unknown model '${name}'; known: ${modelNames().join(', ')}`);
  return m;
}
