import { describe, expect, it } from 'vitest';
import { emptyStats } from '../../src/solver/integrator.ts';
import { inputReuse, isStifflyAccurate, rosenbrockStep, StepArgs, STEP_DONE } from '../../src/solver/rosenbrock-step.ts';
import { rodas5p } from '../../src/solver/tableaus/rodas5p.ts';
import type { RosenbrockTableau } from '../../src/solver/tableaus/types.ts';
import type { OdeProblem } from '../../src/solver/types.ts';
import { Workspace } from '../../src/solver/workspace.ts';

// A small non-autonomous nonlinear problem (Robertson-like kinetics with a forcing term).
const problem: OdeProblem = {
  n: 3, y0: new Float64Array([1, 2e-5, 0.3]), tspan: [0, 1],
  rhs: (t, y, f) => {
    f[0] = -0.04 * y[0] + 1e4 * y[1] * y[2] + 0.1 * Math.sin(t);
    f[1] = 0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1];
    f[2] = 3e7 * y[1] * y[1] - 0.1 * Math.sin(t);
  },
};

function jacobian(y: Float64Array, J: Float64Array): void {
  J.set([-0.04, 1e4 * y[2], 1e4 * y[1], 0.04, -1e4 * y[2] - 6e7 * y[1], -1e4 * y[1], 0, 6e7 * y[1], 0]);
}

/** The W-formulation written out plainly (tableaus/types.ts), with a dense solve by Gaussian elimination. */
function referenceStep(tab: RosenbrockTableau, t: number, y0: Float64Array, h: number): Float64Array {
  const n = 3;
  const s = tab.stages;
  const J = new Float64Array(9);
  jacobian(y0, J);
  const dT = [0.1 * Math.cos(t), 0, -0.1 * Math.cos(t)];
  const k: Float64Array[] = [];
  for (let i = 0; i < s; i++) {
    const u = Float64Array.from(y0);
    const rhs = new Float64Array(n);
    for (let j = 0; j < i; j++) for (let m = 0; m < n; m++) u[m] += tab.a[i * s + j] * k[j][m];
    problem.rhs(t + tab.c[i] * h, u, rhs);
    for (let m = 0; m < n; m++) {
      rhs[m] += h * tab.d[i] * dT[m];
      for (let j = 0; j < i; j++) rhs[m] += (tab.C[i * s + j] / h) * k[j][m];
    }
    const W = Array.from({ length: n }, (_, r) => [...Array.from({ length: n }, (_, c) => (r === c ? 1 / (h * tab.gamma) : 0) - J[r * n + c]), rhs[r]]);
    for (let p = 0; p < n; p++) {
      for (let r = p + 1; r < n; r++) {
        const l = W[r][p] / W[p][p];
        for (let c = p; c <= n; c++) W[r][c] -= l * W[p][c];
      }
    }
    const x = new Float64Array(n);
    for (let r = n - 1; r >= 0; r--) {
      let v = W[r][n];
      for (let c = r + 1; c < n; c++) v -= W[r][c] * x[c];
      x[r] = v / W[r][r];
    }
    k.push(x);
  }
  const y1 = Float64Array.from(y0);
  for (let i = 0; i < s; i++) for (let m = 0; m < n; m++) y1[m] += tab.b[i] * k[i][m];
  return y1;
}

function step(tab: RosenbrockTableau, t: number, h: number): Float64Array {
  const ws = new Workspace(3);
  ws.y0.set(problem.y0);
  ws.atol.fill(1e-8);
  problem.rhs(t, ws.y0, ws.f0);
  jacobian(ws.y0, ws.J);
  ws.dT.set([0.1 * Math.cos(t), 0, -0.1 * Math.cos(t)]);
  const args = new StepArgs();
  args.t = t;
  args.h = h;
  args.useDT = true;
  expect(rosenbrockStep(tab, isStifflyAccurate(tab), problem, ws, args, emptyStats())).toBe(STEP_DONE);
  return Float64Array.from(ws.y1);
}

describe('Rosenbrock stage sums', () => {
  it('finds the stages whose input extends the previous one (Rodas5P: stages 7 and 8 build on 6)', () => {
    expect(Array.from(inputReuse(rodas5p))).toEqual([0, 0, 0, 0, 0, 0, 1, 1]);
    // Change a_72 (0-based row 6): stage 7 no longer extends stage 6's input, nor stage 8 stage 7's.
    const a = Float64Array.from(rodas5p.a);
    a[6 * 8 + 2] += 0.5;
    expect(Array.from(inputReuse({ ...rodas5p, a }))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('matches the plainly written W-formulation, with and without shared stage inputs', () => {
    // A perturbed, non-stiffly-accurate variant exercises the general path (no reuse, weighted sums).
    const a = Float64Array.from(rodas5p.a);
    a[6 * 8 + 2] += 0.5;
    const variant: RosenbrockTableau = { ...rodas5p, a, b: Float64Array.from(rodas5p.b, (v, j) => v * (j === 0 ? 1.1 : 1)) };
    expect(isStifflyAccurate(variant)).toBe(false);
    for (const tab of [rodas5p, variant]) {
      for (const h of [1e-4, 1e-2, 0.3]) {
        const got = step(tab, 0.2, h);
        const want = referenceStep(tab, 0.2, problem.y0, h);
        for (let m = 0; m < 3; m++) expect(Math.abs(got[m] - want[m])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want[m])));
      }
    }
  });
});
