/**
 * The driver: runs an integrator from t0 to t1, landing exactly on every tstop (and restarting
 * there after `onTstop`), filling `saveAt` times from the dense output without ever shortening a
 * step for them, and assembling the Solution, including the partial one on failure. Numerical
 * failure is detected by the integrator (codes) and worded here.
 */
import { denseCoefficients, denseEval } from './dense-output.ts';
import {
  ACCEPTED,
  emptyStats,
  FAIL_MAX_STEPS,
  FAIL_NON_FINITE,
  FAIL_STEP_TOO_SMALL,
  RosenbrockIntegrator,
} from './integrator.ts';
import { OutputRecorder } from './output.ts';
import type { RosenbrockTableau } from './tableaus/types.ts';
import type { Checkpoint, OdeProblem, Solution, SolveStatus } from './types.ts';
import type { Settings } from './validate.ts';
import { EventLocator } from './events.ts';
import { analyzeSparseLu, firstEntryOutsidePattern, type SparseLu } from './lu-sparse.ts';
import { Workspace } from './workspace.ts';

const g = (x: number): string => (Number.isFinite(x) ? Number(x.toPrecision(6)).toString() : String(x));
const e2 = (x: number): string => (Number.isFinite(x) ? x.toExponential(2) : String(x));

export function solveRosenbrock(problem: OdeProblem, st: Settings, tab: RosenbrockTableau): Solution {
  const n = st.n;
  const ws = st.workspace ?? new Workspace(n);
  const resume = st.resume;
  const stats = resume ? { ...emptyStats(), ...resume.stats } : emptyStats();
  if (st.atolVector) ws.atol.set(st.atolVector);
  else ws.atol.fill(st.atolScalar as number);
  const yStart = resume ? resume.y : problem.y0;
  for (let m = 0; m < n; m++) ws.y0[m] = yStart[m];

  const out = new OutputRecorder(n, st.saveAt);
  if (resume) out.pushRows(resume.rowsT, resume.rowsY);
  const tstops = st.tstops;
  const t0 = st.t0;
  const t1 = st.t1;
  // A resumed solve starts where its checkpoint was taken, with the tstops from there on.
  const tStart = resume ? resume.t : t0;
  let stopIdx = 0;
  while (stopIdx < tstops.length && tstops[stopIdx] < tStart) stopIdx++;
  const events = st.events ? new EventLocator(st.events, n, ws) : null;
  const integ = new RosenbrockIntegrator(problem, tab, ws, st, stats);
  integ.t = tStart;

  // The hook's checkpoint(): valid while the hook runs, when ws.y1 holds the state on arrival
  // (the hook may already have changed ws.y0) and the rows recorded so far precede the tstop.
  let hookOpen = false;
  let hookT = NaN;
  let hookH = NaN;
  const checkpoint = (): Checkpoint => {
    if (!hookOpen) throw new Error('checkpoint() must be called while the onTstop hook runs');
    const rows = out.snapshot();
    return Object.freeze({ t: hookT, y: Float64Array.from(ws.y1), h: hookH, stats: Object.freeze({ ...stats }), rowsT: rows.t, rowsY: rows.y });
  };
  const runHook = (t: number, h: number): void => {
    hookOpen = true;
    hookT = t;
    hookH = h;
    try {
      st.onTstop!(t, ws.y0, checkpoint);
    } finally {
      hookOpen = false;
    }
  };

  // A tstop at the start acts before anything is recorded there (a dose "from t0 on"; a resumed
  // solve re-runs the hook of the tstop it was checkpointed at). h is not chosen yet at t0: NaN
  // in the checkpoint means "choose it as a fresh solve would".
  ws.y1.set(ws.y0);
  if (stopIdx < tstops.length && tstops[stopIdx] === tStart) {
    if (tStart < t1 && st.onTstop) runHook(tStart, resume ? resume.h : (st.h0 ?? NaN));
    stopIdx++;
  }
  if (out.gridded) {
    while (out.nextTime() === tStart) out.push(tStart, ws.y0);
  } else if (resume) pushIfChanged(out, tStart, ws);
  else out.push(t0, ws.y0);

  const finish = (status: SolveStatus, message: string): Solution => {
    // Every accepted step is already recorded without a grid; with a grid the rows stay on it
    // (the saveAt times reached), and the message says where the integration stopped.
    const { t, y } = out.result();
    const sol: Solution = { t, y, status, message, stats };
    if (events) sol.tEvents = events.times;
    return sol;
  };

  const sparseLu = chooseSparseLu(problem, st, ws);
  integ.useSparseLu(sparseLu);
  if (t1 === t0 || n === 0) {
    if (out.gridded) while (out.count < (st.saveAt as Float64Array).length) out.push(out.nextTime(), ws.y0);
    else if (t1 > t0) out.push(t1, ws.y0);
    return finish('success', '');
  }

  const nextTarget = (): number => (stopIdx < tstops.length ? tstops[stopIdx] : t1);
  if (!integ.restart(tStart)) return finish('non-finite', nonFiniteMessage(integ, 'the right-hand side at the initial state'));
  // After a tstop the integrator keeps its proposed step, which a resumed solve brings along.
  integ.chooseInitialStep(resume && !Number.isNaN(resume.h) ? resume.h : st.h0);
  integ.prepare(nextTarget());
  if (sparseLu !== null) checkPatternCovers(sparseLu, problem, ws, tStart);
  if (events) events.start(t0, ws.y0);

  while (integ.t < t1) {
    const target = nextTarget();
    const isStop = stopIdx < tstops.length && target < t1;
    const code = integ.step(target, isStop);
    if (code !== ACCEPTED) return finish(code === FAIL_MAX_STEPS ? 'max-steps' : code === FAIL_NON_FINITE ? 'non-finite' : 'step-size-too-small', failureMessage(code, integ, st));
    const ta = integ.tPrev;
    let tb = integ.tNext;
    let denseReady = false;

    // Events: the first root in (ta, tb] truncates the step there.
    let restartNeeded = false;
    let eventHit = false;
    if (events) {
      denseCoefficients(tab, n, ws.ks, ws.dense);
      denseReady = true;
      if (events.locate(ta, tb, integ.hUsed, tab.nDense)) {
        eventHit = true;
        tb = events.tRoot;
      }
    }

    // saveAt times in (ta, tb]; a time equal to a tstop or an event waits for the state after the hook.
    if (out.gridded) {
      const deferAtEnd = (isStop && tb === target) || eventHit;
      for (let ts = out.nextTime(); ts <= tb; ts = out.nextTime()) {
        if (ts === tb && deferAtEnd) break;
        if (ts === integ.tNext && !eventHit) {
          out.push(ts, ws.y1);
          continue;
        }
        if (!denseReady) {
          denseCoefficients(tab, n, ws.ks, ws.dense);
          denseReady = true;
        }
        denseEval(n, tab.nDense, (ts - ta) / integ.hUsed, ws.y0, ws.y1, ws.dense, ws.yOut);
        out.push(ts, ws.yOut);
      }
    }

    if (eventHit) {
      // Move to the root: its state becomes the new y0 (through y1 so commit() works unchanged).
      events!.stateAtRoot(ws.y1);
      if (!out.gridded) out.push(tb, ws.y1);
      integ.tNext = tb;
      integ.commit();
      const stop = events!.fire(tb, ws.y0);
      if (!out.gridded) pushIfChanged(out, tb, ws);
      while (out.nextTime() === tb) out.push(tb, ws.y0);
      if (stop) return finish('success', `stopped by an event at t = ${g(tb)}`);
      restartNeeded = true;
    } else {
      if (!out.gridded) out.push(tb, ws.y1);
      integ.commit();
    }

    if (isStop && integ.t === target) {
      stopIdx++;
      if (st.onTstop) runHook(integ.t, integ.h);
      if (!out.gridded) pushIfChanged(out, integ.t, ws);
      while (out.nextTime() === integ.t) out.push(integ.t, ws.y0);
      restartNeeded = true;
    }
    if (restartNeeded) {
      // Inputs or the state may have jumped: re-evaluate f there and start the controller afresh.
      if (!integ.restart(integ.t)) return finish('non-finite', nonFiniteMessage(integ, `the right-hand side after the ${eventHit ? 'event' : 'tstop'} hook`));
      if (events) events.start(integ.t, ws.y0);
    } else if (events) events.advance();
    integ.prepare(nextTarget());
  }
  while (out.gridded && out.nextTime() <= t1) out.push(out.nextTime(), ws.y0);
  return finish('success', '');
}

