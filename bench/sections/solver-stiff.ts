/**
 * Work-precision of the stiff test problems (HIRES, POLLU, ROBER; Test Set for IVP Solvers):
 * Rodas5P and odex at rtol 1e-4…1e-10 (atol = atol_over_rtol · rtol, the reference file's
 * choice), and, when SUNDIALS is installed (the anchor is built by bench/lib/cvode.ts), CVODE (BDF, analytic Jacobian) in the same run with
 * our time ÷ CVODE's at matched accuracy: the loosest rtol on a half-decade ladder at which we
 * reach at least CVODE's scd. For each point the error is computed once, then the solve is timed
 * (median of repeats after warm-up). Failures are kept as NaN.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createWorkspace, solve } from '../../src/solver/index.ts';
import type { Solution } from '../../src/solver/types.ts';
import type { BenchContext } from '../lib/context.ts';
import { cvodeAnchor } from '../lib/cvode.ts';
import { measure } from '../lib/timing.ts';
import { scd, STIFF_PROBLEMS, stiffCase, type StiffProblemName } from '../problems/index.ts';

export interface WpRow {
  problem: StiffProblemName;
  solver: string;
  rtol: number;
  atol: number;
  status: string;
  medianMs: number;
  /** Fastest run: the cost itself when the machine is busy with other work. */
  minMs: number;
  runs: number;
  steps: number;
  rejected: number;
  rhsEvals: number;
  jacobianEvals: number;
  factorizations: number;
  scd: number;
  usPerStep: number;
}

interface CvodeRow {
  solver: string;
  problem: string;
  rtol: number;
  atol: number;
  median_ms: number;
  min_ms: number;
  steps: number;
  rhs_evals: number;
  jac_evals: number;
  lu: number;
  flag: number;
  scd: number;
}

function endState(sol: Solution, n: number): Float64Array {
  return sol.y.subarray(sol.y.length - n);
}

/** One work-precision point: error once, then timing (skipped for failures, which get NaN). */
export function wpPoint(name: StiffProblemName, method: 'rodas5p' | 'odex', rtol: number, quick: boolean): WpRow {
  const c = stiffCase(name);
  const n = c.problem.n;
  const atol = rtol * c.atolOverRtol;
  const tEnd = c.problem.tspan[1];
  const options = {
    method,
    rtol,
    atol,
    saveAt: [tEnd],
    // odex on a stiff problem needs millions of steps; cap it so a failure costs about a second.
    maxSteps: method === 'odex' ? (quick ? 2000 : 6000) : 200_000,
    ...(method === 'rodas5p' ? { workspace: createWorkspace(n) } : {}),
  };
  const t0 = performance.now();
  const sol = solve(c.problem, options);
  const firstMs = performance.now() - t0;
  const ok = sol.status === 'success';
  const accuracy = ok ? scd(endState(sol, n), c.ref) : NaN;
  let medianMs = NaN;
  let minMs = NaN;
  let runs = 0;
  if (ok) {
    const slow = firstMs > 50;
    const m = measure(() => void solve(c.problem, options), {
      warmup: slow ? 0 : quick ? 2 : 5,
      warmupMs: quick ? 50 : 150,
      minRuns: slow ? 1 : quick ? 3 : 7,
      minMs: slow ? 0 : quick ? 30 : 250,
    });
    medianMs = m.medianMs;
    minMs = m.minMs;
    runs = m.runs;
  }
  return {
    problem: name, solver: method, rtol, atol, status: sol.status, medianMs, minMs, runs,
    steps: sol.stats.steps, rejected: sol.stats.rejected, rhsEvals: sol.stats.rhsEvals,
    jacobianEvals: sol.stats.jacobianEvals, factorizations: sol.stats.factorizations, scd: accuracy,
    usPerStep: ok ? (medianMs * 1000) / sol.stats.steps : NaN,
  };
}

let prewarmed = false;

