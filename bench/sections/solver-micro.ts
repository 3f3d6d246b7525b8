/**
 * Hot-loop micro-benchmarks of the solver: dense LU factor and solve at n = 8, 20, 35 (the
 * sizes of HIRES, POLLU and the upper end of our model), one Rodas5P step at n = 8 and 20,
 * microseconds per step in whole solves, and the allocation check (10⁵ steps after warm-up:
 * same buffers, no GC, heap growth < 1 MB).
 */
import { luFactor, luSolve } from '../../src/solver/lu.ts';
import { emptyStats, RosenbrockIntegrator, ACCEPTED } from '../../src/solver/integrator.ts';
import { rosenbrockStep, StepArgs } from '../../src/solver/rosenbrock-step.ts';
import { rodas5p } from '../../src/solver/tableaus/rodas5p.ts';
import { Workspace } from '../../src/solver/workspace.ts';
import { bytesPerIteration, retainedGrowth } from '../lib/alloc.ts';
import type { BenchContext } from '../lib/context.ts';
import { measureMicros, type MicroTiming } from '../lib/timing.ts';
import { STIFF_PROBLEMS, stiffCase, type StiffProblemName } from '../problems/index.ts';
import { prewarmSolver, wpPoint } from './solver-stiff.ts';

/** A reproducible, well-conditioned test matrix (diagonally dominant, pseudo-random off-diagonal). */
export function testMatrix(n: number, seed = 12345): Float64Array {
  const A = new Float64Array(n * n);
  let s = seed >>> 0;
  for (let i = 0; i < n * n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    A[i] = (s >>> 8) / 16777216 - 0.5;
  }
  for (let i = 0; i < n; i++) A[i * n + i] -= 2 * n;
  return A;
}

interface LuRow {
  n: number;
  factor: MicroTiming;
  solve: MicroTiming;
}

function luMicro(n: number, quick: boolean): LuRow {
  const A0 = testMatrix(n);
  const A = new Float64Array(n * n);
  const ipiv = new Int32Array(n);
  const b = new Float64Array(n);
  const opts = { minMs: quick ? 20 : 150 };
  // The factor timing includes restoring A (n² copies), which is part of forming W in a step too.
  const factor = measureMicros(() => {
    A.set(A0);
    luFactor(n, A, ipiv);
  }, opts);
  const solve = measureMicros(() => {
    b.fill(1);
    luSolve(n, A, ipiv, b);
  }, opts);
  return { n, factor, solve };
}

interface StepRow {
  problem: string;
  n: number;
  step: MicroTiming;
  rhs: MicroTiming;
  jac: MicroTiming;
}

/** One Rodas5P step (W build + LU + 8 stages + error norm) at the problem's reference end state. */
function stepMicro(name: StiffProblemName, quick: boolean): StepRow {
  const c = stiffCase(name);
  const n = c.problem.n;
  const ws = new Workspace(n);
  ws.atol.fill(1e-8);
  ws.y0.set(c.ref);
  c.problem.rhs(0, ws.y0, ws.f0);
  c.problem.jacobian!(0, ws.y0, ws.J);
  const stats = emptyStats();
  const args = new StepArgs();
  args.t = 0;
  args.h = 1e-2;
  const opts = { minMs: quick ? 20 : 150 };
  const step = measureMicros(() => void rosenbrockStep(rodas5p, true, c.problem, ws, args, stats), opts);
  const rhs = measureMicros(() => c.problem.rhs(0, ws.y0, ws.du), opts);
  const jac = measureMicros(() => c.problem.jacobian!(0, ws.y0, ws.J), opts);
  return { problem: name, n, step, rhs, jac };
}

/**
 * Runs `steps` accepted HIRES steps at rtol 1e-6 on one workspace, restarting from y0 whenever
 * t_end is reached. Returns the number of restarts.
 */
export function hiresStepLoop(integ: RosenbrockIntegrator, y0: Float64Array, tEnd: number, steps: number): number {
  let restarts = 0;
  for (let k = 0; k < steps; k++) {
    if (integ.t >= tEnd) {
      integ.ws.y0.set(y0);
      integ.restart(0);
      integ.chooseInitialStep(null);
      integ.prepare(tEnd);
      restarts++;
    }
    if (integ.step(tEnd, false) !== ACCEPTED) throw new Error(`step failed at t = ${integ.t}`);
    integ.commit();
    integ.prepare(tEnd);
  }
  return restarts;
}

