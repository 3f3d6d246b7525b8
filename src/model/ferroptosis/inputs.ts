/**
 * The model's inputs: cytokines, drugs, antibodies and the medium cystine (model-notes vocabulary and
 * section D). All are piecewise constant; each acts where section D/E says (see the rate laws).
 */
import type { InputDecl } from '../types.ts';

export const ferroptosisInputs = {
  IFNG: { unit: 'ng/mL', default: 0, description: 'interferon-γ (10 ng/mL ≈ 0.59 nM); IFNGR → JAK1/2 → STAT1' },
  IL6: { unit: 'ng/mL', default: 0, description: 'interleukin-6 (10 ng/mL ≈ 0.48 nM); gp130 → JAK → STAT3' },
  TNF: { unit: 'ng/mL', default: 0, description: 'tumour necrosis factor (10 ng/mL ≈ 0.19 nM trimer); TNFR1 → IKK → NF-κB' },
  hepcidin: { unit: 'nM', default: 0, description: 'exogenous hepcidin-25; degrades ferroportin directly' },
  erastin: { unit: 'µM', default: 0, description: 'system xc⁻ inhibitor; also drives CMA of GPX4' },
  sulfasalazine: { unit: 'µM', default: 0, description: 'weak system xc⁻ inhibitor' },
  RSL3: { unit: 'µM', default: 0, description: 'covalent GPX4 inhibitor' },
  ML210: { unit: 'µM', default: 0, description: 'GPX4 inhibitor prodrug, active after intracellular conversion (1–2 h)' },
  BSO: { unit: 'µM', default: 0, description: 'buthionine sulfoximine, irreversible GCL inhibitor' },
  fer1: { unit: 'µM', default: 0, description: 'ferrostatin-1, radical-trapping antioxidant' },
  lip1: { unit: 'µM', default: 0, description: 'liproxstatin-1, radical-trapping antioxidant' },
  DFO: { unit: 'µM', default: 0, description: 'deferoxamine, iron chelator with slow cellular uptake' },
  FAC: { unit: 'µM', default: 0, description: 'ferric ammonium citrate, as µM iron; non-transferrin-bound uptake' },
  NAC: { unit: 'µM', default: 0, description: 'N-acetylcysteine, cysteine donor bypassing xc⁻' },
  AA: { unit: 'µM', default: 0, description: 'arachidonic acid, PUFA substrate of ACSL4' },
  iFSP1: { unit: 'µM', default: 0, description: 'FSP1 inhibitor' },
  ruxolitinib: { unit: 'µM', default: 0, description: 'JAK1/JAK2 inhibitor' },
  tocilizumab: { unit: 'µg/mL', default: 0, description: 'anti-IL-6R antibody' },
  antiTNF: { unit: 'µg/mL', default: 0, description: 'TNF-neutralising antibody (adalimumab, infliximab, etanercept)' },
  cystine_medium: { unit: 'µM', default: 200, description: 'cystine of the medium (DMEM/RPMI 200 µM); the medium state follows it' },
} satisfies Record<string, InputDecl>;
