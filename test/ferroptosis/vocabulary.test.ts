/**
 * The model's vocabulary (model-notes "The vocabulary (a contract)"): every id exists with the
 * documented unit and default, and every number carries a unit and a source.
 */
import { describe, expect, it } from 'vitest';
import { compileModel, ferroptosis, parseUnit } from '../../src/model/index.ts';

const SPECIES = [
  'pSTAT1', 'SOCS1', 'IRF1', 'pSTAT3', 'SOCS3', 'NFkB', 'IkBa', 'NRF2', 'TfR1', 'IRP', 'LIP', 'FT', 'FtFe', 'FPN', 'HAMP',
  'xCT', 'Cys', 'GSH', 'GSSG', 'GCL', 'GPX4', 'FSP1', 'RTA', 'ACSL4', 'PUFA', 'PLOOH', 'damage', 'viability', 'cystine', 'DFO_in',
];
const INPUTS: Record<string, string> = {
  IFNG: 'ng/mL', IL6: 'ng/mL', TNF: 'ng/mL', hepcidin: 'nM', erastin: 'µM', sulfasalazine: 'µM', RSL3: 'µM', ML210: 'µM',
  BSO: 'µM', fer1: 'µM', lip1: 'µM', DFO: 'µM', FAC: 'µM', NAC: 'µM', AA: 'µM', iFSP1: 'µM', ruxolitinib: 'µM',
  tocilizumab: 'µg/mL', antiTNF: 'µg/mL', cystine_medium: 'µM',
};
const GENES = [
  'ACSL4_expression', 'SCD1_expression', 'LPCAT3_expression', 'NCOA4_expression', 'FSP1_expression', 'GCH1_expression',
  'SLC7A11_expression', 'GPX4_expression', 'NRF2_expression', 'TP53_expression', 'FTH1_expression',
];

describe('ferroptosis vocabulary', () => {
  it('declares the 30 species of model-notes A.1 (plus the ML210 activation state)', () => {
    const ids = Object.keys(ferroptosis.species);
    for (const id of SPECIES) expect(ids, id).toContain(id);
    expect(ids.filter((id) => !SPECIES.includes(id))).toEqual(['ML210_act']);
  });

  it('declares every input with its unit; defaults are 0 except cystine_medium = 200 µM', () => {
    expect(Object.keys(ferroptosis.inputs).sort()).toEqual(Object.keys(INPUTS).sort());
    for (const [id, unit] of Object.entries(INPUTS)) {
      const decl = ferroptosis.inputs[id as keyof typeof ferroptosis.inputs];
      expect(decl.unit, id).toBe(unit);
      expect(decl.default, id).toBe(id === 'cystine_medium' ? 200 : 0);
    }
  });

  it('has the 11 gene-expression multipliers, dimensionless, default 1', () => {
    for (const id of GENES) {
      const p = ferroptosis.parameters[id as keyof typeof ferroptosis.parameters];
      expect(p, id).toBeDefined();
      expect(p.value, id).toBe(1);
      expect(p.unit, id).toBe('dimensionless');
    }
  });

  it('has the observables lipidROS, GSH_fraction, LIP_fraction, and viability as a species', () => {
    expect(Object.keys(ferroptosis.observables ?? {}).sort()).toEqual(['GSH_fraction', 'LIP_fraction', 'lipidROS']);
    expect(ferroptosis.species.viability.unit).toBe('fraction');
  });

  it('gives every parameter and species a valid unit and a source (a tag [V]/[R]/[D] or "assumed: <reason>")', () => {
    const entries = [...Object.entries(ferroptosis.parameters), ...Object.entries(ferroptosis.species)];
    for (const [id, decl] of entries) {
      expect('error' in parseUnit(decl.unit), `${id}: unit '${decl.unit}'`).toBe(false);
      const src = decl.source;
      const tagged = /\[(V|R|D|A)\]/.test(src) || /assumed/.test(src) || /multiplier/.test(src);
      expect(tagged, `${id}: source '${src}'`).toBe(true);
    }
  });

  it('compiles without errors and without unit warnings', () => {
    const compiled = compileModel(ferroptosis);
    expect(compiled.warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([]);
    expect(compiled.speciesIds.length).toBe(31);
  });
});
