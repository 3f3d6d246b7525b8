import { describe, expect, it } from 'vitest';
import { emptyStats } from '../../src/solver/integrator.ts';
import { rosenbrockStep, StepArgs, STEP_DONE, isStifflyAccurate } from '../../src/solver/rosenbrock-step.ts';
import { denseCoefficients, denseEval } from '../../src/solver/dense-output.ts';
import { rodas5p } from '../../src/solver/tableaus/rodas5p.ts';
import type { OdeProblem } from '../../src/solver/types.ts';
import { Workspace } from '../../src/solver/workspace.ts';

const s = rodas5p.stages;

/** Γ = (I/γ − C)⁻¹, the untransformed stage coefficients (lower triangular). */
function gammaMatrix(): number[][] {
  const M = (i: number, j: number): number => (i === j ? 1 / rodas5p.gamma : 0) - rodas5p.C[i * s + j];
  const G = Array.from({ length: s }, () => new Array<number>(s).fill(0));
  for (let j = 0; j < s; j++) {
    for (let i = 0; i < s; i++) {
      let r = i === j ? 1 : 0;
      for (let k = 0; k < i; k++) r -= M(i, k) * G[k][j];
      G[i][j] = r / M(i, i);
    }
  }
  return G;
}

/** One Rodas5P step of size h on y' = λ·y from y = 1: the stability function R(hλ). */
function stabilityFunction(z: number): number {
  const problem: OdeProblem = {
    n: 1, y0: new Float64Array([1]), tspan: [0, 1], autonomous: true,
    rhs: (_t, y, f) => { f[0] = z * y[0]; },
  };
  const ws = new Workspace(1);
  ws.y0[0] = 1;
  ws.f0[0] = z;
  ws.J[0] = z;
  ws.atol[0] = 1;
  const args = new StepArgs();
  args.t = 0;
  args.h = 1;
  expect(rosenbrockStep(rodas5p, isStifflyAccurate(rodas5p), problem, ws, args, emptyStats())).toBe(STEP_DONE);
  return ws.y1[0];
}

describe('Rodas5P tableau', () => {
  it('is stiffly accurate: b is the last row of a followed by 1, and the error estimate is k8 alone', () => {
    for (let j = 0; j < s - 1; j++) expect(rodas5p.b[j]).toBe(rodas5p.a[(s - 1) * s + j]);
    expect(rodas5p.b[s - 1]).toBe(1);
    expect(Array.from(rodas5p.btilde)).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(isStifflyAccurate(rodas5p)).toBe(true);
  });

  it('has strictly lower triangular a and C', () => {
    for (let i = 0; i < s; i++) {
      for (let j = i; j < s; j++) {
        expect(rodas5p.a[i * s + j]).toBe(0);
        expect(rodas5p.C[i * s + j]).toBe(0);
      }
    }
  });

  it('satisfies the row-sum identities c = rowsum(a·Γ) and d = rowsum(Γ), with γ on the diagonal of Γ', () => {
    const G = gammaMatrix();
    for (let i = 0; i < s; i++) {
      expect(G[i][i]).toBeCloseTo(rodas5p.gamma, 14);
      let d = 0;
      let c = 0;
      for (let j = 0; j < s; j++) {
        d += G[i][j];
        for (let k = 0; k < s; k++) c += rodas5p.a[i * s + k] * G[k][j];
      }
      expect(Math.abs(d - rodas5p.d[i])).toBeLessThan(1e-12);
      expect(Math.abs(c - rodas5p.c[i])).toBeLessThan(1e-12);
    }
  });

  it('has a stability function matching exp(z) to fifth order', () => {
    // R(z) − e^z = O(z⁶): halving z divides the error by about 64.
    const e1 = Math.abs(stabilityFunction(-0.2) - Math.exp(-0.2));
    const e2 = Math.abs(stabilityFunction(-0.1) - Math.exp(-0.1));
    expect(Math.log2(e1 / e2)).toBeGreaterThan(5.7);
  });

  it('is L-stable: R(z) → 0 as z → −∞ and |R| ≤ 1 on the negative axis', () => {
    expect(Math.abs(stabilityFunction(-1e12))).toBeLessThan(1e-9);
    for (const z of [-0.5, -1, -3, -10, -30, -100, -1e3, -1e5]) expect(Math.abs(stabilityFunction(z))).toBeLessThanOrEqual(1);
  });

  it('has a continuous extension that reproduces y0 at θ = 0 and y1 at θ = 1', () => {
    const problem: OdeProblem = {
      n: 2, y0: new Float64Array([1, 2]), tspan: [0, 1], autonomous: true,
      rhs: (_t, y, f) => { f[0] = -y[0] * y[1]; f[1] = y[0] - y[1]; },
    };
    const ws = new Workspace(2);
    ws.y0.set(problem.y0);
    problem.rhs(0, ws.y0, ws.f0);
    ws.J.set([-2, -1, 1, -1]);
    ws.atol.fill(1e-6);
    const args = new StepArgs();
    args.h = 0.1;
    args.t = 0;
    rosenbrockStep(rodas5p, true, problem, ws, args, emptyStats());
    denseCoefficients(rodas5p, 2, ws.ks, ws.dense);
    const out = new Float64Array(2);
    denseEval(2, rodas5p.nDense, 0, ws.y0, ws.y1, ws.dense, out);
    expect(Array.from(out)).toEqual(Array.from(ws.y0));
    denseEval(2, rodas5p.nDense, 1, ws.y0, ws.y1, ws.dense, out);
    expect(Array.from(out)).toEqual(Array.from(ws.y1));
  });

  it('has an embedded error estimate that bounds the true local error on y\' = y', () => {
    for (const h of [0.05, 0.1, 0.2, 0.4]) {
      const problem: OdeProblem = { n: 1, y0: new Float64Array([1]), tspan: [0, 1], autonomous: true, rhs: (_t, y, f) => { f[0] = y[0]; } };
      const ws = new Workspace(1);
      ws.y0[0] = 1;
      ws.f0[0] = 1;
      ws.J[0] = 1;
      ws.atol[0] = 1; // with rtol 0 the error norm is |k8| itself
      const args = new StepArgs();
      args.h = h;
      args.t = 0;
      args.rtol = 0;
      rosenbrockStep(rodas5p, true, problem, ws, args, emptyStats());
      const trueError = Math.abs(ws.y1[0] - Math.exp(h));
      expect(ws.stepErr[0]).toBeGreaterThan(trueError);
      expect(ws.stepErr[0]).toBeLessThan(1e4 * trueError + 1e-15);
    }
  });
});
