/**
 * Hot-loop micro-benchmarks of the solver: dense LU factor and solve at n = 8, 20, 35 (the
 * sizes of HIRES, POLLU and the upper end of our model), one Rodas5P step at n = 8 and 20,
 * microseconds per step in whole solves, the allocation check (10⁵ steps after warm-up:
 * same buffers, no GC, heap growth < 1 MB), and the sparse LU (static Markowitz order) against
 * the dense one at POLLU's and the ferroptosis model's Jacobian patterns, in isolation and in
 * whole solves.
 */
import { luFactor, luSolve } from '../../src/solver/lu.ts';
import { analyzeSparseLu, SparseLu, sparseLuFactor, sparseLuSolve, SPARSE_MAX_GROWTH, type CsrPattern } from '../../src/solver/lu-sparse.ts';
import { createWorkspace, solve, type OdeProblem, type SolveOptions } from '../../src/solver/index.ts';
import { compileModel, ferroptosis, steadyState } from '../../src/model/index.ts';
import { emptyStats, RosenbrockIntegrator, ACCEPTED } from '../../src/solver/integrator.ts';
import { rosenbrockStep, StepArgs } from '../../src/solver/rosenbrock-step.ts';
import { rodas5p } from '../../src/solver/tableaus/rodas5p.ts';
import { Workspace } from '../../src/solver/workspace.ts';
import { bytesPerIteration, retainedGrowth } from '../lib/alloc.ts';
import type { BenchContext } from '../lib/context.ts';
import { measure, measureMicros, type MicroTiming } from '../lib/timing.ts';
import { STIFF_PROBLEMS, stiffCase, withJacobianPattern, type StiffProblemName } from '../problems/index.ts';
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

interface SparseLuRow {
  name: string;
  n: number;
  nnzW: number;
  nnzLU: number;
  denseFactor: MicroTiming;
  denseSolve: MicroTiming;
  sparseFactor: MicroTiming;
  sparseSolve: MicroTiming;
}

/**
 * LU of W = I/(hγ) − J at a real Jacobian: dense (build W, partial pivoting) against sparse
 * (load the pattern, static order, growth test). h is a typical step of the solve.
 */
function sparseLuMicro(name: string, n: number, pattern: CsrPattern, J: Float64Array, h: number, quick: boolean): SparseLuRow {
  const shift = 1 / (h * rodas5p.gamma);
  const W = new Float64Array(n * n);
  const ipiv = new Int32Array(n);
  const b = new Float64Array(n);
  const opts = { minMs: quick ? 20 : 150 };
  const denseFactor = measureMicros(() => {
    for (let m = 0; m < n * n; m++) W[m] = -J[m];
    for (let i = 0; i < n; i++) W[i * n + i] += shift;
    luFactor(n, W, ipiv);
  }, opts);
  const denseSolve = measureMicros(() => {
    b.fill(1);
    luSolve(n, W, ipiv, b);
  }, opts);
  const sym = analyzeSparseLu(n, pattern);
  const lu = new SparseLu(sym);
  if (sparseLuFactor(lu, J, shift, SPARSE_MAX_GROWTH) !== 0) throw new Error(`sparse LU failed on ${name}`);
  const sparseFactor = measureMicros(() => void sparseLuFactor(lu, J, shift, SPARSE_MAX_GROWTH), opts);
  const sparseSolve = measureMicros(() => {
    b.fill(1);
    sparseLuSolve(lu, b);
  }, opts);
  return { name, n, nnzW: sym.nnzW, nnzLU: sym.nnz, denseFactor, denseSolve, sparseFactor, sparseSolve };
}

interface SolveRow {
  problem: string;
  variant: string;
  steps: number;
  factorizations: number;
  denseFallbacks: number;
  medianMs: number;
  minMs: number;
  usPerStep: number;
}

function solveRow(problem: string, variant: string, p: OdeProblem, opts: SolveOptions, quick: boolean): SolveRow {
  const o = { ...opts, workspace: createWorkspace(p.n) };
  const sol = solve(p, o);
  if (sol.status !== 'success') throw new Error(`${problem} (${variant}): ${sol.message}`);
  const t = measure(() => void solve(p, o), { warmupMs: quick ? 100 : 300, minRuns: quick ? 20 : 50, minMs: quick ? 300 : 1500 });
  const s = sol.stats;
  return { problem, variant, steps: s.steps, factorizations: s.factorizations, denseFallbacks: s.denseFallbacks ?? 0, medianMs: t.medianMs, minMs: t.minMs, usPerStep: (t.medianMs * 1000) / s.steps };
}

