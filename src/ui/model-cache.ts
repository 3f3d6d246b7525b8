/**
 * Compiled models in a worker (or the page), cached by content hash and registered with the
 * scenario layer's registry, so parsing, running and sweeping all use one compiled model.
 * Compilation generates JS with `new Function`; where a Content-Security-Policy forbids that, the
 * compiler itself falls back to its interpreted mode (same numbers, slower) and the page says so.
 */
import { compileModel } from '../model/index.ts';
import { ferroptosis } from '../model/ferroptosis/index.ts';
import type { CompiledModel, ModelDefinition } from '../model/types.ts';
import { registerModel } from '../scenario/index.ts';

const DEFINITIONS: Record<string, ModelDefinition> = { ferroptosis: ferroptosis as unknown as ModelDefinition };

const byName = new Map<string, CompiledModel>();
const byHash = new Map<string, CompiledModel>();

/** The compiled model called `name` (compiled on first use); `compileMs` is 0 on a cache hit. */
export function resolveCompiledModel(name: string): { model: CompiledModel; compileMs: number } {
  const hit = byName.get(name);
  if (hit) return { model: hit, compileMs: 0 };
  const def = DEFINITIONS[name];
  if (!def) throw new RangeError(`unknown model '${name}'; the browser app knows: ${Object.keys(DEFINITIONS).join(', ')}`);
  const t0 = performance.now();
  const compiled = compileModel(def);
  const model = byHash.get(compiled.hash) ?? compiled;
  byHash.set(model.hash, model);
  byName.set(name, model);
  registerModel(name, model);
  return { model, compileMs: performance.now() - t0 };
}

/** 'interpreted' when the environment refused generated code. */
export function compileModeOf(model: CompiledModel): 'codegen' | 'interpreted' {
  return (model as CompiledModel & { mode?: 'codegen' | 'interpreted' }).mode ?? 'codegen';
}

/** Compiles (and registers) every model the app knows; returns the total compile time in ms. */
export function ensureModels(): number {
  let ms = 0;
  for (const name of Object.keys(DEFINITIONS)) ms += resolveCompiledModel(name).compileMs;
  return ms;
}

/** Observable id under which assignment rule `id` is computed for plotting (see withRuleOutputs). */
export const ruleOutputId = (id: string): string => `rule__${id}`;

const withRules = new Map<string, CompiledModel>();

/**
 * The model with every assignment rule also declared as an observable (`rule__<id>`), so the
 * output picker can plot rules through the same run code as species and observables. Compiled
 * once per model, on the first run that asks for a rule.
 */
export function withRuleOutputs(model: CompiledModel): CompiledModel {
  const hit = withRules.get(model.hash);
  if (hit) return hit;
  const def = model.definition;
  const observables: Record<string, { expression: string; unit: string; description: string }> = { ...(def.observables ?? {}) } as never;
  for (const [id, r] of Object.entries(def.rules ?? {})) {
    observables[ruleOutputId(id)] = { expression: id, unit: r.unit ?? 'dimensionless', description: r.description ?? `rule ${id}` };
  }
  const compiled = compileModel({ ...def, observables } as ModelDefinition);
  withRules.set(model.hash, compiled);
  return compiled;
}
