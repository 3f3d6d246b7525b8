/**
 * Forward sensitivities s_k = ∂y/∂p_k, integrated with the Rosenbrock step of the states.
 *
 * The sensitivity system s_k' = J(t, y)·s_k + ∂f/∂p_k(t, y) is linear in s, and its Jacobian in s
 * is J, the states' Jacobian: applying the method to the augmented system (y, s) gives an
 * iteration matrix that is block lower triangular with W = I/(hγ) − J on both diagonal blocks.
 * So each state step's W serves every sensitivity column too.
 *
 * **Staggered, not simultaneous.** The state step is taken and accepted first (error control on
 * the states alone, as CVODES does with `errconS = false`); only then are the sensitivity stages
 * computed, through the same step (same h, same W). Why: (1) a rejected step costs no sensitivity
 * work, and with 157 parameters the columns are most of the work; (2) the states' steps are then
 * exactly those of a plain solve with these landing times, so values and sensitivities describe the
 * same trajectory; (3) the core step stays untouched: this module only drives the integrator's
 * public step/commit API. Sensitivity accuracy follows the states' step sizes, which the tests
 * check against finite differences and analytic solutions.
 *
 * Exactness of the stages: in the augmented W-formulation the s-block of stage i reads
 *   W·K_i = J(t_i, U_i)·S_i + ∂f/∂p(t_i, U_i) + Σ_j (C_ij/h)·K_j + h·d_i·∂F_s/∂t + M·k_i,
 * where U_i, S_i are the stage inputs (y0 + Σ a_ij k_j, s0 + Σ a_ij K_j), k_i the state stages and
 * M = ∂(J·s + ∂f/∂p)/∂y at the step start (second derivatives of f). M·k_i is taken as a directional
 * finite difference of J·s0 + ∂f/∂p along k_i (one extra Jacobian per stage); leaving it out would
 * turn the sensitivity part into a W-method with a wrong Jacobian and lose Rodas5P's order.
 *
 * W is factored here once per accepted step, into this module's own buffers (same matrix as the
 * step's: same J, same h·γ): the step's own factors live in a workspace whose layout the core step
 * owns, and one LU of a 31-state sparse W is a few percent of the work of 157 columns.
 *
 * Outputs: the integrator lands exactly on every requested time (instead of dense output), so
 * values and sensitivities there are step end points. Input switches are tstops as in `solve`;
 * the hook may change inputs but not the state (s is continuous there).
 */
import { emptyStats, ACCEPTED, FAIL_MAX_STEPS, FAIL_NON_FINITE, RosenbrockIntegrator } from './integrator.ts';
import { luFactor, luSolve } from './lu.ts';
import { analyzeSparseLu, SparseLu, sparseLuFactor, sparseLuSolve, SPARSE_MAX_GROWTH } from './lu-sparse.ts';
import { rodas5p } from './tableaus/rodas5p.ts';
import type { OdeProblem, SolverStats, SolveStatus } from './types.ts';
import { validate } from './validate.ts';
import { Workspace } from './workspace.ts';

/** ∂f/∂p as sparse entries: entry e is ∂f_row[e]/∂p_col[e]; col < 0 marks a parameter not asked for. */
export interface ParameterJacobian {
  /** Number of sensitivity columns (parameters asked for). */
  np: number;
  row: Int32Array;
  col: Int32Array;
  /** Writes the entries' values at (t, y) into out (length row.length). Must not allocate. */
  eval(t: number, y: Float64Array, out: Float64Array): void;
}

export interface SensitivityOptions {
  rtol?: number;
  atol?: number | Float64Array;
  /** Output times, sorted, within the problem's tspan (the integrator lands on each). */
  times: ArrayLike<number>;
  tstops?: ArrayLike<number>;
  /** At a tstop: may change the problem's inputs, not the state. */
  onTstop?: (t: number, y: Float64Array) => void;
  /** Initial sensitivities, column k at [k·n, (k+1)·n); default zero. */
  s0?: Float64Array;
  maxSteps?: number;
  h0?: number;
}

