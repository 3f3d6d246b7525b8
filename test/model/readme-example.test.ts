/** The "write your own model" example from the README, kept runnable: same code, checked physics. */
import { expect, it } from 'vitest';
import { compileModel, defineModel } from '../../src/model/index.ts';
import { solve } from '../../src/solver/index.ts';

it('the README example compiles without warnings, solves, conserves A + A* and washes out after 24 h', () => {
  const model = defineModel({
    name: 'two-step',
    species: {
      A: { initial: 1, unit: 'µM', description: 'inactive kinase', source: 'assumed: example' },
      Aact: { initial: 0, unit: 'µM', description: 'active kinase', source: 'assumed: example' },
      R: { initial: 0, unit: 'µM', description: 'readout', source: 'assumed: example' },
    },
    parameters: {
      kon: { value: 0.5, unit: '1/µM/h', source: 'assumed: example' },
      koff: { value: 0.2, unit: '1/h', source: 'assumed: example' },
      Vr: { value: 2, unit: 'µM/h', source: 'assumed: example' },
      K: { value: 0.3, unit: 'µM', source: 'assumed: example' },
      n: { value: 2, unit: 'dimensionless', source: 'assumed: example' },
      kdeg: { value: 0.1, unit: '1/h', source: 'assumed: example' },
    },
    inputs: { drug: { unit: 'µM', default: 0, description: 'activating drug' } },
    rules: { drive: { expression: 'kon * drug', unit: '1/h' } },
    reactions: {
      activation: { rate: 'drive * A', stoichiometry: { A: -1, Aact: 1 } },
      inactivation: { rate: 'koff * Aact', stoichiometry: { Aact: -1, A: 1 } },
      production: { rate: 'Vr * hill(Aact, K, n)', stoichiometry: { R: 1 } },
      degradation: { rate: 'kdeg * R', stoichiometry: { R: -1 } },
    },
    observables: {
      activeShare: { expression: 'Aact / (A + Aact)', unit: 'fraction', description: 'share of active kinase' },
    },
  });

  const compiled = compileModel(model);
  expect(compiled.warnings).toEqual([]);
  const problem = compiled.toProblem({ tspan: [0, 48], inputs: { drug: 1 } });
  const sol = solve(problem, {
    saveAt: [0, 12, 24, 48],
    tstops: [24],
    onTstop: () => {
      problem.u[0] = 0; // drug washed out at 24 h
    },
  });
  expect(sol.status).toBe('success');
  const at = (k: number) => sol.y.subarray(k * problem.n, (k + 1) * problem.n);
  for (let k = 0; k < 4; k++) expect(at(k)[0]! + at(k)[1]!).toBeCloseTo(1, 6);
  // With drive = 0.5/h and koff = 0.2/h, A* approaches 0.5/0.7 by 24 h; after washout it decays.
  expect(at(2)[1]!).toBeCloseTo(0.5 / 0.7, 3);
  expect(at(3)[1]!).toBeCloseTo((0.5 / 0.7) * Math.exp(-0.2 * 24), 3);
  expect(at(3)[2]!).toBeLessThan(at(2)[2]!);
  const obs = new Float64Array(1);
  compiled.observables(48, at(3), problem.p, problem.u, obs);
  expect(obs[0]).toBeCloseTo(at(3)[1]!, 6);
});
