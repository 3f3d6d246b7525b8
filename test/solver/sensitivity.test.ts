/**
 * Forward sensitivities from the Rosenbrock step against analytic sensitivities of small models
 * and against finite differences of ordinary solves (non-autonomous rate laws, input switches).
 */
import { describe, expect, it } from 'vitest';
import { compileModel, defineModel } from '../../src/model/index.ts';
import { sensitivityKernels } from '../../src/model/sensitivity-codegen.ts';
import type { CompiledModel } from '../../src/model/types.ts';
import { solve } from '../../src/solver/index.ts';
import { solveSensitivities, type SensitivitySolution } from '../../src/solver/sensitivity.ts';

const chain = compileModel(defineModel({
  name: 'chain',
  species: {
    A: { initial: 1, unit: 'µM', description: 'A', source: 'assumed: test' },
    B: { initial: 0, unit: 'µM', description: 'B', source: 'assumed: test' },
    C: { initial: 0, unit: 'µM', description: 'C', source: 'assumed: test' },
  },
  parameters: {
    k1: { value: 0.7, unit: '1/h', source: 'assumed: test' },
    k2: { value: 0.2, unit: '1/h', source: 'assumed: test' },
  },
  inputs: {},
  reactions: {
    AtoB: { rate: 'k1 * A', stoichiometry: { A: -1, B: 1 } },
    BtoC: { rate: 'k2 * B', stoichiometry: { B: -1, C: 1 } },
  },
}));

/** Non-autonomous, nonlinear, with an input that switches: the cases without a closed form. */
const driven = compileModel(defineModel({
  name: 'driven',
  species: {
    X: { initial: 0.5, unit: 'µM', description: 'X', source: 'assumed: test' },
    Y: { initial: 0.1, unit: 'µM', description: 'Y', source: 'assumed: test' },
  },
  parameters: {
    kin: { value: 1.2, unit: 'µM/h', source: 'assumed: test' },
    Km: { value: 0.4, unit: 'µM', source: 'assumed: test' },
    kf: { value: 30, unit: '1/h', source: 'assumed: test' },
    kb: { value: 0.3, unit: '1/h', source: 'assumed: test' },
  },
  inputs: { drug: { unit: 'µM', default: 0, description: 'inhibitor' } },
  reactions: {
    synth: { rate: 'kin * (1 + 0.5 * sin(t)) / (1 + drug)', stoichiometry: { X: 1 } },
    convert: { rate: 'kf * X^2 / (Km + X)', stoichiometry: { X: -1, Y: 1 } },
    decay: { rate: 'kb * Y', stoichiometry: { Y: -1 } },
  },
}));

function run(model: CompiledModel, params: string[], times: number[], opts: { rtol?: number; atol?: number; tstops?: number[]; switchTo?: number } = {}): SensitivitySolution {
  const problem = model.toProblem({ tspan: [0, times[times.length - 1]] });
  const k = sensitivityKernels(model);
  const col = Int32Array.from(k.fp.col, (c) => params.indexOf(model.parameterIds[c]));
  return solveSensitivities(problem, { np: params.length, row: k.fp.row, col, eval: (t, y, out) => k.fp.eval(t, y, problem.p, problem.u, out) }, {
    times, rtol: opts.rtol ?? 1e-8, atol: opts.atol ?? 1e-12, tstops: opts.tstops,
    onTstop: () => { problem.u[0] = opts.switchTo ?? 0; },
  });
}

/** Value of `species` at the times by an ordinary solve with parameter `id` set to `value`. */
function plain(model: CompiledModel, id: string, value: number, times: number[], species: number, opts: { tstops?: number[]; switchTo?: number } = {}): number[] {
  const problem = model.toProblem({ tspan: [0, times[times.length - 1]], parameters: { [id]: value } });
  const sol = solve(problem, { rtol: 1e-11, atol: 1e-14, saveAt: times, tstops: opts.tstops, onTstop: () => { problem.u[0] = opts.switchTo ?? 0; } });
  return times.map((_, r) => sol.y[r * model.speciesIds.length + species]);
}