export interface SensitivitySolution {
  t: Float64Array;
  /** t.length × n, row-major. */
  y: Float64Array;
  /** t.length × np × n: ∂y_i/∂p_k at time r is s[(r·np + k)·n + i]. */
  s: Float64Array;
  status: SolveStatus;
  message: string;
  stats: SolverStats & { sensitivitySolves: number; sensitivityJacobians: number };
}

/** Work buffers of the sensitivity stages (allocated once per solve). */
class SensWorkspace {
  readonly S0: Float64Array;
  readonly K: Float64Array; // stage increments, column k stage i at (k·stages + i)·n
  readonly kViews: Float64Array[];
  readonly US: Float64Array; // stage input of one column
  readonly uY: Float64Array;
  readonly yEps: Float64Array;
  readonly Ji: Float64Array;
  readonly Je: Float64Array;
  readonly G0: Float64Array; // J0·s0 + ∂f/∂p at the step start, per column
  readonly Ft: Float64Array;
  readonly fp0: Float64Array; // ∂f/∂p entries at the step start
  readonly fpv: Float64Array; // at the current stage input
  readonly fpe: Float64Array; // at the perturbed start (directional difference)
  readonly W: Float64Array;
  readonly ipiv: Int32Array;
  /** J's pattern with the diagonal added (the problem's may leave it out), or null for dense products. */
  readonly pattern: Csr | null;
  constructor(n: number, np: number, stages: number, nfp: number, pattern: Csr | undefined) {
    this.pattern = pattern === undefined ? null : withDiagonal(n, pattern);
    this.S0 = new Float64Array(np * n);
    this.K = new Float64Array(np * stages * n);
    this.kViews = [];
    for (let q = 0; q < np * stages; q++) this.kViews.push(this.K.subarray(q * n, (q + 1) * n));
    this.US = new Float64Array(n);
    this.uY = new Float64Array(n);
    this.yEps = new Float64Array(n);
    this.Ji = new Float64Array(n * n);
    this.Je = new Float64Array(n * n);
    this.G0 = new Float64Array(np * n);
    this.Ft = new Float64Array(np * n);
    this.fp0 = new Float64Array(nfp);
    this.fpv = new Float64Array(nfp);
    this.fpe = new Float64Array(nfp);
    this.W = new Float64Array(n * n);
    this.ipiv = new Int32Array(n);
  }
}

