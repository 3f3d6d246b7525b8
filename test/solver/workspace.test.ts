import { describe, expect, it } from 'vitest';
import { createWorkspace, solve } from '../../src/solver/index.ts';
import { Workspace } from '../../src/solver/workspace.ts';
import { stiffCase } from '../../bench/problems/index.ts';
import { hiresIntegrator, hiresStepLoop } from '../../bench/sections/solver-micro.ts';
import { bytesPerIteration, retainedGrowth } from '../../bench/lib/alloc.ts';

describe('solver workspace', () => {
  it('is reused across solves of the same size: same buffers, same results as a fresh one', () => {
    const c = stiffCase('hires');
    const ws = createWorkspace(8) as Workspace;
    const buffers = ws.buffers();
    const opts = { rtol: 1e-6, atol: 1e-8, saveAt: [0, 100, c.problem.tspan[1]] };
    const a = solve(c.problem, { ...opts, workspace: ws });
    const b = solve(c.problem, { ...opts, workspace: ws });
    const fresh = solve(c.problem, opts);
    expect(Array.from(b.y)).toEqual(Array.from(a.y));
    expect(Array.from(fresh.y)).toEqual(Array.from(a.y));
    expect(b.stats).toEqual(fresh.stats);
    const after = ws.buffers();
    expect(after.length).toBe(buffers.length);
    after.forEach((buf, i) => expect(buf).toBe(buffers[i]));
  });

  it('does not let one solve\'s state leak into the next (different y0 on the same workspace)', () => {
    const c = stiffCase('hires');
    const ws = createWorkspace(8);
    solve(c.problem, { workspace: ws, saveAt: [c.problem.tspan[1]] });
    const other = { ...c.problem, y0: Float64Array.from(c.problem.y0, (v) => v * 0.5) };
    const reused = solve(other, { workspace: ws, saveAt: [c.problem.tspan[1]] });
    const fresh = solve(other, { saveAt: [c.problem.tspan[1]] });
    expect(Array.from(reused.y)).toEqual(Array.from(fresh.y));
  });
});

describe('the step loop', () => {
  it('keeps the same buffers and retains no memory over 10⁵ steps after warm-up', async () => {
    const { integ, y0, tEnd } = hiresIntegrator();
    const before = integ.ws.buffers();
    hiresStepLoop(integ, y0, tEnd, 20_000);
    const report = await retainedGrowth(() => void hiresStepLoop(integ, y0, tEnd, 100_000));
    integ.ws.buffers().forEach((buf, i) => expect(buf).toBe(before[i]));
    expect(report.retainedBytes).toBeLessThan(1 << 20);
  });

  it('allocates no arrays or objects per step (only V8\'s boxing of t for the 9 rhs/Jacobian calls)', () => {
    const { integ, y0, tEnd } = hiresIntegrator();
    // Compilation allocates on the heap too, so take the least of a few measurements after warm-up.
    let perStep = Infinity;
    for (let round = 0; round < 6; round++) {
      hiresStepLoop(integ, y0, tEnd, 10_000);
      perStep = Math.min(perStep, bytesPerIteration((k) => void hiresStepLoop(integ, y0, tEnd, k), 5000));
    }
    // 9 boxed doubles of 16 B ≈ 150 B per step; one extra Float64Array(8) per step would add ~150 B.
    expect(perStep).toBeLessThan(220);
  });
});
