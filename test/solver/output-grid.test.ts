import { describe, expect, it } from 'vitest';
import { solve } from '../../src/solver/index.ts';
import { logisticPair } from './helpers.ts';
import { stiffCase } from '../../bench/problems/index.ts';

describe('saveAt', () => {
  it('gives the same values at shared times whether 11 or 1001 points are saved', () => {
    const c = stiffCase('hires');
    const tEnd = c.problem.tspan[1];
    const fine = Array.from({ length: 1001 }, (_, i) => (i * tEnd) / 1000);
    const coarse = Array.from({ length: 11 }, (_, i) => fine[i * 100]);
    const a = solve(c.problem, { rtol: 1e-6, atol: 1e-8, saveAt: coarse });
    const b = solve(c.problem, { rtol: 1e-6, atol: 1e-8, saveAt: fine });
    expect(a.status).toBe('success');
    expect(b.t.length).toBe(1001);
    for (let i = 0; i < 11; i++) {
      expect(b.t[i * 100]).toBe(a.t[i]);
      for (let m = 0; m < 8; m++) {
        const va = a.y[i * 8 + m];
        const vb = b.y[i * 100 * 8 + m];
        expect(Math.abs(va - vb)).toBeLessThanOrEqual(1e-6 * Math.abs(va) + 1e-8);
      }
    }
    // Output points never shorten steps.
    expect(b.stats.steps).toBe(a.stats.steps);
  });

  it('fills interpolated times to within the tolerance of the exact solution', () => {
    const { problem, exact } = logisticPair(2);
    const grid = Array.from({ length: 201 }, (_, i) => i * 0.01);
    const sol = solve(problem, { rtol: 1e-8, atol: 1e-10, saveAt: grid });
    const ex = new Float64Array(2);
    for (let i = 0; i < grid.length; i++) {
      exact(grid[i], ex);
      for (let m = 0; m < 2; m++) expect(Math.abs(sol.y[i * 2 + m] - ex[m])).toBeLessThan(1e-7);
    }
  });

  it('saves every accepted step when no saveAt is given, starting at t0 and ending at t1', () => {
    const { problem } = logisticPair(2);
    const sol = solve(problem, { rtol: 1e-6 });
    expect(sol.t[0]).toBe(0);
    expect(sol.t[sol.t.length - 1]).toBe(2);
    expect(sol.t.length).toBe(sol.stats.accepted + 1);
    expect(sol.y.length).toBe(2 * sol.t.length);
  });
});

describe('step-size options', () => {
  it('never take a step longer than hmax', () => {
    const { problem } = logisticPair(2);
    const sol = solve(problem, { rtol: 1e-4, hmax: 0.05 });
    for (let i = 1; i < sol.t.length; i++) expect(sol.t[i] - sol.t[i - 1]).toBeLessThanOrEqual(0.05 * (1 + 1e-12));
    expect(sol.stats.accepted).toBeGreaterThanOrEqual(40);
  });

  it('start with h0 when it is given and accepted', () => {
    const { problem } = logisticPair(2);
    const sol = solve(problem, { rtol: 1e-6, h0: 1e-3 });
    expect(sol.t[1]).toBe(1e-3);
  });
});
