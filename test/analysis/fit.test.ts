/**
 * Fits recover known parameters from synthetic noisy data, their profile-likelihood 95% intervals
 * cover the truth at about the stated rate over repeated noise seeds, and a product k1·k3 that
 * only enters together is reported as not identifiable.
 */
import { describe, expect, it } from 'vitest';
import { runFit } from '../../src/analysis/fit.ts';
import { parseFitData } from '../../src/analysis/fit-data.ts';
import { seededRandom } from '../../src/analysis/sobol-sequence.ts';
import { defineModel } from '../../src/model/index.ts';
import { parseScenario, registerModel, requireModel, runScenario, unitOf, type Scenario } from '../../src/scenario/index.ts';

registerModel('fit-chain', defineModel({
  name: 'fit-chain',
  species: {
    A: { initial: 10, unit: 'µM', description: 'A', source: 'assumed: test' },
    B: { initial: 0, unit: 'µM', description: 'B', source: 'assumed: test' },
  },
  parameters: {
    k1: { value: 0.7, unit: '1/h', source: 'assumed: test' },
    k2: { value: 0.2, unit: '1/h', source: 'assumed: test' },
    k3: { value: 1, unit: 'dimensionless', source: 'assumed: test' },
  },
  inputs: {},
  reactions: {
    AtoB: { rate: 'k1 * k3 * A', stoichiometry: { A: -1, B: 1 } },
    Bout: { rate: 'k2 * B', stoichiometry: { B: -1 } },
  },
}));

const model = requireModel('fit-chain');
const TIMES = [0.5, 1, 2, 3, 4, 6, 8, 10, 12];
const SD = 0.1;

function scenarioWith(fit: string): Scenario {
  const r = parseScenario(`name: f\ndescription: d\nmodel: fit-chain\nstart: initial\ntime: { end: 12, points: 2 }\nparameters: { k1: 0.3, k2: 0.5 }\nsolver: { rtol: 1.0e-8, atol: 1.0e-10 }\nfit:\n${fit}`, 'fit.yaml');
  if (!r.scenario) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.scenario;
}

/** Data from the true parameters (k1 = 0.7, k2 = 0.2) plus Gaussian noise of sd 0.1 µM. */
function syntheticCsv(seed: number): string {
  const truth = parseScenario(`name: t\ndescription: d\nmodel: fit-chain\nstart: initial\ntime: { at: [${TIMES.join(', ')}] }\n`, 't.yaml').scenario!;
  const r = runScenario(truth, { model, outputs: ['A', 'B'] });
  const rand = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const rows = TIMES.map((t, i) => `${t},${(r.outputs[0].values[i] + SD * gauss()).toFixed(5)},${SD},${(r.outputs[1].values[i] + SD * gauss()).toFixed(5)},${SD}`);
  return ['time [h],A [µM],A sd [µM],B [µM],B sd [µM]', ...rows].join('\n');
}

function fitOnce(seed: number, block: string) {
  const sc = scenarioWith(block);
  const data = parseFitData(syntheticCsv(seed), 'data.csv', sc, sc.outputs, (id) => unitOf(model, id));
  return runFit(model, sc, data);
}

const BLOCK = '  data: data.csv\n  starts: 4\n  parameters:\n    k1: { from: 0.05, to: 5 }\n    k2: { from: 0.02, to: 2 }\n';

describe('fit', () => {
  it('recovers k1 and k2 from noisy data, with finite intervals around the truth', () => {
    const res = fitOnce(1, BLOCK);
    expect(res.converged).toBeGreaterThan(0);
    expect(res.points).toBe(18);
    // χ² at the optimum is about the degrees of freedom (18 − 2) when the sd is right.
    expect(res.objective).toBeGreaterThan(4);
    expect(res.objective).toBeLessThan(40);
    for (const [id, truth] of [['k1', 0.7], ['k2', 0.2]] as const) {
      const p = res.parameters[id];
      expect(p.identifiable).toBe(true);
      expect(Math.abs(Math.log(p.value / truth))).toBeLessThan(0.1);
      expect(p.ci95[0]!).toBeLessThan(p.value);
      expect(p.ci95[1]!).toBeGreaterThan(p.value);
    }
  });

  it('gives 95% intervals that cover the truth at about the stated rate over 20 noise seeds', () => {
    let covered = 0;
    let total = 0;
    for (let seed = 100; seed < 120; seed++) {
      const res = fitOnce(seed, BLOCK.replace('starts: 4', 'starts: 2'));
      for (const [id, truth] of [['k1', 0.7], ['k2', 0.2]] as const) {
        const [lo, hi] = res.parameters[id].ci95;
        total++;
        if (lo !== null && hi !== null && lo <= truth && truth <= hi) covered++;
      }
    }
    // 40 intervals at 95%: the binomial 99.9% range is about 33–40.
    expect(covered / total).toBeGreaterThanOrEqual(0.8);
  });

  it('reports k1 and k3 as not identifiable when only their product enters', () => {
    const res = fitOnce(2, '  data: data.csv\n  starts: 3\n  parameters:\n    k1: { from: 0.1, to: 5 }\n    k3: { from: 0.1, to: 5 }\n    k2: { from: 0.02, to: 2 }\n');
    expect(res.parameters.k1.identifiable).toBe(false);
    expect(res.parameters.k3.identifiable).toBe(false);
    // The profile of k1 stays flat as far as k3 can compensate within its box [0.1, 5]: one end
    // open, the interval wider than the 30-fold k1 ∈ [0.14, 5] that k1·k3 = 0.7 allows.
    const [lo, hi] = res.parameters.k1.ci95;
    expect(lo === null || hi === null).toBe(true);
    expect((hi ?? 5) / (lo ?? 0.1)).toBeGreaterThan(20);
    expect(res.parameters.k2.identifiable).toBe(true);
    // The product is pinned: k1·k3 near the true 0.7.
    expect(Math.abs(Math.log((res.parameters.k1.value * res.parameters.k3.value) / 0.7))).toBeLessThan(0.1);
  });
});
