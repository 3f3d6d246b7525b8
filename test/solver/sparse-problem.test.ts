import { describe, expect, it } from 'vitest';
import { solve } from '../../src/solver/index.ts';
import { emptyStats } from '../../src/solver/integrator.ts';
import { rosenbrockStep, StepArgs, STEP_DONE } from '../../src/solver/rosenbrock-step.ts';
import { rodas5p } from '../../src/solver/tableaus/rodas5p.ts';
import type { OdeProblem } from '../../src/solver/types.ts';
import { Workspace } from '../../src/solver/workspace.ts';

/** Heat equation on (0, 1), Dirichlet ends, n interior points: y' = D·y with D tridiagonal (stiff). */
function heat(n: number): { problem: OdeProblem; mode(k: number): Float64Array; rate(k: number): number } {
  const inv = (n + 1) * (n + 1);
  return {
    problem: {
      n, y0: new Float64Array(n), tspan: [0, 0.05], autonomous: true,
      rhs(_t, y, f) {
        for (let i = 0; i < n; i++) f[i] = inv * ((i > 0 ? y[i - 1] : 0) - 2 * y[i] + (i < n - 1 ? y[i + 1] : 0));
      },
      jacobian(_t, _y, J) {
        J.fill(0);
        for (let i = 0; i < n; i++) {
          J[i * n + i] = -2 * inv;
          if (i > 0) J[i * n + i - 1] = inv;
          if (i < n - 1) J[i * n + i + 1] = inv;
        }
      },
    },
    mode: (k) => Float64Array.from({ length: n }, (_, i) => Math.sin((k * Math.PI * (i + 1)) / (n + 1))),
    rate: (k) => -4 * inv * Math.sin((k * Math.PI) / (2 * (n + 1))) ** 2,
  };
}

describe('problems with sparse Jacobians', () => {
  it('take the sparse triangular solves and get the same step as the dense ones', () => {
    const { problem, mode } = heat(30);
    const results = [1, 0].map((sparseSolves) => {
      const ws = new Workspace(30);
      ws.y0.set(mode(2));
      ws.atol.fill(1e-8);
      problem.rhs(0, ws.y0, ws.f0);
      problem.jacobian!(0, ws.y0, ws.J);
      const args = new StepArgs();
      args.t = 0;
      args.h = 1e-3;
      args.sparseSolves = sparseSolves === 1 ? -1 : 0;
      expect(rosenbrockStep(rodas5p, true, problem, ws, args, emptyStats())).toBe(STEP_DONE);
      return { y1: ws.y1.slice(), decided: args.sparseSolves };
    });
    expect(results[0].decided).toBe(1); // tridiagonal factors: ~7% fill, so sparse
    for (let i = 0; i < 30; i++) expect(Math.abs(results[0].y1[i] - results[1].y1[i])).toBeLessThan(1e-15);
  });

  it('solve the stiff heat equation to the exact decay of a Fourier mode', () => {
    const { problem, mode, rate } = heat(30);
    const k = 3;
    problem.y0 = mode(k);
    const sol = solve(problem, { rtol: 1e-8, atol: 1e-12, saveAt: [0.05] });
    expect(sol.status).toBe('success');
    const decay = Math.exp(rate(k) * 0.05);
    const exact = mode(k).map((v) => v * decay);
    for (let i = 0; i < 30; i++) expect(Math.abs(sol.y[i] - exact[i])).toBeLessThan(1e-7 * decay);
  });
});