export function solveSensitivities(problem: OdeProblem, dfdp: ParameterJacobian, options: SensitivityOptions): SensitivitySolution {
  if (typeof problem.jacobian !== 'function') throw new TypeError('solveSensitivities: problem.jacobian is required (sensitivities use the exact Jacobian)');
  const st = validate(problem, {
    rtol: options.rtol, atol: options.atol, saveAt: options.times, tstops: options.tstops,
    ...(options.maxSteps !== undefined ? { maxSteps: options.maxSteps } : {}),
    ...(options.h0 !== undefined ? { h0: options.h0 } : {}),
  });
  const n = st.n;
  const np = dfdp.np;
  const tab = rodas5p;
  const stages = tab.stages;
  const times = st.saveAt!;
  const nt = times.length;
  if (options.s0 !== undefined && options.s0.length !== n * np) throw new RangeError(`solveSensitivities: s0 must have n·np = ${n * np} values. Length: ${options.s0.length}`);
  if (dfdp.row.length !== dfdp.col.length) throw new RangeError('solveSensitivities: dfdp.row and dfdp.col must have the same length');

  const ws = new Workspace(n);
  if (st.atolVector) ws.atol.set(st.atolVector);
  else ws.atol.fill(st.atolScalar as number);
  ws.y0.set(problem.y0);
  const sw = new SensWorkspace(n, np, stages, dfdp.row.length, problem.jacobianPattern);
  if (options.s0) sw.S0.set(options.s0);
  const stats = { ...emptyStats(), sensitivitySolves: 0, sensitivityJacobians: 0 };
  const integ = new RosenbrockIntegrator(problem, tab, ws, st, stats);
  const pattern = problem.jacobianPattern;
  const sym = pattern !== undefined && n >= 12 ? analyzeSparseLu(n, pattern) : null;
  if (sym !== null) integ.useSparseLu(ws.sparseLuFor(sym));
  const ownLu = sym !== null ? new SparseLu(sym) : null;

  const tOut = new Float64Array(nt);
  const yOut = new Float64Array(nt * n).fill(NaN);
  const sOut = new Float64Array(nt * np * n).fill(NaN);
  let rec = 0;
  const record = (t: number) => {
    tOut[rec] = t;
    yOut.set(ws.y0, rec * n);
    sOut.set(sw.S0, rec * np * n);
    rec++;
  };
  const result = (status: SolveStatus, message: string): SensitivitySolution => {
    for (let r = rec; r < nt; r++) tOut[r] = times[r];
    return { t: tOut, y: yOut, s: sOut, status, message, stats };
  };

  // Landing targets: tstops (with a restart after the hook) and output times.
  const tstops = st.tstops;
  const t0 = st.t0;
  const t1 = times[nt - 1] ?? t0;
  let stopIdx = 0;
  if (stopIdx < tstops.length && tstops[stopIdx] === t0) {
    options.onTstop?.(t0, ws.y0);
    stopIdx++;
  }
  while (rec < nt && times[rec] === t0) record(t0);
  if (rec === nt) return result('success', '');
  if (!integ.restart(t0)) return result('non-finite', `At t = ${t0}: the right-hand side at the initial state is not finite.`);
  integ.chooseInitialStep(st.h0);
  const nextStop = () => (stopIdx < tstops.length && tstops[stopIdx] < t1 ? tstops[stopIdx] : Infinity);
  integ.prepare(Math.min(nextStop(), t1));
  while (rec < nt) {
    const stop = nextStop();
    const target = Math.min(stop, times[rec]);
    const isStop = target === stop;
    const code = integ.step(target, isStop);
    if (code !== ACCEPTED) {
      const status: SolveStatus = code === FAIL_MAX_STEPS ? 'max-steps' : code === FAIL_NON_FINITE ? 'non-finite' : 'step-size-too-small';
      return result(status, `At t = ${integ.t}, h = ${integ.h.toExponential(2)}: the state integration failed (${status}).`);
    }
    const tStageMax = integ.tNext === target && isStop ? target - Math.max(Math.abs(target) * Number.EPSILON, Number.MIN_VALUE) : Infinity;
    sensitivityStep(problem, dfdp, ws, sw, ownLu, integ.tPrev, integ.hUsed, tStageMax, problem.autonomous !== true, stats);
    integ.commit();
    if (isStop && integ.t === stop) {
      stopIdx++;
      options.onTstop?.(integ.t, ws.y0);
    }
    while (rec < nt && times[rec] === integ.t) record(integ.t);
    if (rec === nt) break;
    if (isStop && integ.t === stop) {
      if (!integ.restart(integ.t)) return result('non-finite', `At t = ${integ.t}: the right-hand side after the tstop hook is not finite.`);
    }
    integ.prepare(Math.min(nextStop(), t1));
  }
  return result('success', '');
}

/**
 * Advances sw.S0 through the accepted step (ta, h) whose state stages are in ws.ks and whose
 * Jacobian at the start is ws.J (ws.y0 still the start state).
 */
