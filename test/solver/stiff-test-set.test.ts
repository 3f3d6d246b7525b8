import { describe, expect, it } from 'vitest';
import { solve } from '../../src/solver/index.ts';
import { roberProblem, scd, stiffCase, type StiffProblemName } from '../../bench/problems/index.ts';

/** scd at t_end for a problem at rtol (atol = atol_over_rtol · rtol, as the reference file says). */
function accuracy(name: StiffProblemName, rtol: number): { status: string; scd: number } {
  const c = stiffCase(name);
  const n = c.problem.n;
  const sol = solve(c.problem, { rtol, atol: rtol * c.atolOverRtol, saveAt: [c.problem.tspan[1]] });
  return { status: sol.status, scd: scd(sol.y.subarray(sol.y.length - n), c.ref) };
}

describe.each(['hires', 'pollu', 'rober'] as const)('the Test Set problem %s', (name) => {
  const results = [1e-4, 1e-6, 1e-8].map((rtol) => accuracy(name, rtol));

  it('is solved successfully at rtol 1e-4, 1e-6 and 1e-8', () => {
    for (const r of results) expect(r.status).toBe('success');
  });

  it('gets more accurate at the end point as rtol tightens', () => {
    expect(results[1].scd).toBeGreaterThan(results[0].scd);
    expect(results[2].scd).toBeGreaterThan(results[1].scd);
  });
});

describe('accuracy against the Test Set reference', () => {
  it('reaches at least 6 significant correct digits on HIRES at rtol 1e-8', () => {
    expect(accuracy('hires', 1e-8).scd).toBeGreaterThanOrEqual(6);
  });

  it('reaches at least 6 significant correct digits on POLLU at rtol 1e-8', () => {
    expect(accuracy('pollu', 1e-8).scd).toBeGreaterThanOrEqual(6);
  });
});

describe('ROBER', () => {
  it('conserves y1 + y2 + y3 = 1 to 1e-9 at every step over [0, 1e11]', () => {
    const sol = solve(roberProblem(), { rtol: 1e-8, atol: 1e-12 });
    expect(sol.status).toBe('success');
    expect(sol.t[sol.t.length - 1]).toBe(1e11);
    let worst = 0;
    for (let i = 0; i < sol.t.length; i++) worst = Math.max(worst, Math.abs(sol.y[3 * i] + sol.y[3 * i + 1] + sol.y[3 * i + 2] - 1));
    expect(worst).toBeLessThan(1e-9);
  });

  it('stays within a fixed work budget over [0, 1e11] at rtol 1e-6 (nf, nlu, nreject ceilings)', () => {
    // Measured: 316 steps, nf 2528, nlu 316, nreject 2. The ceilings leave ~25% headroom.
    const sol = solve(roberProblem(), { rtol: 1e-6, atol: 1e-10, saveAt: [1e11] });
    expect(sol.status).toBe('success');
    expect(sol.stats.rhsEvals).toBeLessThanOrEqual(3200);
    expect(sol.stats.factorizations).toBeLessThanOrEqual(400);
    expect(sol.stats.rejected).toBeLessThanOrEqual(10);
    expect(sol.stats.jacobianEvals).toBeLessThanOrEqual(400);
  });
});

describe('work on easy problems', () => {
  it('takes fewer than 20 steps for y\' = −y on [0, 1] at rtol 1e-6', () => {
    const sol = solve({ n: 1, y0: new Float64Array([1]), tspan: [0, 1], autonomous: true, rhs: (_t, y, f) => { f[0] = -y[0]; } }, { rtol: 1e-6 });
    expect(sol.status).toBe('success');
    expect(sol.stats.steps).toBeLessThan(20);
    expect(Math.abs(sol.y[sol.y.length - 1] - Math.exp(-1))).toBeLessThan(1e-6);
  });

  it('builds a finite-difference Jacobian when none is given, counting its rhs calls apart from rhsEvals', () => {
    const c = stiffCase('hires');
    const { jacobian: _unused, ...noJac } = c.problem;
    const withFd = solve(noJac, { rtol: 1e-6, atol: 1e-8, saveAt: [c.problem.tspan[1]] });
    const exact = solve(c.problem, { rtol: 1e-6, atol: 1e-8, saveAt: [c.problem.tspan[1]] });
    expect(withFd.status).toBe('success');
    expect(withFd.stats.rhsEvalsForJacobian).toBe(8 * withFd.stats.jacobianEvals);
    expect(exact.stats.rhsEvalsForJacobian).toBe(0);
    // Same accuracy class as with the analytic Jacobian.
    expect(scd(withFd.y.subarray(withFd.y.length - 8), c.ref)).toBeGreaterThan(scd(exact.y.subarray(exact.y.length - 8), c.ref) - 0.5);
  });
});

describe('tolerances', () => {
  it('treat a per-state atol equal to the scalar exactly like the scalar, and a looser one as looser', () => {
    const c = stiffCase('hires');
    const opts = { rtol: 1e-6, saveAt: [c.problem.tspan[1]] };
    const scalar = solve(c.problem, { ...opts, atol: 1e-8 });
    const vector = solve(c.problem, { ...opts, atol: new Float64Array(8).fill(1e-8) });
    expect(Array.from(vector.y)).toEqual(Array.from(scalar.y));
    expect(vector.stats).toEqual(scalar.stats);
    const loose = solve(c.problem, { ...opts, atol: new Float64Array(8).fill(1e-4) });
    expect(loose.stats.steps).toBeLessThan(scalar.stats.steps);
  });
});
