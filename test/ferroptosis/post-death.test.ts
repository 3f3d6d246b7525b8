/**
 * After death the population is quiescent: dead cells do not re-acylate PUFA (ACSL4/LPCAT3 need ATP,
 * CoA and an intact ER), so lipid peroxidation burns out once instead of re-igniting every ~17 h
 * (relaxation oscillations, which also cost 60% of the solver steps of a 72-h erastin run).
 */
import { describe, expect, it } from 'vitest';
import { compileModel, ferroptosis } from '../../src/model/index.ts';
import { solve } from '../../src/solver/index.ts';

const model = compileModel(ferroptosis);
const n = model.speciesIds.length;
const col = (id: string) => (model.speciesIds as readonly string[]).indexOf(id);
const dt = 0.1;
const saveAt = Array.from({ length: 721 }, (_, k) => k * dt);

const LETHAL: Record<string, number>[] = [{ erastin: 10 }, { RSL3: 1 }, { erastin: 1 }, { IFNG: 10, AA: 10 }];

describe('after ferroptotic death (72 h)', () => {
  for (const inputs of LETHAL) {
    it(`${JSON.stringify(inputs)}: one lipid-peroxidation burst, and PUFA-PL never rises once viability < 0.01`, () => {
      const sol = solve(model.toProblem({ tspan: [0, 72], inputs }), { saveAt });
      expect(sol.status, sol.message).toBe('success');
      const series = (id: string) => Array.from({ length: saveAt.length }, (_, k) => sol.y[k * n + col(id)]);
      const plooh = series('PLOOH');
      const pufa = series('PUFA');
      const viability = series('viability');
      const peaks = plooh.filter((p, k) => k > 0 && k < plooh.length - 1 && p > 1 && p > plooh[k - 1] && p >= plooh[k + 1]);
      expect(peaks.length, `PLOOH peaks above 1 µM: ${peaks.map((p) => p.toFixed(1)).join(', ')}`).toBe(1);
      const dead = viability.findIndex((v) => v < 0.01);
      expect(dead).toBeGreaterThan(0);
      for (let k = dead + 1; k < pufa.length; k++) expect(pufa[k], `PUFA at ${(k * dt).toFixed(1)} h`).toBeLessThanOrEqual(pufa[k - 1] * (1 + 1e-9));
      // The burnt-out population ends near the untreated PLOOH level or below (no smouldering).
      expect(plooh[plooh.length - 1]).toBeLessThan(model.y0[col('PLOOH')]);
    });
  }

  it('the 72-h erastin 10 µM and RSL3 1 µM solves take under 450 steps (783 and 736 with post-death bursts)', () => {
    for (const inputs of [{ erastin: 10 }, { RSL3: 1 }]) {
      const sol = solve(model.toProblem({ tspan: [0, 72], inputs }), { saveAt: [72] });
      expect(sol.stats.steps, JSON.stringify(inputs)).toBeLessThan(450);
    }
  });
});