/** Below this size the dense LU is as fast (HIRES, n = 8: measured in bench solver-micro). */
export const SPARSE_MIN_N = 12;
/** Above this fill of L + U (fraction of n²) the dense LU's contiguous loops win. */
export const SPARSE_MAX_FILL = 0.4;

/** The sparse LU for this solve (symbolic analysis cached per pattern), or null for dense. */
function chooseSparseLu(problem: OdeProblem, st: Settings, ws: Workspace): SparseLu | null {
  const pattern = problem.jacobianPattern;
  if (pattern === undefined || st.linearSolver === 'dense') return null;
  const n = st.n;
  if (st.linearSolver === 'auto' && n < SPARSE_MIN_N) return null;
  const sym = analyzeSparseLu(n, pattern);
  if (st.linearSolver === 'auto' && sym.nnz > SPARSE_MAX_FILL * n * n) return null;
  return ws.sparseLuFor(sym);
}

/**
 * The sparse LU reads only the pattern's entries of J, so a pattern that misses an entry would
 * silently factor the wrong matrix: check it against the first Jacobian.
 */
function checkPatternCovers(lu: SparseLu, problem: OdeProblem, ws: Workspace, t: number): void {
  const k = firstEntryOutsidePattern(lu.sym, ws.J);
  if (k < 0) return;
  const n = ws.n;
  const i = Math.floor(k / n);
  const j = k % n;
  throw new RangeError(`problem.jacobianPattern misses entry (${i}, ${j}): the Jacobian at t = ${g(t)} has ∂f_${i}/∂y_${j} = ${g(ws.J[k])}, ` +
    `but row ${i} of the pattern lists only columns [${Array.from(problem.jacobianPattern!.colIdx.subarray(problem.jacobianPattern!.rowPtr[i], problem.jacobianPattern!.rowPtr[i + 1])).join(', ')}]. ` +
    'List every structural nonzero, or leave jacobianPattern out.');
}