function sensitivityStep(
  problem: OdeProblem, dfdp: ParameterJacobian, ws: Workspace, sw: SensWorkspace, lu: SparseLu | null,
  ta: number, h: number, tStageMax: number, useDT: boolean, stats: SensitivitySolution['stats'],
): void {
  const tab = rodas5p;
  const s = tab.stages;
  const n = ws.n;
  const np = dfdp.np;
  const a = tab.a;
  const C = tab.C;
  const c = tab.c;
  const d = tab.d;
  const b = tab.b;
  const J0 = ws.J;
  const y0 = ws.y0;
  const ks = ws.ks;
  const S0 = sw.S0;
  const K = sw.K;
  const G0 = sw.G0;
  const rowE = dfdp.row;
  const colE = dfdp.col;
  const ne = rowE.length;
  const fpv = sw.fpv;
  const fpe = sw.fpe;
  const invDtGamma = 1 / (h * tab.gamma);
  const invH = 1 / h;
  const pat = sw.pattern;

  // W = I/(hγ) − J0, factored once for every stage and column.
  let sparse = false;
  if (lu !== null) sparse = sparseLuFactor(lu, J0, invDtGamma, SPARSE_MAX_GROWTH) === 0;
  if (!sparse) {
    const W = sw.W;
    for (let m = 0; m < n * n; m++) W[m] = -J0[m];
    for (let i = 0; i < n; i++) W[i * n + i] += invDtGamma;
    luFactor(n, W, sw.ipiv);
  }

  // G0 = J0·s0 + ∂f/∂p(t0, y0), the sensitivity rhs at the step start.
  const fp0 = sw.fp0;
  dfdp.eval(ta, y0, fp0);
  matTimesColumns(n, np, J0, S0, G0, pat);
  scatterAdd(ne, rowE, colE, fp0, n, G0);
  // ∂F_s/∂t by a forward difference in t (non-autonomous problems only).
  const Ft = sw.Ft;
  if (useDT) {
    const dt = Math.sqrt(Number.EPSILON) * Math.max(Math.abs(ta), Math.abs(h), 1e-8);
    problem.jacobian!(ta + dt, y0, sw.Je);
    dfdp.eval(ta + dt, y0, fpe);
    matTimesColumns(n, np, sw.Je, S0, Ft, pat);
    scatterAdd(ne, rowE, colE, fpe, n, Ft);
    for (let q = 0; q < np * n; q++) Ft[q] = (Ft[q] - G0[q]) / dt;
    stats.sensitivityJacobians++;
  }

  const uY = sw.uY;
  const US = sw.US;
  const Ji = sw.Ji;
  const Je = sw.Je;
  const yEps = sw.yEps;
  const atol = ws.atol;
  for (let i = 0; i < s; i++) {
    const rowA = i * s;
    let ti = ta + c[i] * h;
    if (ti > tStageMax) ti = tStageMax;
    // State stage input U_i and the Jacobian and ∂f/∂p there (stage 0: the step start).
    if (i > 0) {
      for (let m = 0; m < n; m++) {
        let v = y0[m];
        for (let j = 0; j < i; j++) v += a[rowA + j] * ks[j * n + m];
        uY[m] = v;
      }
      problem.jacobian!(ti, uY, Ji);
      dfdp.eval(ti, uY, fpv);
      stats.sensitivityJacobians++;
    }
    // M·k_i: directional difference of J·s0 + ∂f/∂p along the state stage k_i.
    const kOff = i * n;
    let kScale = 0;
    for (let m = 0; m < n; m++) {
      const r = Math.abs(ks[kOff + m]) / (Math.abs(y0[m]) + atol[m]);
      if (r > kScale) kScale = r;
    }
    const eps = kScale > 0 ? 1e-7 / kScale : 0;
    if (eps > 0) {
      for (let m = 0; m < n; m++) yEps[m] = y0[m] + eps * ks[kOff + m];
      problem.jacobian!(ta, yEps, Je);
      for (let q = 0; q < n * n; q++) Je[q] = (Je[q] - J0[q]) / eps;
      dfdp.eval(ta, yEps, fpe);
      stats.sensitivityJacobians++;
    }
    const Jst = i === 0 ? J0 : Ji;
    const fpS = i === 0 ? fp0 : fpv;
    const dI = h * d[i];
    for (let k = 0; k < np; k++) {
      const col = k * n;
      const kBase = k * s * n;
      const out = kBase + i * n;
      // Stage input S_i = s0 + Σ a_ij K_j, and the C and ∂/∂t terms.
      for (let m = 0; m < n; m++) {
        let u = S0[col + m];
        let r = useDT && dI !== 0 ? dI * Ft[col + m] : 0;
        for (let j = 0; j < i; j++) {
          const kj = K[kBase + j * n + m];
          u += a[rowA + j] * kj;
          r += C[rowA + j] * invH * kj;
        }
        US[m] = u;
        K[out + m] = r;
      }
      // + J(t_i, U_i)·S_i (+ M·k_i = ΔJ·s0 below).
      addMatVec(n, Jst, US, 0, K, out, pat);
      if (eps > 0) addMatVec(n, Je, S0, col, K, out, pat);
    }
    // + ∂f/∂p(t_i, U_i) (+ its directional difference), entry by entry.
    for (let e = 0; e < ne; e++) {
      const k = colE[e];
      if (k < 0) continue;
      const at = k * s * n + i * n + rowE[e];
      K[at] += fpS[e];
      if (eps > 0) K[at] += (fpe[e] - fp0[e]) / eps;
    }
    for (let k = 0; k < np; k++) {
      const v = sw.kViews[k * s + i];
      if (sparse) sparseLuSolve(lu!, v);
      else luSolve(n, sw.W, sw.ipiv, v);
    }
    stats.sensitivitySolves += np;
  }
  // s1 = s0 + Σ b_j K_j.
  for (let k = 0; k < np; k++) {
    const kBase = k * s * n;
    const col = k * n;
    for (let m = 0; m < n; m++) {
      let v = S0[col + m];
      for (let j = 0; j < s; j++) v += b[j] * K[kBase + j * n + m];
      S0[col + m] = v;
    }
  }
}

