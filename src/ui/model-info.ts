/**
 * The model metadata the page shows next to every control: ids, units, defaults, descriptions
 * and sources, read from the model definition (plain data; no compilation on the page thread).
 */
import type { ModelDefinition } from '../model/types.ts';
import { outputCatalog, type CatalogGroup } from './output-catalog.ts';

export interface QuantityInfo {
  id: string;
  unit: string;
  /** Default input value, declared parameter value, or initial value. */
  value: number;
  description: string;
  source?: string;
}

export interface ModelInfo {
  name: string;
  inputs: QuantityInfo[];
  /** Parameters that are not gene-expression multipliers. */
  parameters: QuantityInfo[];
  /** `*_expression` parameters: 1 is normal, 0 a knockout. */
  multipliers: QuantityInfo[];
  /** Species, observables and rules, by id (observables win on a shared id such as `viability`). */
  outputs: Map<string, QuantityInfo>;
  /** Everything plottable, grouped by module (the output picker). */
  catalog: CatalogGroup[];
}

export function isMultiplier(id: string): boolean {
  return id.endsWith('_expression');
}

export function describeForUi(def: ModelDefinition): ModelInfo {
  const inputs = Object.entries(def.inputs).map(([id, d]) => ({ id, unit: d.unit, value: d.default, description: d.description }));
  const allParams = Object.entries(def.parameters).map(([id, d]) => ({
    id,
    unit: d.unit,
    value: d.value,
    description: d.description ?? '',
    source: d.source,
  }));
  const outputs = new Map<string, QuantityInfo>();
  for (const [id, d] of Object.entries(def.species)) {
    outputs.set(id, { id, unit: d.unit, value: d.initial, description: d.description, source: d.source });
  }
  for (const [id, d] of Object.entries(def.observables ?? {})) {
    outputs.set(id, { id, unit: d.unit, value: NaN, description: d.description });
  }
  for (const [id, d] of Object.entries(def.rules ?? {})) {
    if (!outputs.has(id)) outputs.set(id, { id, unit: d.unit ?? '', value: NaN, description: d.description ?? '' });
  }
  return {
    catalog: outputCatalog(def),
    name: def.name,
    inputs,
    parameters: allParams.filter((p) => !isMultiplier(p.id)),
    multipliers: allParams.filter((p) => isMultiplier(p.id)),
    outputs,
  };
}

/** Unit of an input or parameter id, or '' when the id is unknown. */
export function unitOf(info: ModelInfo, id: string): string {
  return (
    info.inputs.find((q) => q.id === id)?.unit ??
    info.parameters.find((q) => q.id === id)?.unit ??
    info.multipliers.find((q) => q.id === id)?.unit ??
    info.outputs.get(id)?.unit ??
    ''
  );
}
