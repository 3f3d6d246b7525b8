/**
 * Method 'odex': the npm `odex` package (Hairer's ODEX, explicit Gragg–Bulirsch–Stoer
 * extrapolation) behind the same `solve` API, as the non-stiff comparison in benchmarks. It is
 * not meant for stiff problems: there it needs tiny steps and usually ends with `max-steps`.
 * The package works on plain arrays and allocates per call; that cost is part of what the
 * comparison shows.
 */
import * as odexNamespace from './odex-package.cjs';
import type { OdeProblem, Solution, SolveStatus } from './types.ts';
import type { Settings } from './validate.ts';
import { OutputRecorder } from './output.ts';

// The package is CommonJS and sets `__esModule`: depending on the loader (Node ESM, tsx, vitest,
// esbuild) its exports arrive as named exports or under `default`.
const odexModule = ((odexNamespace as unknown as { Solver?: unknown }).Solver !== undefined
  ? odexNamespace
  : (odexNamespace as unknown as { default: typeof odexNamespace }).default);

const fmtT = (x: number): string => (Number.isFinite(x) ? Number(x.toPrecision(6)).toString() : String(x));

export function solveOdex(problem: OdeProblem, st: Settings): Solution {
  const n = st.n;
  const stats = { steps: 0, accepted: 0, rejected: 0, rhsEvals: 0, jacobianEvals: 0, factorizations: 0, linearSolves: 0, rhsEvalsForJacobian: 0 };
  const out = new OutputRecorder(n, st.saveAt);
  const y0 = Array.from(problem.y0);
  const yBuf = new Float64Array(n);
  const dydt = new Float64Array(n);
  const yRow = new Float64Array(n);

  if (st.tstops.length > 0) {
    throw new RangeError("options.tstops is not supported by method 'odex'; use method 'rodas5p'");
  }
  if (st.events) throw new RangeError("options.events is not supported by method 'odex'; use method 'rodas5p'");

  const f = (t: number, y: number[]): number[] => {
    for (let m = 0; m < n; m++) yBuf[m] = y[m];
    problem.rhs(t, yBuf, dydt);
    return Array.from(dydt);
  };

  if (st.t1 === st.t0 || n === 0) {
    yRow.set(problem.y0);
    if (out.gridded) while (out.nextTime() <= st.t1) out.push(out.nextTime(), yRow);
    else out.push(st.t0, yRow);
    const r = out.result();
    return { t: r.t, y: r.y, status: 'success', message: '', stats };
  }

  const solver = new odexModule.Solver(n);
  solver.relativeTolerance = st.rtol;
  solver.absoluteTolerance = st.atolVector ? Array.from(st.atolVector) : (st.atolScalar as number);
  solver.maxSteps = st.maxSteps;
  solver.maxStepSize = st.hmax;
  if (st.h0 !== null) solver.initialStepSize = st.h0;
  solver.denseOutput = out.gridded;

  let tLast = st.t0;
  const yLast = new Float64Array(problem.y0);
  const result = solver.solve(f, st.t0, y0, st.t1, (_nr, xOld, x, y, dense) => {
    if (out.gridded) {
      for (let ts = out.nextTime(); ts <= x; ts = out.nextTime()) {
        if (ts === x || !dense) for (let m = 0; m < n; m++) yRow[m] = y[m];
        else for (let m = 0; m < n; m++) yRow[m] = dense(m, ts);
        out.push(ts, yRow);
      }
    } else {
      for (let m = 0; m < n; m++) yRow[m] = y[m];
      if (x > out.lastTime() || out.count === 0) out.push(x, yRow);
    }
    if (Number.isFinite(x)) {
      tLast = x;
      for (let m = 0; m < n; m++) yLast[m] = y[m];
    }
    void xOld;
  });

  stats.steps = result.nStep;
  stats.accepted = result.nAccept;
  stats.rejected = result.nReject;
  stats.rhsEvals = result.nEval;

  let status: SolveStatus = 'success';
  let message = '';
  let bad = -1;
  for (let m = 0; m < n; m++) if (!Number.isFinite(result.y[m])) { bad = m; break; }
  if (bad >= 0) {
    status = 'non-finite';
    message = `At t = ${fmtT(tLast)}: odex produced a non-finite value in state index ${bad} (y[${bad}]). ` +
      "The problem may be stiff or singular; try method 'rodas5p'.";
  } else if (result.outcome === odexModule.Outcome.MaxStepsExceeded) {
    status = 'max-steps';
    message = `At t = ${fmtT(tLast)}: odex reached maxSteps = ${st.maxSteps} before t1 = ${st.t1}. ` +
      "If the problem is stiff, use method 'rodas5p'; otherwise raise options.maxSteps or loosen rtol/atol.";
  }
  if (status !== 'success' && !out.gridded && (out.count === 0 || tLast > out.lastTime())) out.push(tLast, yLast);
  const r = out.result();
  return { t: r.t, y: r.y, status, message, stats };
}
