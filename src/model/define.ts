/**
 * The declaration entry point. `defineModel` keeps every id as a literal type (so
 * `model.species.GSH` autocompletes and a misspelt id is a compile error) and returns a deeply
 * frozen copy. It does not validate: `compileModel` checks everything and reports all problems at
 * once with their paths.
 */
import { suggest } from './suggest.ts';
import type { ModelDefinition, ModelSpec } from './types.ts';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(deepCopy) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = deepCopy(v);
    return out as T;
  }
  return value;
}

export function defineModel<
  const S extends string,
  const P extends string,
  const I extends string,
  const R extends string,
  const O extends string = never,
  const A extends string = never,
>(spec: ModelSpec<S, P, I, R, O, A>): ModelDefinition<S, P, I, R, O, A> {
  if (!spec || typeof spec !== 'object') throw new TypeError(`defineModel: expected a model spec object, got ${spec === null ? 'null' : typeof spec}`);
  return deepFreeze(deepCopy(spec));
}

type SpeciesOf<M> = M extends ModelDefinition<infer S, string, string, string, string, string> ? S : never;
type ParametersOf<M> = M extends ModelDefinition<string, infer P, string, string, string, string> ? P : never;
type InputsOf<M> = M extends ModelDefinition<string, string, infer I, string, string, string> ? I : never;
export type { SpeciesOf, ParametersOf, InputsOf };

function requireId(kind: string, section: Record<string, unknown>, id: string, fn: string) {
  if (!Object.hasOwn(section, id)) {
    const ids = Object.keys(section);
    throw new RangeError(`${fn}: unknown ${kind} '${id}'${suggest(id, ids)} (valid: ${ids.join(', ') || 'none'})`);
  }
}

function requireFinite(value: number, fn: string, id: string) {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`${fn}: value for '${id}' must be a finite number. Value: ${String(value)}`);
}

/** A copy of the model with one parameter value replaced (the source notes the change). */
export function setParameter<M extends ModelDefinition, K extends ParametersOf<M>>(model: M, id: K, value: number): M {
  requireId('parameter', model.parameters, id, 'setParameter');
  requireFinite(value, 'setParameter', id);
  const copy = deepCopy(model) as { parameters: Record<string, { value: number; source: string }> };
  const decl = copy.parameters[id]!;
  copy.parameters[id] = { ...decl, value, source: `${decl.source} (overridden: was ${decl.value})` };
  return deepFreeze(copy) as unknown as M;
}

/** A copy of the model with one species' initial value replaced. */
export function setInitial<M extends ModelDefinition, K extends SpeciesOf<M>>(model: M, id: K, value: number): M {
  requireId('species', model.species, id, 'setInitial');
  requireFinite(value, 'setInitial', id);
  const copy = deepCopy(model) as { species: Record<string, { initial: number }> };
  copy.species[id] = { ...copy.species[id]!, initial: value };
  return deepFreeze(copy) as unknown as M;
}
