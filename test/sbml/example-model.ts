/**
 * A small model with every construct the exporter writes: units of several kinds, an input, rules,
 * observables, hill, a time switch, min/max, log10 and a conditional.
 */
import { defineModel } from '../../src/model/index.ts';

export const signalling = defineModel({
  name: 'sbml-export-probe',
  description: 'Receptor activation with an inhibitor and a readout (test model)',
  species: {
    R: { initial: 1, unit: 'µM', description: 'free receptor', source: 'assumed: test' },
    Ra: { initial: 0, unit: 'µM', description: 'active receptor', source: 'assumed: test' },
    X: { initial: 0.05, unit: 'nM', description: 'readout', source: 'assumed: test' },
    D: { initial: 0, unit: 'r.u.', description: 'damage', source: 'assumed: test' },
  },
  parameters: {
    kon: { value: 2, unit: '1/h', source: 'assumed: test' },
    koff: { value: 0.4, unit: '1/h', source: 'assumed: test' },
    K: { value: 0.3, unit: 'µM', source: 'assumed: test' },
    n: { value: 2, unit: 'dimensionless', source: 'assumed: test' },
    Ki: { value: 5, unit: 'ng/mL', source: 'Smith et al. 2020 [V], test value' },
    kx: { value: 1.5, unit: 'nM/h', source: 'assumed: test' },
    dx: { value: 0.3, unit: '1/h', source: 'assumed: test' },
    kd: { value: 0.01, unit: 'r.u./h', source: 'assumed: test' },
    tOn: { value: 2, unit: 'h', source: 'assumed: test' },
    Xmax: { value: 5, unit: 'nM', source: 'assumed: test' },
  },
  inputs: { inhibitor: { unit: 'ng/mL', default: 1, description: 'receptor inhibitor' } },
  rules: {
    block: { expression: '1 / (1 + inhibitor / Ki)', unit: 'dimensionless' },
    drive: { expression: 'kon * block * (t >= tOn ? 1 : 0.2)', unit: '1/h' },
  },
  reactions: {
    activate: { rate: 'drive * R', stoichiometry: { R: -1, Ra: 1 } },
    deactivate: { rate: 'koff * Ra', stoichiometry: { Ra: -1, R: 1 } },
    produceX: { rate: 'kx * hill(Ra, K, n) * (1 - min(X, Xmax) / (2 * Xmax))', stoichiometry: { X: 1 } },
    degradeX: { rate: 'dx * X', stoichiometry: { X: -1 } },
    damage: { rate: 'kd * log10(1 + X / Xmax) * 10 + kd * max(0, Ra - K) / K', stoichiometry: { D: 1 } },
  },
  observables: {
    activeFraction: { expression: 'Ra / (R + Ra)', unit: 'fraction', description: 'active receptor share' },
  },
});