/**
 * Solves every problem repeatedly for a while before anything is timed. The step function sees
 * three different rhs/Jacobian closures in this process, so V8 deoptimises it when the second
 * and third appear and recompiles (in the background, which takes ~100 ms on a busy machine);
 * until the JIT has settled on code for all three, timings would mostly measure that.
 */
export function prewarmSolver(quick: boolean): void {
  if (prewarmed) return;
  prewarmed = true;
  const until = performance.now() + (quick ? 600 : 1500);
  const cases = STIFF_PROBLEMS.map((name) => stiffCase(name));
  const workspaces = cases.map((c) => createWorkspace(c.problem.n));
  while (performance.now() < until) {
    cases.forEach((c, i) => {
      for (const rtol of [1e-4, 1e-8]) {
        solve(c.problem, { rtol, atol: rtol * c.atolOverRtol, saveAt: [c.problem.tspan[1]], workspace: workspaces[i] });
      }
    });
  }
}

function runCvode(ctx: BenchContext, rtols: number[]): CvodeRow[] {
  const { bin } = cvodeAnchor(ctx.resultsDir, ctx.log);
  if (!bin) return [];
  const jsonl = join(ctx.resultsDir, 'cvode-tmp.jsonl');
  rmSync(jsonl, { force: true });
  execFileSync(bin, ['-r', rtols.join(','), '-p', 'hires,pollu,rober', '-b', ctx.quick ? '0.05' : '0.3', '-j', jsonl], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const rows = readFileSync(jsonl, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as CvodeRow);
  rmSync(jsonl, { force: true });
  return rows.filter((r) => r.solver === 'cvode-ajac');
}

const f = (x: number, d = 3): string => (Number.isFinite(x) ? x.toFixed(d) : 'NaN');
const e = (x: number): string => x.toExponential(0);

function table(rows: WpRow[]): string {
  const head = '| problem | solver | rtol | atol | status | median ms | min ms | steps | rejected | rhsEvals | jacobianEvals | factorizations | scd | µs/step |\n' +
    '|---|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n';
  return head + rows.map((r) =>
    `| ${r.problem} | ${r.solver} | ${e(r.rtol)} | ${e(r.atol)} | ${r.status} | ${f(r.medianMs)} | ${f(r.minMs)} | ${r.steps} | ${r.rejected} | ` +
    `${r.rhsEvals} | ${r.jacobianEvals} | ${r.factorizations} | ${f(r.scd, 2)} | ${f(r.usPerStep, 2)} |`).join('\n') + '\n';
}

export default async function solverStiff(ctx: BenchContext): Promise<string> {
  const rtols = [1e-4, 1e-6, 1e-8, 1e-10];
  const odexRtols = ctx.quick ? [1e-4, 1e-8] : rtols;
  const rows: WpRow[] = [];
  prewarmSolver(ctx.quick);
  for (const name of STIFF_PROBLEMS) {
    for (const rtol of rtols) rows.push(wpPoint(name, 'rodas5p', rtol, ctx.quick));
    for (const rtol of odexRtols) {
      ctx.log(`  odex ${name} rtol ${e(rtol)}`);
      rows.push(wpPoint(name, 'odex', rtol, ctx.quick));
    }
  }
  let md = `## Solver: work-precision on the stiff test set\n\n` +
    `atol = atol_over_rtol · rtol (HIRES, POLLU 1e-2; ROBER 1e-4); scd = −log10(max relative error at t_end) ` +
    `against the Test Set reference; times are median wall ms per full solve. odex is capped at ` +
    `${ctx.quick ? 2000 : 6000} steps: failures stay in the table with NaN.\n\n` + table(rows);

  // CVODE in the same run, and our time at matched accuracy.
  const cvodeRtols = ctx.quick ? [1e-6] : rtols;
  const cv = runCvode(ctx, cvodeRtols);
  const matched: {
    problem: string; cvodeRtol: number; cvodeScd: number; cvodeMs: number; cvodeMinMs: number;
    ourRtol: number; ourScd: number; ourMs: number; ourMinMs: number; ratio: number; ratioMin: number;
  }[] = [];
  if (cv.length === 0) {
    md += `\n(No CVODE comparison: ${cvodeAnchor(ctx.resultsDir).missing ?? 'the anchor produced no rows'}.)\n`;
  } else {
    md += `\n### CVODE (BDF, Newton, dense LU, analytic Jacobian) in the same run\n\n` +
      '| problem | rtol | median ms | min ms | steps | nfe | njac | nLU | scd |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n' +
      cv.map((r) => `| ${r.problem} | ${e(r.rtol)} | ${f(r.median_ms)} | ${f(r.min_ms)} | ${r.steps} | ${r.rhs_evals} | ${r.jac_evals} | ${r.lu} | ${f(r.scd, 2)} |`).join('\n') + '\n';
    // Our half-decade ladder: accuracy once per rtol, timing only where it is needed.
    const ladder: number[] = [];
    for (let k = 4; k <= 20; k++) ladder.push(Number((10 ** (-k / 2)).toPrecision(2)));
    const ladderScd = new Map<string, Map<number, number>>();
    for (const name of STIFF_PROBLEMS) {
      const c = stiffCase(name);
      const m = new Map<number, number>();
      for (const rtol of ladder) {
        const sol = solve(c.problem, { rtol, atol: rtol * c.atolOverRtol, saveAt: [c.problem.tspan[1]] });
        m.set(rtol, sol.status === 'success' ? scd(endState(sol, c.problem.n), c.ref) : NaN);
      }
      ladderScd.set(name, m);
    }
    for (const r of cv) {
      const name = r.problem as StiffProblemName;
      const m = ladderScd.get(name);
      if (!m) continue;
      const ourRtol = ladder.find((rt) => (m.get(rt) ?? NaN) >= r.scd);
      if (ourRtol === undefined) {
        matched.push({ problem: name, cvodeRtol: r.rtol, cvodeScd: r.scd, cvodeMs: r.median_ms, cvodeMinMs: r.min_ms, ourRtol: NaN, ourScd: NaN, ourMs: NaN, ourMinMs: NaN, ratio: NaN, ratioMin: NaN });
        continue;
      }
      const p = wpPoint(name, 'rodas5p', ourRtol, ctx.quick);
      matched.push({
        problem: name, cvodeRtol: r.rtol, cvodeScd: r.scd, cvodeMs: r.median_ms, cvodeMinMs: r.min_ms, ourRtol, ourScd: p.scd,
        ourMs: p.medianMs, ourMinMs: p.minMs, ratio: p.medianMs / r.median_ms, ratioMin: p.minMs / r.min_ms,
      });
    }
    const target: Record<string, number> = { hires: 1.0, pollu: 1.0, rober: 1.5 };
    md += `\n### Rodas5P ÷ CVODE at matched accuracy\n\nFor each CVODE point, our loosest rtol (half-decade ladder 1e-2…1e-10) whose scd is at least CVODE's. ` +
      `Targets: ≤ 1.0× on HIRES and POLLU, ≤ 1.5× on ROBER.\n\n` +
      'Ratio of medians (and of the fastest runs, less affected by other load on the machine).\n\n' +
      '| problem | CVODE rtol | CVODE scd | CVODE median ms | our rtol | our scd | our median ms | ratio | ratio of min | target |\n' +
      '|---|---|---:|---:|---|---:|---:|---:|---:|---:|\n' +
      matched.map((x) => `| ${x.problem} | ${e(x.cvodeRtol)} | ${f(x.cvodeScd, 2)} | ${f(x.cvodeMs)} | ${Number.isFinite(x.ourRtol) ? x.ourRtol.toExponential(1) : 'NaN'} | ` +
        `${f(x.ourScd, 2)} | ${f(x.ourMs)} | **${f(x.ratio, 2)}×** | ${f(x.ratioMin, 2)}× | ≤ ${target[x.problem]}× |`).join('\n') + '\n';
  }
  ctx.saveJson('solver-stiff', { rows, cvode: cv, matched });
  return md;
}
