/**
 * Classic models written with defineModel, compiled, and solved with the solver, against their
 * analytic solutions: Michaelis–Menten with substrate depletion (Lambert W; Schnell & Mendoza 1997,
 * J Theor Biol 187:207), a first-order chain A → B → C (Bateman), and a zero-order input switched
 * off at a tstop by writing into the problem's `u` (the way the scenario layer drives inputs).
 */
import { describe, expect, it } from 'vitest';
import { compileModel, defineModel } from '../../src/model/index.ts';
import { solve } from '../../src/solver/index.ts';
import { michaelisMenten } from './fixtures.ts';

/** Principal branch of Lambert W for x ≥ 0 (Halley iteration to machine precision). */
function lambertW(x: number): number {
  let w = x < 1 ? x : Math.log(x) - Math.log(Math.log(x) + 1e-300 + 1);
  for (let k = 0; k < 50; k++) {
    const ew = Math.exp(w);
    const f = w * ew - x;
    const step = f / (ew * (w + 1) - ((w + 2) * f) / (2 * w + 2));
    w -= step;
    if (Math.abs(step) <= 1e-16 * Math.max(1, Math.abs(w))) break;
  }
  return w;
}

const times = Array.from({ length: 25 }, (_, k) => k);

describe('Michaelis–Menten with substrate depletion', () => {
  it('lambertW is right (w·e^w = x)', () => {
    for (const x of [1e-6, 0.3, 1, 7, 1e3, 1e8]) {
      const w = lambertW(x);
      expect(Math.abs(w * Math.exp(w) - x)).toBeLessThanOrEqual(1e-13 * x);
    }
  });

  it('matches S(t) = Km·W((S0/Km)·exp((S0 − Vmax·t)/Km)) to 1e-8, and conserves S + P', () => {
    const model = compileModel(michaelisMenten);
    const problem = model.toProblem({ tspan: [0, 24] });
    const sol = solve(problem, { rtol: 1e-11, atol: 1e-13, saveAt: times });
    expect(sol.status).toBe('success');
    const [Vmax, Km] = [model.p0[0]!, model.p0[1]!];
    const S0 = model.y0[0]!;
    let worst = 0;
    for (let k = 0; k < times.length; k++) {
      const t = sol.t[k]!;
      const exact = Km * lambertW((S0 / Km) * Math.exp((S0 - Vmax * t) / Km));
      worst = Math.max(worst, Math.abs(sol.y[2 * k]! - exact) / S0);
      expect(sol.y[2 * k]! + sol.y[2 * k + 1]!).toBeCloseTo(S0, 10);
    }
    expect(worst).toBeLessThan(1e-8);
  });

  it('with parameters overridden in toProblem, still matches the analytic solution', () => {
    const model = compileModel(michaelisMenten);
    const problem = model.toProblem({ tspan: [0, 10], parameters: { Vmax: 5, Km: 0.2 }, initial: { S: 30 } });
    const sol = solve(problem, { rtol: 1e-11, atol: 1e-13, saveAt: [10] });
    const exact = 0.2 * lambertW((30 / 0.2) * Math.exp((30 - 5 * 10) / 0.2));
    expect(Math.abs(sol.y[0]! - exact)).toBeLessThan(1e-8 * 30);
  });
});

describe('first-order chain and an input switched at a tstop', () => {
  const chain = defineModel({
    name: 'chain',
    species: {
      A: { initial: 2, unit: 'µM', description: '', source: 'assumed: test' },
      B: { initial: 0, unit: 'µM', description: '', source: 'assumed: test' },
      C: { initial: 0, unit: 'µM', description: '', source: 'assumed: test' },
      D: { initial: 0, unit: 'µM', description: 'driven by the input', source: 'assumed: test' },
    },
    parameters: {
      k1: { value: 0.8, unit: '1/h', source: 'assumed: test' },
      k2: { value: 0.15, unit: '1/h', source: 'assumed: test' },
      kD: { value: 0.5, unit: '1/h', source: 'assumed: test' },
    },
    inputs: { supply: { unit: 'µM/h', default: 3, description: 'zero-order supply of D' } },
    reactions: {
      AtoB: { rate: 'k1 * A', stoichiometry: { A: -1, B: 1 } },
      BtoC: { rate: 'k2 * B', stoichiometry: { B: -1, C: 1 } },
      supplyD: { rate: 'supply', stoichiometry: { D: 1 } },
      lossD: { rate: 'kD * D', stoichiometry: { D: -1 } },
    },
  });

  it('matches the Bateman solution and the switched input exactly', () => {
    const model = compileModel(chain);
    expect(model.warnings).toEqual([]);
    const problem = model.toProblem({ tspan: [0, 20] });
    const tOff = 6;
    const sol = solve(problem, {
      rtol: 1e-11,
      atol: 1e-13,
      saveAt: [1, 3, 6, 9, 20],
      tstops: [tOff],
      onTstop: (t) => {
        if (t === tOff) problem.u[0] = 0;
      },
    });
    expect(sol.status).toBe('success');
    const [k1, k2, kD] = [0.8, 0.15, 0.5];
    const U = 3;
    const A0 = 2;
    for (let k = 0; k < sol.t.length; k++) {
      const t = sol.t[k]!;
      const A = A0 * Math.exp(-k1 * t);
      const B = ((A0 * k1) / (k2 - k1)) * (Math.exp(-k1 * t) - Math.exp(-k2 * t));
      const Dend = (U / kD) * (1 - Math.exp(-kD * tOff));
      const D = t <= tOff ? (U / kD) * (1 - Math.exp(-kD * t)) : Dend * Math.exp(-kD * (t - tOff));
      const y = sol.y.subarray(4 * k, 4 * k + 4);
      expect(Math.abs(y[0]! - A)).toBeLessThan(1e-9);
      expect(Math.abs(y[1]! - B)).toBeLessThan(1e-9);
      expect(Math.abs(y[2]! - (A0 - A - B))).toBeLessThan(1e-9);
      expect(Math.abs(y[3]! - D)).toBeLessThan(1e-9);
    }
  });
});
