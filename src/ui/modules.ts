/**
 * Which plot panel each output belongs to. The ids are the model's vocabulary
 * (../shared/model-notes.md, "The vocabulary"); ids not listed here (an extended or imported
 * model) land in "Other", so nothing is ever dropped from the page.
 */

export interface PlotModule {
  id: string;
  title: string;
  ids: readonly string[];
}

export const PLOT_MODULES: readonly PlotModule[] = [
  {
    id: 'cytokine',
    title: 'Cytokine signalling',
    ids: ['pSTAT1', 'SOCS1', 'IRF1', 'pSTAT3', 'SOCS3', 'NFkB', 'IkBa'],
  },
  {
    id: 'iron',
    title: 'Iron',
    ids: ['LIP', 'LIP_fraction', 'TfR1', 'IRP', 'FT', 'FtFe', 'FPN', 'HAMP', 'DFO_in'],
  },
  {
    id: 'gsh',
    title: 'GSH / GPX4',
    ids: ['GSH', 'GSH_fraction', 'GSSG', 'GPX4', 'Cys', 'cystine', 'xCT', 'GCL', 'NRF2'],
  },
  {
    id: 'lipid',
    title: 'Lipid peroxidation',
    ids: ['PLOOH', 'lipidROS', 'PUFA', 'ACSL4', 'FSP1', 'RTA'],
  },
  {
    id: 'viability',
    title: 'Viability',
    ids: ['viability', 'damage'],
  },
];

const OTHER: PlotModule = { id: 'other', title: 'Other', ids: [] };

/**
 * Groups output ids by module, keeping each module's own order. Ids no panel lists go to the
 * module `fallback` names (the output picker's catalog), else to "Other".
 */
export function groupOutputs(outputIds: readonly string[], fallback?: (id: string) => PlotModule | undefined): { module: PlotModule; ids: string[] }[] {
  const wanted = new Set(outputIds);
  const placed = new Set<string>();
  const groups: { module: PlotModule; ids: string[] }[] = [];
  for (const module of PLOT_MODULES) {
    const ids = module.ids.filter((id) => wanted.has(id));
    ids.forEach((id) => placed.add(id));
    if (ids.length > 0) groups.push({ module, ids });
  }
  for (const id of outputIds) {
    if (placed.has(id)) continue;
    const module = fallback?.(id) ?? OTHER;
    const g = groups.find((x) => x.module.id === module.id);
    if (g) g.ids.push(id);
    else groups.push({ module, ids: [id] });
  }
  return groups;
}
