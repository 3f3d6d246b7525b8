/** A small model with a closed-form solution, for testing the scenario layer without the big model. */
import { compileModel, defineModel } from '../../src/model/index.ts';
import type { CompiledModel } from '../../src/model/types.ts';
import { parseScenarioWith } from '../../src/scenario/parse.ts';
import type { Scenario } from '../../src/scenario/types.ts';

// A' = p0 + kin·drug − k·A,  B' = k·A − kb·B.  Untreated steady state: A* = p0/k = 2, B* = k·A*/kb = 4.
export const decayDef = defineModel({
  name: 'decay',
  species: {
    A: { initial: 1, unit: 'µM', description: 'precursor', source: 'assumed: test model' },
    B: { initial: 0, unit: 'µM', description: 'product', source: 'assumed: test model' },
  },
  parameters: {
    p0: { value: 1, unit: 'µM/h', source: 'assumed: test model' },
    k: { value: 0.5, unit: '1/h', source: 'assumed: test model' },
    kin: { value: 2, unit: '1/h', source: 'assumed: test model' },
    kb: { value: 0.25, unit: '1/h', source: 'assumed: test model' },
  },
  inputs: {
    drug: { unit: 'µM', default: 0, description: 'raises production of A' },
  },
  reactions: {
    make: { rate: 'p0 + kin * drug', stoichiometry: { A: 1 } },
    convert: { rate: 'k * A', stoichiometry: { A: -1, B: 1 } },
    clear: { rate: 'kb * B', stoichiometry: { B: -1 } },
  },
  observables: {
    total: { expression: 'A + B', unit: 'µM', description: 'A plus B' },
    drugSeen: { expression: 'drug', unit: 'µM', description: 'the input in force' },
  },
});

let compiled: CompiledModel | undefined;
export function decayModel(): CompiledModel {
  compiled ??= compileModel(decayDef) as unknown as CompiledModel;
  return compiled;
}

/** A(t) for a piecewise-constant drug schedule, starting from A(0) = a0 (exact solution). */
export function exactA(t: number, a0: number, schedule: { at: number; value: number }[]): number {
  const k = 0.5;
  let a = a0;
  let t0 = 0;
  let drug = 0;
  const steps = [...schedule].sort((x, y) => x.at - y.at);
  for (const s of steps) {
    if (s.at > t) break;
    const target = (1 + 2 * drug) / k;
    a = target + (a - target) * Math.exp(-k * (s.at - t0));
    t0 = s.at;
    drug = s.value;
  }
  const target = (1 + 2 * drug) / k;
  return target + (a - target) * Math.exp(-k * (t - t0));
}

export function parseDecay(text: string, file = 'decay.yaml'): Scenario {
  const model = decayModel();
  const r = parseScenarioWith(text, file, { resolveModel: (n) => (n === 'decay' ? model : undefined), modelNames: ['decay'] });
  if (!r.scenario) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}
