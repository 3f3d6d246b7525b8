import { describe, expect, it } from 'vitest';
import { solve } from '../../src/solver/index.ts';
import type { OdeProblem } from '../../src/solver/types.ts';

/** y' = −k(t)·y with k = 1 before t = 2.5 and k = 5 from 2.5 on; y(0) = 1. */
function switching(log?: number[]): { problem: OdeProblem; exact(t: number): number } {
  return {
    problem: {
      n: 1,
      y0: new Float64Array([1]),
      tspan: [0, 5],
      rhs(t, y, f) {
        if (log) log.push(t);
        f[0] = -(t < 2.5 ? 1 : 5) * y[0];
      },
      jacobian(t, _y, J) {
        J[0] = -(t < 2.5 ? 1 : 5);
      },
    },
    exact: (t) => (t <= 2.5 ? Math.exp(-t) : Math.exp(-2.5) * Math.exp(-5 * (t - 2.5))),
  };
}

describe('tstops', () => {
  it('end a step exactly at 2.5 and match the analytic solution across the switch', () => {
    const { problem, exact } = switching();
    const sol = solve(problem, { rtol: 1e-8, atol: 1e-12, tstops: [2.5] });
    expect(sol.status).toBe('success');
    expect(Array.from(sol.t)).toContain(2.5);
    for (let i = 0; i < sol.t.length; i++) {
      expect(Math.abs(sol.y[i] - exact(sol.t[i]))).toBeLessThan(1e-7 * exact(sol.t[i]) + 1e-11);
    }
  });

  it('never evaluate the right-hand side past 2.5 before the integrator has landed there', () => {
    const log: number[] = [];
    const { problem } = switching(log);
    let landed = -1;
    solve(problem, { rtol: 1e-6, tstops: [2.5], onTstop: () => { landed = log.length; } });
    expect(landed).toBeGreaterThan(0);
    expect(Math.max(...log.slice(0, landed))).toBeLessThan(2.5);
  });

  it('give identical results whether or not saveAt also contains 2.5', () => {
    const { problem } = switching();
    const base = [0, 1, 2, 3, 4, 5];
    const a = solve(problem, { rtol: 1e-6, tstops: [2.5], saveAt: base });
    const b = solve(problem, { rtol: 1e-6, tstops: [2.5], saveAt: [0, 1, 2, 2.5, 3, 4, 5] });
    expect(Array.from(b.t)).toEqual([0, 1, 2, 2.5, 3, 4, 5]);
    for (const [i, t] of base.entries()) expect(b.y[b.t.indexOf(t)]).toBe(a.y[i]);
    expect(b.stats).toEqual(a.stats);
  });

  it('are what makes a switch accurate: without the tstop the step over 2.5 is less accurate or costlier', () => {
    const { problem, exact } = switching();
    const withStop = solve(problem, { rtol: 1e-6, tstops: [2.5], saveAt: [5] });
    const without = solve(problem, { rtol: 1e-6, saveAt: [5] });
    const errWith = Math.abs(withStop.y[withStop.y.length - 1] - exact(5)) / exact(5);
    const errWithout = Math.abs(without.y[without.y.length - 1] - exact(5)) / exact(5);
    expect(errWithout > errWith || without.stats.rejected > withStop.stats.rejected).toBe(true);
  });

  it('run onTstop at the stop so a dose can change the state, and restart from the new state', () => {
    // y' = −y with a bolus of +1 at t = 1: y(t) = e^(−t) + e^(−(t−1)) for t ≥ 1.
    const problem: OdeProblem = { n: 1, y0: new Float64Array([1]), tspan: [0, 3], autonomous: true, rhs: (_t, y, f) => { f[0] = -y[0]; } };
    const times: number[] = [];
    const sol = solve(problem, {
      rtol: 1e-8, atol: 1e-12, tstops: [1, 7], saveAt: [0.5, 1, 2, 3],
      onTstop: (t, y) => { times.push(t); y[0] += 1; },
    });
    expect(times).toEqual([1]); // 7 is outside the span and ignored
    expect(sol.y[0]).toBeCloseTo(Math.exp(-0.5), 8);
    expect(sol.y[1]).toBeCloseTo(Math.exp(-1) + 1, 8); // a saveAt time at a tstop gets the state after the hook
    expect(sol.y[3]).toBeCloseTo(Math.exp(-3) + Math.exp(-2), 8);
  });

  it('record both the state before and after a hook that changes it when saving every step', () => {
    const problem: OdeProblem = { n: 1, y0: new Float64Array([1]), tspan: [0, 2], autonomous: true, rhs: (_t, y, f) => { f[0] = -y[0]; } };
    const sol = solve(problem, { tstops: [1], onTstop: (_t, y) => { y[0] += 1; } });
    const at1 = Array.from(sol.t).flatMap((t, i) => (t === 1 ? [sol.y[i]] : []));
    expect(at1.length).toBe(2);
    expect(at1[1] - at1[0]).toBeCloseTo(1, 12);
  });

  it('let onTstop switch an input the rhs reads, like a scenario\'s drug schedule', () => {
    // y' = u − y with u switched from 0 to 2 at t = 1 and back to 0 at t = 2.
    const u = new Float64Array([0]);
    const problem: OdeProblem = {
      n: 1, y0: new Float64Array([0]), tspan: [0, 3], autonomous: true,
      rhs: (_t, y, f) => { f[0] = u[0] - y[0]; },
      jacobian: (_t, _y, J) => { J[0] = -1; },
    };
    const schedule = new Map([[1, 2], [2, 0]]);
    const sol = solve(problem, { rtol: 1e-9, atol: 1e-12, tstops: [1, 2], saveAt: [1, 1.5, 2, 3], onTstop: (t) => { u[0] = schedule.get(t)!; } });
    const y2 = 2 * (1 - Math.exp(-1));
    expect(sol.y[0]).toBe(0);
    expect(sol.y[1]).toBeCloseTo(2 * (1 - Math.exp(-0.5)), 8);
    expect(sol.y[2]).toBeCloseTo(y2, 8);
    expect(sol.y[3]).toBeCloseTo(y2 * Math.exp(-1), 8);
  });
});

