/**
 * Resuming from a checkpoint taken at a tstop (SolveOptions.resume): the resumed solve returns
 * bit for bit the Solution of the uninterrupted one (rows, status, stats), on the dense and the
 * sparse LU path, with and without a saveAt grid, with hooks that switch inputs and change the
 * state, and through a failure after the checkpoint. A checkpoint that does not fit is refused.
 */
import { describe, expect, it } from 'vitest';
import { solve } from '../../src/solver/index.ts';
import type { Checkpoint, OdeProblem, Solution, SolveOptions } from '../../src/solver/types.ts';
import { hiresProblem, polluProblem, withJacobianPattern } from '../../bench/problems/index.ts';

/**
 * A test problem driven by a schedule: rate multiplier `k` switches at tstops (an input the rhs
 * reads) and state 0 receives a bolus at some of them (the hook changes y). Each call builds a
 * fresh problem, as a scenario run does, so no input state leaks between solves.
 */
function dosed(base: () => OdeProblem, switches: { t: number; k: number; bolus: number }[]) {
  const inner = base();
  let k = 1;
  const problem: OdeProblem = {
    ...inner,
    rhs(t, y, f) {
      inner.rhs(t, y, f);
      for (let i = 0; i < f.length; i++) f[i] *= k;
    },
    jacobian(t, y, J) {
      inner.jacobian!(t, y, J);
      for (let i = 0; i < J.length; i++) J[i] *= k;
    },
  };
  // Like the scenario switcher: inputs from every switch up to t, so a resumed solve's hook at its
  // start puts them where the uninterrupted solve had them. Boluses before t are in the state.
  let next = 0;
  const hook = (t: number, y: Float64Array) => {
    while (next < switches.length && switches[next].t <= t) {
      k = switches[next].k;
      if (switches[next].t === t) y[0] += switches[next].bolus;
      next++;
    }
  };
  return { problem, hook, tstops: switches.map((s) => s.t) };
}

function expectSameSolution(a: Solution, b: Solution): void {
  expect(b.status).toBe(a.status);
  expect(b.message).toBe(a.message);
  expect(b.stats).toEqual(a.stats);
  expect(Array.from(b.t)).toEqual(Array.from(a.t));
  expect(Array.from(b.y)).toEqual(Array.from(a.y)); // toEqual on numbers is Object.is: bit for bit
}

/** Solves once taking a checkpoint at every tstop, then resumes from each and compares. */
function checkResumes(make: () => ReturnType<typeof dosed>, options: Omit<SolveOptions, 'tstops' | 'onTstop'>): number {
  const checkpoints: Checkpoint[] = [];
  const first = make();
  const full = solve(first.problem, {
    ...options,
    tstops: first.tstops,
    onTstop: (t, y, checkpoint) => {
      checkpoints.push(checkpoint());
      first.hook(t, y);
    },
  });
  expect(full.status).not.toBe('non-finite');
  for (const cp of checkpoints) {
    const again = make();
    const resumed = solve(again.problem, { ...options, tstops: again.tstops, onTstop: again.hook, resume: cp });
    expectSameSolution(full, resumed);
  }
  return checkpoints.length;
}

describe('resuming a solve from a tstop checkpoint', () => {
  const hiresSwitches = [
    { t: 50, k: 0.5, bolus: 0.3 },
    { t: 120, k: 2, bolus: 0 },
    { t: 200, k: 1, bolus: 0.1 },
  ];

  it('reproduces the uninterrupted solve bit for bit on the dense LU path (HIRES, every step recorded)', () => {
    expect(checkResumes(() => dosed(hiresProblem, hiresSwitches), { rtol: 1e-6, atol: 1e-9 })).toBe(3);
  });

  it('and on a saveAt grid that includes a tstop time', () => {
    const saveAt = Array.from({ length: 33 }, (_, i) => i * 10);
    expect(checkResumes(() => dosed(hiresProblem, hiresSwitches), { rtol: 1e-7, atol: 1e-10, saveAt })).toBe(3);
  });

  it('and on the sparse LU path (POLLU with its Jacobian pattern)', () => {
    const switches = [
      { t: 10, k: 0.3, bolus: 0.05 },
      { t: 30, k: 1.5, bolus: 0 },
    ];
    const saveAt = [0, 5, 10, 20, 30, 45, 60];
    expect(checkResumes(() => dosed(() => withJacobianPattern(polluProblem()), switches), { rtol: 1e-6, atol: 1e-9, saveAt, linearSolver: 'sparse' })).toBe(2);
  });

  it('fails where the uninterrupted solve fails, with the same partial solution and message', () => {
    const saveAt = Array.from({ length: 33 }, (_, i) => i * 10);
    // Enough steps to pass the last tstop, not enough to finish.
    let stepsAtLast = 0;
    const probe = dosed(hiresProblem, hiresSwitches);
    solve(probe.problem, { saveAt, tstops: probe.tstops, onTstop: (t, y, checkpoint) => { if (t === 200) stepsAtLast = checkpoint().stats.steps; probe.hook(t, y); } });
    const maxSteps = stepsAtLast + 20;
    const checkpoints: Checkpoint[] = [];
    const first = dosed(hiresProblem, hiresSwitches);
    const full = solve(first.problem, {
      saveAt, maxSteps, tstops: first.tstops,
      onTstop: (t, y, checkpoint) => {
        checkpoints.push(checkpoint());
        first.hook(t, y);
      },
    });
    expect(full.status).toBe('max-steps');
    expect(checkpoints.map((c) => c.t)).toEqual([50, 120, 200]);
    const again = dosed(hiresProblem, hiresSwitches);
    expectSameSolution(full, solve(again.problem, { saveAt, maxSteps, tstops: again.tstops, onTstop: again.hook, resume: checkpoints.at(-1) }));
  });

  it('refuses a checkpoint that does not fit the solve, naming what differs', () => {
    let cp: Checkpoint | undefined;
    const first = dosed(hiresProblem, hiresSwitches);
    solve(first.problem, { saveAt: [0, 100, 321.8122], tstops: first.tstops, onTstop: (t, y, checkpoint) => { if (t === 120) cp = checkpoint(); first.hook(t, y); } });
    const p = dosed(hiresProblem, hiresSwitches);
    expect(() => solve(p.problem, { saveAt: [0, 100, 321.8122], tstops: [50], resume: cp })).toThrow(/must be one of options.tstops/);
    expect(() => solve(p.problem, { saveAt: [0, 321.8122], tstops: p.tstops, resume: cp })).toThrow(/holds 2 output rows before t = 120/);
    expect(() => solve(p.problem, { saveAt: [0, 100, 321.8122], tstops: p.tstops, maxSteps: 5, resume: cp })).toThrow(/already used \d+ steps/);
    expect(() => solve(p.problem, { method: 'odex', resume: cp })).toThrow(/needs method 'rodas5p'/);
    expect(() => solve(p.problem, { tstops: p.tstops, resume: { ...cp!, y: new Float64Array(3) } })).toThrow(/different n/);
  });

  it('hands out checkpoints only while the hook runs', () => {
    let later: (() => Checkpoint) | undefined;
    const first = dosed(hiresProblem, hiresSwitches);
    solve(first.problem, { tstops: first.tstops, onTstop: (t, y, checkpoint) => { later = checkpoint; first.hook(t, y); } });
    expect(() => later!()).toThrow(/while the onTstop hook runs/);
  });
});
