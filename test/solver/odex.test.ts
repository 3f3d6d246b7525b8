import { describe, expect, it } from 'vitest';
import { solve } from '../../src/solver/index.ts';
import { polluProblem } from '../../bench/problems/index.ts';
import { logisticPair } from './helpers.ts';

describe("method 'odex'", () => {
  it('solves a non-stiff problem to the requested tolerance, with saveAt from its dense output', () => {
    const { problem, exact } = logisticPair(2);
    const grid = [0, 0.25, 0.5, 1, 1.5, 2];
    const sol = solve(problem, { method: 'odex', rtol: 1e-9, atol: 1e-12, saveAt: grid });
    expect(sol.status).toBe('success');
    expect(Array.from(sol.t)).toEqual(grid);
    const ex = new Float64Array(2);
    for (let i = 0; i < grid.length; i++) {
      exact(grid[i], ex);
      for (let m = 0; m < 2; m++) expect(Math.abs(sol.y[i * 2 + m] - ex[m])).toBeLessThan(1e-7);
    }
    expect(sol.stats.rhsEvals).toBeGreaterThan(0);
    expect(sol.stats.factorizations).toBe(0);
  });

  it('gives up on the stiff POLLU problem with max-steps and a partial solution, as a non-stiff method should', () => {
    const sol = solve(polluProblem(), { method: 'odex', rtol: 1e-6, atol: 1e-8, maxSteps: 300 });
    expect(sol.status).toBe('max-steps');
    expect(sol.t[sol.t.length - 1]).toBeLessThan(1);
    expect(sol.message).toContain("use method 'rodas5p'");
  });

  it('rejects tstops, which it cannot honour', () => {
    const { problem } = logisticPair(2);
    expect(() => solve(problem, { method: 'odex', tstops: [1] })).toThrow(/tstops is not supported by method 'odex'/);
  });
});
