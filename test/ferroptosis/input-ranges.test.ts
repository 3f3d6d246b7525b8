/**
 * Robustness: the 72-h erastin scenario solves with the default method and tolerances, without a
 * single failure, across the working range of every drug and cytokine (model-notes D and E).
 */
import { describe, expect, it } from 'vitest';
import { compileModel, ferroptosis } from '../../src/model/index.ts';
import { solve } from '../../src/solver/index.ts';

const model = compileModel(ferroptosis);
const n = model.speciesIds.length;

/** Upper ends of the typical in-vitro ranges (section D; cytokines and antibodies as in E). */
const RANGES: Record<string, number> = {
  IFNG: 100, IL6: 100, TNF: 100, hepcidin: 100, erastin: 100, sulfasalazine: 1000, RSL3: 10, ML210: 10, BSO: 1000,
  fer1: 10, lip1: 10, DFO: 1000, FAC: 3000, NAC: 10000, AA: 100, iFSP1: 30, ruxolitinib: 10, tocilizumab: 100,
  antiTNF: 100, cystine_medium: 400,
};

function run72(inputs: Record<string, number>) {
  const sol = solve(model.toProblem({ tspan: [0, 72], inputs }), { saveAt: [24, 48, 72] });
  return sol;
}

describe('72-h erastin scenario across input ranges', () => {
  it('every input has a range here', () => {
    expect(Object.keys(RANGES).sort()).toEqual([...model.inputIds].sort());
  });

  it('erastin from 0.001 to 100 µM solves; viability stays in [0, 1] and every state finite and non-negative', () => {
    for (const erastin of [0.001, 0.01, 0.1, 0.3, 1, 3, 10, 30, 100]) {
      const sol = run72({ erastin });
      expect(sol.status, `erastin ${erastin}: ${sol.message}`).toBe('success');
      for (let k = 0; k < sol.t.length; k++) {
        for (let i = 0; i < n; i++) {
          const v = sol.y[k * n + i];
          expect(Number.isFinite(v) && v > -1e-6, `${model.speciesIds[i]} = ${v} (erastin ${erastin})`).toBe(true);
        }
        const viability = sol.y[k * n + model.speciesIds.indexOf('viability')];
        expect(viability).toBeLessThanOrEqual(1 + 1e-9);
      }
    }
  });

  for (const [input, top] of Object.entries(RANGES)) {
    if (input === 'erastin') continue;
    it(`${input} at 0.1×, 1× and cut (0) of its range top (${top}) with erastin 10 µM solves`, () => {
      for (const value of [0, 0.1 * top, top]) {
        const sol = run72({ erastin: 10, [input]: value });
        expect(sol.status, `${input} = ${value}: ${sol.message}`).toBe('success');
        for (let i = 0; i < n; i++) expect(Number.isFinite(sol.y[(sol.t.length - 1) * n + i])).toBe(true);
      }
    });
  }
});