/** Sparse against dense LU: the factorisation alone, and whole solves (POLLU; 72-h erastin 10 µM). */
export function sparseComparison(quick: boolean): { lu: SparseLuRow[]; solves: SolveRow[] } {
  const pollu = withJacobianPattern(stiffCase('pollu').problem);
  const model = compileModel(ferroptosis);
  const ss = steadyState(model);
  const ferro = model.toProblem({ tspan: [0, 72], y0: ss.y, inputs: { erastin: 10 } as never });
  const saveAt = [0, 24, 48, 72];
  const solves = [
    solveRow('POLLU rtol 1e-6', 'dense LU', pollu, { rtol: 1e-6, atol: 1e-8, saveAt: [60], linearSolver: 'dense' }, quick),
    solveRow('POLLU rtol 1e-6', 'sparse LU', pollu, { rtol: 1e-6, atol: 1e-8, saveAt: [60], linearSolver: 'sparse' }, quick),
    // "before": the state of the solver before the sparse LU, where a compiled model did not say it is autonomous.
    solveRow('ferroptosis, erastin 10 µM, 72 h', 'dense LU, ∂f/∂t by FD (before)', { ...ferro, autonomous: false }, { saveAt, linearSolver: 'dense' }, quick),
    solveRow('ferroptosis, erastin 10 µM, 72 h', 'dense LU, autonomous', ferro, { saveAt, linearSolver: 'dense' }, quick),
    solveRow('ferroptosis, erastin 10 µM, 72 h', 'sparse LU, autonomous (default)', ferro, { saveAt }, quick),
  ];
  const n = ferro.n;
  const J = new Float64Array(n * n);
  const y24 = solve(ferro, { saveAt: [24] }).y;
  ferro.jacobian!(24, y24, J);
  const Jp = new Float64Array(20 * 20);
  pollu.jacobian!(0, stiffCase('pollu').ref, Jp);
  const lu = [
    sparseLuMicro('POLLU (at t_end)', 20, pollu.jacobianPattern!, Jp, 60 / 55, quick),
    sparseLuMicro('ferroptosis (erastin 10 µM, 24 h)', n, ferro.jacobianPattern!, J, 72 / solves[4].steps, quick),
  ];
  return { lu, solves };
}

export default async function solverMicro(ctx: BenchContext): Promise<string> {
  prewarmSolver(ctx.quick);
  const lu = [8, 20, 35].map((n) => luMicro(n, ctx.quick));
  const steps = (['hires', 'pollu'] as const).map((p) => stepMicro(p, ctx.quick));
  const perStep = STIFF_PROBLEMS.map((p) => wpPoint(p, 'rodas5p', 1e-6, ctx.quick));

  // Allocation check: warm up, then 10⁵ steps on the same workspace.
  const { integ, y0, tEnd } = hiresIntegrator();
  const before = integ.ws.buffers();
  hiresStepLoop(integ, y0, tEnd, 20_000);
  // The least of three: a JIT compile or a concurrent GC phase during one measurement adds heap noise.
  let perStepBytes = Infinity;
  for (let round = 0; round < 3; round++) perStepBytes = Math.min(perStepBytes, bytesPerIteration((k) => void hiresStepLoop(integ, y0, tEnd, k), 5000));
  let restarts = 0;
  const N = 100_000;
  const report = await retainedGrowth(() => {
    restarts = hiresStepLoop(integ, y0, tEnd, N);
  });
  const after = integ.ws.buffers();
  const sameBuffers = before.length === after.length && before.every((b, i) => b === after[i]);
  const allocOk = sameBuffers && report.retainedBytes < 1 << 20;
  ctx.log('solver-micro: sparse against dense LU');
  const sparse = sparseComparison(ctx.quick);

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
  md += '\n### Sparse LU (static Markowitz order, computed once per pattern) against the dense LU\n\n';
  md += 'W = I/(hγ) − J at a real Jacobian, h a typical step. Dense: build W (n² entries) and factor with partial pivoting; ' +
    'sparse: load the pattern\'s entries, eliminate in the precomputed order, check the growth ‖|L||U|‖ ≤ 1e4·‖W‖. µs per call, median | min.\n\n';
  const ratio = (a: MicroTiming, b: MicroTiming): string => `${f(a.medianUs / b.medianUs, 1)}×`;
  md += '| matrix | n | nnz(W) | nnz(L+U) | dense factor median | min | sparse factor median | min | speed-up | dense solve median | min | sparse solve median | min | speed-up |\n' +
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n' +
    sparse.lu.map((r) => `| ${r.name} | ${r.n} | ${r.nnzW} | ${r.nnzLU} | ${mm(r.denseFactor)} | ${mm(r.sparseFactor)} | ${ratio(r.denseFactor, r.sparseFactor)} | ${mm(r.denseSolve)} | ${mm(r.sparseSolve)} | ${ratio(r.denseSolve, r.sparseSolve)} |`).join('\n') + '\n\n';
  const base = (r: SolveRow): SolveRow => sparse.solves.find((x) => x.problem === r.problem)!;
  md += '| whole solve | variant | steps | LUs | dense fallbacks | median ms | min ms | µs per step | time vs first row |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n' +
    sparse.solves.map((r) => `| ${r.problem} | ${r.variant} | ${r.steps} | ${r.factorizations} | ${r.denseFallbacks} | ${f(r.medianMs, 3)} | ${f(r.minMs, 3)} | ${f(r.usPerStep)} | ${f(r.medianMs / base(r).medianMs)} |`).join('\n') + '\n';
  ctx.saveJson('solver-micro', { lu, steps, perStep, sparse, allocation: { ...report, perStepBytes, sameBuffers, restarts, steps: N, ok: allocOk } });
  return md;
}