/** Default output: after a hook changed y, record the new state at the same time too. */
function pushIfChanged(out: OutputRecorder, t: number, ws: Workspace): void {
  for (let m = 0; m < ws.n; m++) {
    if (ws.y0[m] !== ws.y1[m]) {
      out.push(t, ws.y0);
      return;
    }
  }
}

function nonFiniteMessage(integ: RosenbrockIntegrator, what: string): string {
  const where = integ.nonFiniteIndex >= 0 ? `state index ${integ.nonFiniteIndex} (y[${integ.nonFiniteIndex}])` : 'a state';
  return `At t = ${g(integ.nonFiniteT)}: ${what} is not finite (NaN or ±Infinity) in ${where}. ` +
    'Check the model for division by zero, log or sqrt of a negative value, or overflow at this state.';
}

function failureMessage(code: number, integ: RosenbrockIntegrator, st: Settings): string {
  const t = integ.t;
  const h = integ.h;
  if (code === FAIL_MAX_STEPS) {
    return `At t = ${g(t)}, h = ${e2(h)}: reached maxSteps = ${st.maxSteps} before t1 = ${g(st.t1)}. ` +
      `Raise options.maxSteps, loosen rtol/atol, or check whether the problem is stiff ` +
      `(use method 'rodas5p' rather than 'odex') or oscillates fast.`;
  }
  if (code === FAIL_NON_FINITE && integ.badJacobianRow >= 0) {
    const i = integ.badJacobianRow;
    const j = integ.badJacobianCol;
    return `At t = ${g(integ.nonFiniteT)}: the Jacobian entry J[${i}][${j}] = ∂f_${i}/∂y_${j} is not finite (NaN or ±Infinity), ` +
      'so the iteration matrix cannot be factored. Check the Jacobian (or the rhs, for a finite-difference Jacobian) at this state.';
  }
  if (code === FAIL_NON_FINITE) {
    const where = integ.nonFiniteIndex >= 0 ? `state index ${integ.nonFiniteIndex} (y[${integ.nonFiniteIndex}])` : 'a state';
    return `At t = ${g(integ.nonFiniteT)}, h = ${e2(h)}: the right-hand side or the step kept producing non-finite values ` +
      `(NaN or ±Infinity) in ${where}, also after shrinking the step. Check the model for division by zero, ` +
      'log or sqrt of a negative value, or overflow near this time.';
  }
  if (code === FAIL_STEP_TOO_SMALL) {
    return `At t = ${g(t)}, h = ${e2(h)}: the step size fell below the minimum 16·eps·|t| = ${e2(16 * Number.EPSILON * Math.abs(t))} ` +
      `(last error estimate ${e2(integ.lastErr)}). The solution may blow up near this time (a finite-time singularity) ` +
      'or the model may be mis-specified; check the right-hand side near this t, or loosen rtol/atol.';
  }
  return `At t = ${g(t)}: integration failed (code ${code}).`;
}
