import { describe, expect, it } from 'vitest';
import { solve } from '../../src/solver/index.ts';
import type { InternalSolveOptions } from '../../src/solver/validate.ts';
import { logisticPair, nonAutonomous, observedOrder } from './helpers.ts';

const STEPS = [3, 4, 5, 6].map((k) => 2 ** -k); // h = 2⁻³ … 2⁻⁶

function fixedStepSolve(problem: Parameters<typeof solve>[0], h: number, saveAt: number[]) {
  const options: InternalSolveOptions = { fixedStep: h, saveAt };
  const sol = solve(problem, options);
  expect(sol.status).toBe('success');
  return sol;
}

describe('Rodas5P convergence with fixed steps', () => {
  const { problem, exact } = logisticPair(2);
  const ex = new Float64Array(2);
  // Output times off the step grid, so the dense output is really interpolating.
  const grid = Array.from({ length: 40 }, (_, i) => i * 0.05 + 0.0123);

  it('has order 5 ± 0.2 at the end point on a nonlinear problem', () => {
    const errors = STEPS.map((h) => {
      const sol = fixedStepSolve(problem, h, [2]);
      exact(2, ex);
      return Math.max(Math.abs(sol.y[0] - ex[0]), Math.abs(sol.y[1] - ex[1]));
    });
    expect(errors[errors.length - 1]).toBeGreaterThan(1e-14); // still above round-off
    expect(observedOrder(errors)).toBeGreaterThan(4.8);
    expect(observedOrder(errors)).toBeLessThan(5.2);
  });

  it('has order at least 4 in the dense output between steps', () => {
    const errors = STEPS.map((h) => {
      const sol = fixedStepSolve(problem, h, grid);
      let worst = 0;
      for (let i = 0; i < grid.length; i++) {
        exact(grid[i], ex);
        for (let m = 0; m < 2; m++) worst = Math.max(worst, Math.abs(sol.y[i * 2 + m] - ex[m]));
      }
      return worst;
    });
    expect(observedOrder(errors)).toBeGreaterThanOrEqual(4);
  });

  it('keeps order 5 ± 0.2 on a non-autonomous problem, where ∂f/∂t enters every stage', () => {
    const na = nonAutonomous(2);
    const errors = STEPS.map((h) => Math.abs(fixedStepSolve(na.problem, h, [2]).y[0] - na.exact(2)));
    expect(observedOrder(errors)).toBeGreaterThan(4.8);
    expect(observedOrder(errors)).toBeLessThan(5.2);
  });

  it('loses the order when ∂f/∂t is wrongly skipped, so the test above can fail', () => {
    const na = nonAutonomous(2);
    const wrong = { ...na.problem, autonomous: true };
    const errors = STEPS.map((h) => Math.abs(fixedStepSolve(wrong, h, [2]).y[0] - na.exact(2)));
    expect(observedOrder(errors)).toBeLessThan(4.5);
  });
});