interface Csr { rowPtr: Int32Array; colIdx: Int32Array }

function withDiagonal(n: number, p: Csr): Csr {
  const rowPtr = new Int32Array(n + 1);
  const cols: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = Array.from(p.colIdx.subarray(p.rowPtr[i], p.rowPtr[i + 1]));
    if (!row.includes(i)) row.push(i);
    row.sort((x, y) => x - y);
    cols.push(...row);
    rowPtr[i + 1] = cols.length;
  }
  return { rowPtr, colIdx: Int32Array.from(cols) };
}

/** out[off..off+n) += J·x[xOff..xOff+n) (row-major J; only the pattern's entries when given). */
function addMatVec(n: number, J: Float64Array, x: Float64Array, xOff: number, out: Float64Array, off: number, pat: Csr | null): void {
  if (pat !== null) {
    const rp = pat.rowPtr;
    const ci = pat.colIdx;
    for (let i = 0; i < n; i++) {
      let v = 0;
      const row = i * n;
      for (let q = rp[i]; q < rp[i + 1]; q++) v += J[row + ci[q]] * x[xOff + ci[q]];
      out[off + i] += v;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    let v = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) v += J[row + j] * x[xOff + j];
    out[off + i] += v;
  }
}

/** out = J·S column by column (S and out: np columns of n). */
function matTimesColumns(n: number, np: number, J: Float64Array, S: Float64Array, out: Float64Array, pat: Csr | null): void {
  out.fill(0);
  for (let k = 0; k < np; k++) addMatVec(n, J, S, k * n, out, k * n, pat);
}

/** out[col·n + row] += v[e] for every entry asked for. */
function scatterAdd(ne: number, row: Int32Array, col: Int32Array, v: Float64Array, n: number, out: Float64Array): void {
  for (let e = 0; e < ne; e++) if (col[e] >= 0) out[col[e] * n + row[e]] += v[e];
}