describe('forward sensitivities', () => {
  it('match the analytic sensitivities of a linear two-step chain A → B → C', () => {
    const times = [0.5, 1, 2, 5, 10, 20];
    const sol = run(chain, ['k1', 'k2'], times);
    expect(sol.status).toBe('success');
    const k1 = 0.7;
    const k2 = 0.2;
    const D = k2 - k1;
    let worst = 0;
    times.forEach((t, r) => {
      const e1 = Math.exp(-k1 * t);
      const e2 = Math.exp(-k2 * t);
      const exact = {
        dA_dk1: -t * e1,
        dB_dk1: (k2 / (D * D)) * (e1 - e2) - (k1 * t * e1) / D,
        dB_dk2: (-k1 / (D * D)) * (e1 - e2) + (k1 * t * e2) / D,
      };
      const s = (param: number, species: number) => sol.s[(r * 2 + param) * 3 + species];
      expect(sol.t[r]).toBe(t);
      expect(sol.y[r * 3]).toBeCloseTo(e1, 8);
      worst = Math.max(worst, Math.abs(s(0, 0) - exact.dA_dk1), Math.abs(s(0, 1) - exact.dB_dk1), Math.abs(s(1, 1) - exact.dB_dk2));
      expect(s(1, 0)).toBe(0); // A does not depend on k2 at all
      // Mass is conserved, so the sensitivities of A + B + C sum to zero.
      expect(Math.abs(s(0, 0) + s(0, 1) + s(0, 2))).toBeLessThan(1e-9);
    });
    expect(worst).toBeLessThan(2e-7);
  });

  it('of exponential decay converge with the tolerance (error falls by orders of magnitude)', () => {
    const err = (rtol: number) => {
      const sol = run(chain, ['k1'], [3], { rtol, atol: rtol * 1e-3 });
      return Math.abs(sol.s[0] - -3 * Math.exp(-0.7 * 3));
    };
    const loose = err(1e-4);
    const tight = err(1e-8);
    expect(tight).toBeLessThan(loose / 100);
    expect(tight).toBeLessThan(1e-8);
  });

  it('agree with central finite differences for a stiff, non-autonomous model with an input switch', () => {
    const times = [0.5, 1.5, 3, 6];
    const opts = { tstops: [2], switchTo: 2 };
    const sol = run(driven, ['kin', 'Km', 'kf', 'kb'], times, { ...opts, rtol: 1e-9, atol: 1e-13 });
    expect(sol.status).toBe('success');
    ['kin', 'Km', 'kf', 'kb'].forEach((id, j) => {
      const p0 = driven.p0[(driven.parameterIds as readonly string[]).indexOf(id)];
      const hp = p0 * 1e-5;
      for (const species of [0, 1]) {
        const up = plain(driven as unknown as CompiledModel, id, p0 + hp, times, species, opts);
        const down = plain(driven as unknown as CompiledModel, id, p0 - hp, times, species, opts);
        times.forEach((_, r) => {
          const fd = (up[r] - down[r]) / (2 * hp);
          const s = sol.s[(r * 4 + j) * 2 + species];
          expect(Math.abs(s - fd)).toBeLessThan(1e-5 * Math.max(1e-3, Math.abs(fd)) + 1e-8);
        });
      }
    });
  });

  it('start from given initial sensitivities (s0) and keep them when nothing depends on the parameter', () => {
    const problem = chain.toProblem({ tspan: [0, 1] });
    const k = sensitivityKernels(chain);
    const s0 = Float64Array.from([1, 0, 0]); // ∂y0/∂q = e_A for a parameter q that only sets A(0)
    const sol = solveSensitivities(problem, { np: 1, row: k.fp.row, col: new Int32Array(k.fp.col.length).fill(-1), eval: (t, y, out) => k.fp.eval(t, y, problem.p, problem.u, out) }, { times: [1], s0, rtol: 1e-9, atol: 1e-13 });
    // ∂A(1)/∂A0 = e^{−k1}: the sensitivity to the initial value is the solution of the variational equation.
    expect(sol.s[0]).toBeCloseTo(Math.exp(-0.7), 8);
  });
});
