/**
 * Global sensitivity methods against functions with known indices, written as ODEs read at
 * t = 1: the Ishigami function (y′ = sin x1 + a sin² x2 + b x3⁴ sin x1, a = 7, b = 0.1, x_i
 * uniform on [−π, π]; analytic indices from Ishigami & Homma 1990, as tabulated by Saltelli et al.
 * 2008, "Global Sensitivity Analysis. The Primer", §4.6) and a linear function (Morris effects
 * are its coefficients exactly).
 */
import { describe, expect, it } from 'vitest';
import { defineModel } from '../../src/model/index.ts';
import { designSize, evaluateDesignPoint, globalIndices } from '../../src/analysis/sensitivity.ts';
import type { MorrisIndex, SobolIndex } from '../../src/analysis/indices.ts';
import { parseScenario, registerModel, requireModel, type Scenario } from '../../src/scenario/index.ts';

registerModel('ishigami-ode', defineModel({
  name: 'ishigami-ode',
  species: { y: { initial: 0, unit: 'dimensionless', description: 'integral of the Ishigami function', source: 'assumed: test' } },
  parameters: {
    x1: { value: 0, unit: 'dimensionless', source: 'assumed: test' },
    x2: { value: 0, unit: 'dimensionless', source: 'assumed: test' },
    x3: { value: 0, unit: 'dimensionless', source: 'assumed: test' },
    a: { value: 7, unit: 'dimensionless', source: 'Ishigami & Homma 1990' },
    b: { value: 0.1, unit: 'dimensionless', source: 'Ishigami & Homma 1990' },
    k: { value: 1, unit: '1/h', source: 'assumed: makes the rate a rate' },
  },
  inputs: {},
  reactions: {
    ishigami: { rate: 'k * (sin(x1) + a * sin(x2)^2 + b * x3^4 * sin(x1))', stoichiometry: { y: 1 } },
    linear: { rate: 'k * 0', stoichiometry: { y: 1 } },
  },
  observables: { lin: { expression: '3 * x1 - 2 * x2 + 0.5 * x3', unit: 'dimensionless', description: 'a linear function' } },
}));

const PI = Math.PI;
const range = `{ from: ${-PI}, to: ${PI}, scale: lin }`;
function scenario(method: string, extra: string, output = 'y'): Scenario {
  const text = `name: t\ndescription: d\nmodel: ishigami-ode\nstart: initial\ntime: { end: 1, points: 2 }\nsolver: { rtol: 1.0e-8, atol: 1.0e-10 }\n` +
    `sensitivity:\n  method: ${method}\n  readout: { output: ${output}, at: 1 }\n  parameters: { x1: ${range}, x2: ${range}, x3: ${range} }\n${extra}`;
  const r = parseScenario(text, 'ishigami.yaml');
  if (!r.scenario) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  return r.scenario;
}

function run(sc: Scenario) {
  const model = requireModel('ishigami-ode');
  const results = Array.from({ length: designSize(sc) }, (_, i) => evaluateDesignPoint(sc, model, i));
  return globalIndices(sc, model, results);
}

describe('Sobol indices (Saltelli/Jansen on scrambled Sobol points)', () => {
  const a = 7;
  const b = 0.1;
  const V = a * a / 8 + b * PI ** 4 / 5 + b * b * PI ** 8 / 18 + 0.5;
  const exact = {
    x1: { first: 0.5 * (1 + b * PI ** 4 / 5) ** 2 / V, total: (0.5 * (1 + b * PI ** 4 / 5) ** 2 + 8 * b * b * PI ** 8 / 225) / V },
    x2: { first: a * a / 8 / V, total: a * a / 8 / V },
    x3: { first: 0, total: 8 * b * b * PI ** 8 / 225 / V },
  };

  it('recover the Ishigami indices within their bootstrap 95% intervals', () => {
    const res = run(scenario('sobol', '  samples: 2048\n  bootstrap: 500\n'));
    if (process.env.FERROSIM_PRINT_INDICES) console.log(JSON.stringify(res.indices), exact);
    expect(res.failed).toBe(0);
    expect(res.evaluations).toBe(2048 * 5);
    for (const [id, ex] of Object.entries(exact)) {
      const ix = res.indices[id] as SobolIndex;
      expect(ix.first_ci95[0]).toBeLessThanOrEqual(ex.first);
      expect(ix.first_ci95[1]).toBeGreaterThanOrEqual(ex.first);
      expect(ix.total_ci95[0]).toBeLessThanOrEqual(ex.total);
      expect(ix.total_ci95[1]).toBeGreaterThanOrEqual(ex.total);
      expect(Math.abs(ix.first - ex.first)).toBeLessThan(0.05);
      expect(Math.abs(ix.total - ex.total)).toBeLessThan(0.05);
      // Intervals that say something at N = 2048 (measured widths: 0.03–0.13).
      expect(ix.first_ci95[1] - ix.first_ci95[0]).toBeLessThan(0.2);
      expect(ix.total_ci95[1] - ix.total_ci95[0]).toBeLessThan(0.2);
    }
  });

  it('are deterministic for a seed and change with it', () => {
    const s1 = run(scenario('sobol', '  samples: 64\n  bootstrap: 50\n  seed: 3\n'));
    const s2 = run(scenario('sobol', '  samples: 64\n  bootstrap: 50\n  seed: 3\n'));
    const s3 = run(scenario('sobol', '  samples: 64\n  bootstrap: 50\n  seed: 4\n'));
    expect(s1.indices).toEqual(s2.indices);
    expect((s1.indices.x1 as SobolIndex).first).not.toBe((s3.indices.x1 as SobolIndex).first);
  });
});

describe('Morris elementary effects', () => {
  it('are the coefficients of a linear function exactly, with zero spread', () => {
    const res = run(scenario('morris', '  samples: 10\n  levels: 4\n', 'lin'));
    const coef = { x1: 3, x2: -2, x3: 0.5 };
    for (const [id, c] of Object.entries(coef)) {
      const ix = res.indices[id] as MorrisIndex;
      // Effects are per full range (2π) of the factor.
      expect(ix.mu).toBeCloseTo(c * 2 * PI, 9);
      expect(ix.mu_star).toBeCloseTo(Math.abs(c) * 2 * PI, 9);
      expect(ix.sigma).toBeLessThan(1e-9);
    }
  });

  it('rank the Ishigami factors and see x3 act only through its interaction', () => {
    const res = run(scenario('morris', '  samples: 40\n  levels: 8\n'));
    const ix = res.indices as Record<string, MorrisIndex>;
    expect(ix.x1.mu_star).toBeGreaterThan(ix.x3.mu_star * 0.5);
    expect(ix.x2.mu_star).toBeGreaterThan(1);
    // x3 enters as b·x3⁴·sin x1: its effects change sign with x1, so the mean is small against the spread.
    expect(Math.abs(ix.x3.mu)).toBeLessThan(ix.x3.sigma);
    expect(ix.x3.sigma).toBeGreaterThan(0.5);
  });
});