export function hiresIntegrator(): { integ: RosenbrockIntegrator; y0: Float64Array; tEnd: number } {
  const c = stiffCase('hires');
  const ws = new Workspace(c.problem.n);
  ws.atol.fill(1e-8);
  ws.y0.set(c.problem.y0);
  const integ = new RosenbrockIntegrator(c.problem, rodas5p, ws, { rtol: 1e-6, hmax: Infinity, maxSteps: Number.MAX_SAFE_INTEGER, fixedStep: null }, emptyStats());
  integ.restart(0);
  integ.chooseInitialStep(null);
  integ.prepare(c.problem.tspan[1]);
  return { integ, y0: c.problem.y0, tEnd: c.problem.tspan[1] };
}

const f = (x: number, d = 2): string => (Number.isFinite(x) ? x.toFixed(d) : 'NaN');

export default async function solverMicro(ctx: BenchContext): Promise<string> {
  prewarmSolver(ctx.quick);
  const lu = [8, 20, 35].map((n) => luMicro(n, ctx.quick));
  const steps = (['hires', 'pollu'] as const).map((p) => stepMicro(p, ctx.quick));
  const perStep = STIFF_PROBLEMS.map((p) => wpPoint(p, 'rodas5p', 1e-6, ctx.quick));

  // Allocation check: warm up, then 10⁵ steps on the same workspace.
  const { integ, y0, tEnd } = hiresIntegrator();
  const before = integ.ws.buffers();
  hiresStepLoop(integ, y0, tEnd, 20_000);
  const perStepBytes = bytesPerIteration((k) => void hiresStepLoop(integ, y0, tEnd, k), 5000);
  let restarts = 0;
  const N = 100_000;
  const report = await retainedGrowth(() => {
    restarts = hiresStepLoop(integ, y0, tEnd, N);
  });
  const after = integ.ws.buffers();
  const sameBuffers = before.length === after.length && before.every((b, i) => b === after[i]);
  const allocOk = sameBuffers && report.retainedBytes < 1 << 20;

  let md = '## Solver: hot-loop micro-benchmarks\n\n';
  const mm = (t: MicroTiming, d = 3): string => `${f(t.medianUs, d)} | ${f(t.minUs, d)}`;
  md += 'Times in µs per call: median of samples, and the fastest sample (the cost itself when the machine is busy).\n\n';
  md += '| dense LU (own, partial pivoting) | factor median | factor min | solve median | solve min |\n|---|---:|---:|---:|---:|\n' +
    lu.map((r) => `| n = ${r.n} | ${mm(r.factor)} | ${mm(r.solve)} |`).join('\n') + '\n\n';
  md += '| one Rodas5P step (W, LU, 8 stages, error norm) | n | step median | step min | rhs median | rhs min | Jacobian median | Jacobian min |\n' +
    '|---|---:|---:|---:|---:|---:|---:|---:|\n' +
    steps.map((r) => `| ${r.problem} | ${r.n} | ${mm(r.step, 2)} | ${mm(r.rhs)} | ${mm(r.jac)} |`).join('\n') + '\n\n';
  md += '| whole solve, rtol 1e-6 | steps | median ms | µs per step |\n|---|---:|---:|---:|\n' +
    perStep.map((r) => `| ${r.problem} | ${r.steps} | ${f(r.medianMs, 3)} | ${f(r.usPerStep)} |`).join('\n') + '\n\n';
  md += `Allocation check (HIRES, rtol 1e-6, ${N} accepted steps after 20000 warm-up steps, ${restarts} restarts, ` +
    `${f(report.ms, 0)} ms): workspace buffers ${sameBuffers ? 'identical' : 'CHANGED'}; heapUsed growth after a full GC ` +
    `${(report.retainedBytes / 1024).toFixed(1)} KiB (limit 1024 KiB): **${allocOk ? 'PASS' : 'FAIL'}**. ` +
    `Garbage: ${f(perStepBytes, 0)} B per step (${report.gcDuring} scavenges in the run), which is V8 boxing the double ` +
    '`t` passed to the problem\'s rhs/Jacobian (16 B per call, 9 calls per step); the step loop itself creates no arrays or objects.\n';
  ctx.saveJson('solver-micro', { lu, steps, perStep, allocation: { ...report, perStepBytes, sameBuffers, restarts, steps: N, ok: allocOk } });
  return md;
}
