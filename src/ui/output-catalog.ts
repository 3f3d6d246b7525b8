/**
 * Everything a run can plot, grouped by model module, for the output picker: species, assignment
 * rules and observables with their units. The built-in model's modules are its source files
 * (src/model/ferroptosis/*.ts); the plot panels (modules.ts) decide first, so an output sits in
 * the same group in the picker as on the page. Ids of other models fall into one group per kind.
 */
import { cytokinesRules, cytokinesSpecies } from '../model/ferroptosis/cytokines.ts';
import { deathRules, deathSpecies } from '../model/ferroptosis/death.ts';
import { glutathioneRules, glutathioneSpecies } from '../model/ferroptosis/glutathione.ts';
import { ironRules, ironSpecies } from '../model/ferroptosis/iron.ts';
import { lipidPeroxidationRules, lipidPeroxidationSpecies } from '../model/ferroptosis/lipid-peroxidation.ts';
import { nrf2Rules, nrf2Species } from '../model/ferroptosis/nrf2.ts';
import type { ModelDefinition } from '../model/types.ts';
import { PLOT_MODULES, type PlotModule } from './modules.ts';

export type OutputKind = 'species' | 'rule' | 'observable';

export interface CatalogEntry {
  id: string;
  kind: OutputKind;
  unit: string;
  description: string;
}

export interface CatalogGroup {
  module: PlotModule;
  entries: CatalogEntry[];
}

const ids = (...records: object[]) => records.flatMap((r) => Object.keys(r));

/** The ferroptosis model's source modules, with the plot panels' ids and titles. */
const SOURCE_MODULES: readonly PlotModule[] = [
  { id: 'cytokine', title: 'Cytokine signalling', ids: ids(cytokinesSpecies, cytokinesRules) },
  { id: 'nrf2', title: 'NRF2', ids: ids(nrf2Species, nrf2Rules) },
  { id: 'iron', title: 'Iron', ids: ids(ironSpecies, ironRules) },
  { id: 'gsh', title: 'GSH / GPX4', ids: ids(glutathioneSpecies, glutathioneRules) },
  { id: 'lipid', title: 'Lipid peroxidation', ids: ids(lipidPeroxidationSpecies, lipidPeroxidationRules) },
  { id: 'viability', title: 'Viability', ids: ids(deathSpecies, deathRules) },
];

const KIND_MODULES: Record<OutputKind, PlotModule> = {
  species: { id: 'species', title: 'Species', ids: [] },
  rule: { id: 'rules', title: 'Rules', ids: [] },
  observable: { id: 'observables', title: 'Observables', ids: [] },
};

/** The module an output id belongs to: its plot panel, else its source module, else its kind's group. */
export function moduleOf(id: string, kind: OutputKind, modelName: string): PlotModule {
  const panel = PLOT_MODULES.find((m) => m.ids.includes(id));
  if (panel) return panel;
  if (modelName === 'ferroptosis') {
    const source = SOURCE_MODULES.find((m) => m.ids.includes(id));
    if (source) return source;
  }
  return KIND_MODULES[kind];
}

const MODULE_ORDER = ['cytokine', 'nrf2', 'iron', 'gsh', 'lipid', 'viability', 'species', 'rules', 'observables'];

/** Every species, rule and observable of `def`, grouped by module; an id declared twice is listed once (observable first). */
export function outputCatalog(def: ModelDefinition): CatalogGroup[] {
  const entries = new Map<string, CatalogEntry>();
  for (const [id, d] of Object.entries(def.observables ?? {})) entries.set(id, { id, kind: 'observable', unit: d.unit, description: d.description });
  for (const [id, d] of Object.entries(def.species)) if (!entries.has(id)) entries.set(id, { id, kind: 'species', unit: d.unit, description: d.description });
  for (const [id, d] of Object.entries(def.rules ?? {})) if (!entries.has(id)) entries.set(id, { id, kind: 'rule', unit: d.unit ?? '', description: d.description ?? '' });
  const groups = new Map<string, CatalogGroup>();
  for (const e of entries.values()) {
    const module = moduleOf(e.id, e.kind, def.name);
    let g = groups.get(module.id);
    if (!g) groups.set(module.id, (g = { module, entries: [] }));
    g.entries.push(e);
  }
  const rank = (id: string) => (MODULE_ORDER.indexOf(id) + MODULE_ORDER.length + 1) % (MODULE_ORDER.length + 1);
  return [...groups.values()].sort((a, b) => rank(a.module.id) - rank(b.module.id));
}

/** The catalog filtered by a search text (id, unit, description, kind or module title). */
export function searchCatalog(catalog: readonly CatalogGroup[], query: string): CatalogGroup[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...catalog];
  return catalog
    .map((g) => ({
      module: g.module,
      entries: g.module.title.toLowerCase().includes(q) ? g.entries : g.entries.filter((e) => [e.id, e.unit, e.description, e.kind].some((x) => x.toLowerCase().includes(q))),
    }))
    .filter((g) => g.entries.length > 0);
}
