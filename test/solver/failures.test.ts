import { describe, expect, it } from 'vitest';
import { createWorkspace, solve } from '../../src/solver/index.ts';
import type { OdeProblem } from '../../src/solver/types.ts';
import { roberProblem } from '../../bench/problems/index.ts';

const decay = (): OdeProblem => ({ n: 2, y0: new Float64Array([1, 2]), tspan: [0, 1], rhs: (_t, y, f) => { f[0] = -y[0]; f[1] = -y[1]; } });

describe('numerical failures', () => {
  it('end with non-finite near t = 1 and a partial solution when the rhs returns NaN after t = 1', () => {
    const problem: OdeProblem = {
      n: 2, y0: new Float64Array([1, 1]), tspan: [0, 3],
      rhs: (t, y, f) => { f[0] = -y[0]; f[1] = t > 1 ? NaN : -2 * y[1]; },
    };
    const sol = solve(problem, { rtol: 1e-6 });
    expect(sol.status).toBe('non-finite');
    const tLast = sol.t[sol.t.length - 1];
    expect(Math.abs(tLast - 1)).toBeLessThan(1e-6);
    expect(sol.t.length).toBeGreaterThan(3);
    expect(sol.y.length).toBe(2 * sol.t.length);
    for (const v of sol.y) expect(Number.isFinite(v)).toBe(true);
    expect(sol.y[sol.y.length - 2]).toBeCloseTo(Math.exp(-1), 5);
    expect(sol.message).toMatch(/At t = 1\b|At t = 0\.99999/);
    expect(sol.message).toContain('state index 1');
  });

  it('end with step-size-too-small near t = 1 for the blow-up y\' = y², y(0) = 1 on [0, 2]', () => {
    const problem: OdeProblem = {
      n: 1, y0: new Float64Array([1]), tspan: [0, 2], autonomous: true,
      rhs: (_t, y, f) => { f[0] = y[0] * y[0]; },
      jacobian: (_t, y, J) => { J[0] = 2 * y[0]; },
    };
    const sol = solve(problem, { rtol: 1e-6 });
    expect(sol.status).toBe('step-size-too-small');
    const tLast = sol.t[sol.t.length - 1];
    expect(Math.abs(tLast - 1)).toBeLessThan(1e-3);
    expect(sol.message).toMatch(/At t = (1|0\.99\d*), h = /);
    expect(sol.message).toContain('blow up');
  });

  it('end with max-steps, the t reached and what to try when maxSteps is too small', () => {
    const sol = solve(roberProblem(), { rtol: 1e-6, atol: 1e-10, maxSteps: 20 });
    expect(sol.status).toBe('max-steps');
    expect(sol.stats.steps).toBe(20);
    expect(sol.t[sol.t.length - 1]).toBeGreaterThan(0);
    expect(sol.message).toContain('maxSteps = 20');
    expect(sol.message).toContain('Raise options.maxSteps');
  });

  it('report a non-finite initial rhs without stepping', () => {
    const problem: OdeProblem = { n: 1, y0: new Float64Array([0]), tspan: [0, 1], rhs: (_t, y, f) => { f[0] = Math.log(y[0]); } };
    const sol = solve(problem);
    expect(sol.status).toBe('non-finite');
    expect(sol.stats.steps).toBe(0);
    expect(sol.message).toContain('state index 0');
  });
});

describe('edge cases', () => {
  it('return y0 for a zero-length interval', () => {
    const p = decay();
    p.tspan = [1, 1];
    const sol = solve(p);
    expect(sol.status).toBe('success');
    expect(Array.from(sol.t)).toEqual([1]);
    expect(Array.from(sol.y)).toEqual([1, 2]);
  });

  it('handle n = 0 by returning the requested times', () => {
    const sol = solve({ n: 0, y0: new Float64Array(0), tspan: [0, 1], rhs: () => {} }, { saveAt: [0, 0.5, 1] });
    expect(sol.status).toBe('success');
    expect(Array.from(sol.t)).toEqual([0, 0.5, 1]);
    expect(sol.y.length).toBe(0);
  });
});

describe('invalid arguments', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['y0 of the wrong length', () => solve({ ...decay(), y0: new Float64Array(3) }), /problem\.y0 must have length n = 2/],
    ['a non-finite y0', () => solve({ ...decay(), y0: new Float64Array([1, NaN]) }), /problem\.y0\[1\] must be finite/],
    ['t1 < t0', () => solve({ ...decay(), tspan: [1, 0] }), /problem\.tspan: t1 must be greater than or equal to t0/],
    ['a non-finite t1', () => solve({ ...decay(), tspan: [0, Infinity] }), /problem\.tspan\[1\]/],
    ['rtol = 0', () => solve(decay(), { rtol: 0 }), /options\.rtol must be greater than 0/],
    ['a negative rtol', () => solve(decay(), { rtol: -1e-6 }), /options\.rtol/],
    ['a negative atol', () => solve(decay(), { atol: -1 }), /options\.atol/],
    ['a per-state atol of the wrong length', () => solve(decay(), { atol: new Float64Array(3) }), /options\.atol \(per state\) must have length n = 2/],
    ['an unknown method', () => solve(decay(), { method: 'rk45' }), /options\.method must be one of 'rodas5p', 'odex'. Value: 'rk45'/],
    ['saveAt outside tspan', () => solve(decay(), { saveAt: [0, 2] }), /options\.saveAt\[1\] must lie in tspan/],
    ['unsorted saveAt', () => solve(decay(), { saveAt: [0.5, 0.2] }), /options\.saveAt must be sorted/],
    ['a NaN tstop', () => solve(decay(), { tstops: [NaN] }), /options\.tstops\[0\]/],
    ['a non-integer maxSteps', () => solve(decay(), { maxSteps: 1.5 }), /options\.maxSteps/],
    ['a workspace of another size', () => solve(decay(), { workspace: createWorkspace(3) }), /options\.workspace was created for n = 3, but problem\.n = 2/],
    ['a missing rhs', () => solve({ ...decay(), rhs: undefined as never }), /problem\.rhs must be a function/],
  ];
  it.each(cases)('throw naming the argument for %s', (_what, call, message) => {
    expect(call).toThrow(message);
  });
});

describe('a broken Jacobian', () => {
  it('ends with non-finite and names the Jacobian entry that is not finite', () => {
    const problem: OdeProblem = {
      n: 2, y0: new Float64Array([1, 1]), tspan: [0, 1], autonomous: true,
      rhs: (_t, y, f) => { f[0] = -y[0]; f[1] = -y[1]; },
      jacobian: (_t, _y, J) => { J[0] = -1; J[1] = 0; J[2] = NaN; J[3] = -1; },
    };
    const sol = solve(problem);
    expect(sol.status).toBe('non-finite');
    expect(sol.message).toContain('J[1][0]');
    expect(sol.t[sol.t.length - 1]).toBe(0);
  });
});

describe('a partial solution on a saveAt grid', () => {
  it('holds exactly the grid times reached before the failure', () => {
    const problem: OdeProblem = {
      n: 1, y0: new Float64Array([1]), tspan: [0, 3],
      rhs: (t, y, f) => { f[0] = t > 1.55 ? NaN : -y[0]; },
    };
    const grid = [0, 0.5, 1, 1.5, 2, 2.5, 3];
    const sol = solve(problem, { saveAt: grid });
    expect(sol.status).toBe('non-finite');
    expect(Array.from(sol.t)).toEqual([0, 0.5, 1, 1.5]);
    expect(sol.y[3]).toBeCloseTo(Math.exp(-1.5), 6);
    expect(sol.message).toMatch(/At t = 1\.55/);
  });
});
