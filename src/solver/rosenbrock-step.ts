/**
 * One step of a Rosenbrock method in the W-formulation (see tableaus/types.ts), for any tableau
 * of that shape. Knows nothing about output, tstops or step-size control: it takes (t, y0, f0,
 * J, ∂f/∂t, h) from the workspace, writes y1 and the stage increments, and returns the scaled
 * error norm of the embedded estimate. Allocates nothing.
 */
import { luFactor, luPattern, luSolve, luSolvePattern } from './lu.ts';
import { SPARSE_MAX_GROWTH, sparseLuFactor, sparseLuSolve, type SparseLu } from './lu-sparse.ts';
import type { RosenbrockTableau } from './tableaus/types.ts';
import type { OdeProblem, SolverStats } from './types.ts';
import type { Workspace } from './workspace.ts';

/** The step was computed; ws.stepErr[0] holds its error norm. */
export const STEP_DONE = 0;
/** W = I/(h·gamma) − J was singular (or had a non-finite pivot). */
export const STEP_SINGULAR = 1;
/** A stage produced NaN or ±∞ (in f, in a stage increment, or in y1). */
export const STEP_NON_FINITE = 2;

/**
 * True when the solution is the last stage input plus k_s (b_j = a_sj, b_s = 1) and the error
 * estimate is k_s alone: the step can then skip the weighted sums (Rodas5P has this shape).
 */
export function isStifflyAccurate(tab: RosenbrockTableau): boolean {
  const s = tab.stages;
  for (let j = 0; j < s - 1; j++) {
    if (tab.b[j] !== tab.a[(s - 1) * s + j] || tab.btilde[j] !== 0) return false;
  }
  return tab.b[s - 1] === 1 && tab.btilde[s - 1] === 1;
}

/**
 * The scalar inputs of a step, passed as an object: V8 boxes a double passed to (or returned from)
 * a call that is not inlined, so passing them as arguments would allocate on every step, while
 * reading a number field does not.
 */
export class StepArgs {
  t = 0.5;
  h = 0.5;
  /** Latest time at which a stage may evaluate f (Infinity when unrestricted). */
  tStageMax = Infinity;
  rtol = 1e-6;
  /** Whether ∂f/∂t (ws.dT) enters the stages. */
  useDT = false;
  /**
   * Sparse triangular solves: −1 undecided (the first step of a solve decides from the density
   * of its factors), 0 dense solves for the rest of the solve, 1 sparse whenever the factors are.
   */
  sparseSolves = -1;
  /** Factor W with this sparse LU (static pivot order) when set; null for the dense LU. */
  sparseLu: SparseLu | null = null;
  /** `inputReuse(reuseFor)`: 1 where stage i's input extends stage i − 1's. */
  reuseInput: Uint8Array = new Uint8Array(0);
  reuseFor: RosenbrockTableau | null = null;
}

/**
 * reuse[i] = 1 when a_ij = a_(i−1)j for every j < i − 1, so that stage i's input is stage
 * i − 1's input plus a_i(i−1)·k_(i−1), with the same summation order (Rodas5P's last three
 * stages share their inputs this way). Stage 0 and 1 never reuse.
 */
export function inputReuse(tab: RosenbrockTableau): Uint8Array {
  const s = tab.stages;
  const reuse = new Uint8Array(s);
  for (let i = 2; i < s; i++) {
    let same = true;
    for (let j = 0; j < i - 1; j++) if (tab.a[i * s + j] !== tab.a[(i - 1) * s + j]) same = false;
    reuse[i] = same ? 1 : 0;
  }
  return reuse;
}

/**
 * Attempts one step of size h from (t, ws.y0). Expects ws.f0 = f(t, y0), ws.J = ∂f/∂y there,
 * and ws.dT = ∂f/∂t when `useDT`. Stage times are capped at `tStageMax` so that a step ending on
 * a discontinuity (a tstop) never evaluates f on its far side. Returns STEP_DONE with the error
 * norm sqrt(mean((err_i / (atol_i + rtol·max(|y0_i|, |y1_i|)))²)) in ws.stepErr[0], or
 * STEP_SINGULAR / STEP_NON_FINITE.
 */
export function rosenbrockStep(
  tab: RosenbrockTableau,
  stifflyAccurate: boolean,
  problem: OdeProblem,
  ws: Workspace,
  args: StepArgs,
  stats: SolverStats,
): number {
  const t = args.t;
  const h = args.h;
  const tStageMax = args.tStageMax;
  const useDT = args.useDT;
  const rtol = args.rtol;
  const n = ws.n;
  const s = tab.stages;
  const a = tab.a;
  const C = tab.C;
  const c = tab.c;
  const d = tab.d;
  const y0 = ws.y0;
  const y1 = ws.y1;
  const u = ws.u;
  const du = ws.du;
  const ks = ws.ks;
  const J = ws.J;
  const W = ws.W;
  const ipiv = ws.ipiv;
  const dT = ws.dT;
  const f0 = ws.f0;

  // W = I/(h·gamma) − J, factored once and used for every stage: by the sparse LU when the
  // pattern is known, unless its static pivots fail (zero pivot or too much growth); then densely.
  const invDtGamma = 1 / (h * tab.gamma);
  const slu = args.sparseLu;
  let sparseLu = false;
  stats.factorizations++;
  if (slu !== null) {
    sparseLu = sparseLuFactor(slu, J, invDtGamma, SPARSE_MAX_GROWTH) === 0;
    if (!sparseLu) {
      stats.denseFallbacks!++;
      stats.factorizations++;
    }
  }
  // Eight triangular solves follow. With the dense LU and mostly-zero factors (kinetic models),
  // index their nonzeros once and let the solves skip the rest. Indexing costs an n² scan, so a
  // solve whose first factors are dense stays dense; below ~30% off-diagonal fill the sparse solves
  // win (measured: n = 31 model at 15%, 20% faster per step; POLLU at 64% and HIRES at 34%, no gain).
  const lRow = ws.lRow;
  const lCols = ws.lCols;
  const uRow = ws.uRow;
  const uCols = ws.uCols;
  let sparse = false;
  if (!sparseLu) {
    const nn = n * n;
    for (let m = 0; m < nn; m++) W[m] = -J[m];
    for (let i = 0; i < n; i++) W[i * n + i] += invDtGamma;
    if (luFactor(n, W, ipiv) !== 0) {
      ws.badIndex[0] = -1;
      return STEP_SINGULAR;
    }
    if (args.sparseSolves !== 0 && n > 4) {
      sparse = 10 * luPattern(n, W, lRow, lCols, uRow, uCols) < 3 * n * (n - 1);
      if (args.sparseSolves < 0) args.sparseSolves = sparse ? 1 : 0;
    }
  }

  const invH = 1 / h;
  if (args.reuseFor !== tab) {
    args.reuseInput = inputReuse(tab);
    args.reuseFor = tab;
  }
  const reuse = args.reuseInput;
  for (let i = 0; i < s; i++) {
    const off = i * n;
    const rowA = i * s;
    // k_i's slot first collects h·d_i·∂f/∂t + Σ (C_ij/h)·k_j; f of the stage is added after.
    const hdi = h * d[i];
    const withDT = useDT && hdi !== 0;
    if (i === 0) {
      if (withDT) for (let m = 0; m < n; m++) ks[m] = hdi * dT[m] + f0[m];
      else for (let m = 0; m < n; m++) ks[m] = 0 + f0[m];
    } else {
      // Stage input u = y0 + Σ a_ij·k_j and the C sum, summed over j in ascending order. When
      // row i of a repeats row i − 1 (reuse[i]), u already holds y0 + Σ_{j<i−1} a_ij·k_j and
      // only a_i(i−1)·k_(i−1) is added (a zero coefficient adds an exact zero).
      const jFrom = reuse[i] === 1 ? i - 1 : 0;
      const resetU = jFrom === 0;
      // The first pass also initialises u (to y0 unless reusing) and k_i's slot (to h·d_i·∂f/∂t
      // or 0), saving two passes over the components per stage; the sums keep their order.
      let j: number;
      if (i >= 2) {
        const a0 = jFrom === 0 ? a[rowA] : 0;
        const a1 = jFrom <= 1 ? a[rowA + 1] : 0;
        const c0 = C[rowA] * invH;
        const c1 = C[rowA + 1] * invH;
        for (let m = 0; m < n; m++) {
          const k0 = ks[m];
          const k1 = ks[n + m];
          const kInit = withDT ? hdi * dT[m] : 0;
          ks[off + m] = kInit + c0 * k0 + c1 * k1;
          u[m] = (resetU ? y0[m] : u[m]) + a0 * k0 + a1 * k1;
        }
        j = 2;
      } else {
        const a0 = a[rowA];
        const c0 = C[rowA] * invH;
        for (let m = 0; m < n; m++) {
          const k0 = ks[m];
          const kInit = withDT ? hdi * dT[m] : 0;
          ks[off + m] = kInit + c0 * k0;
          u[m] = y0[m] + a0 * k0;
        }
        j = 1;
      }
      // Then two k_j per pass over the components, which halves the loads and stores of u and k_i.
      for (; j + 1 < i; j += 2) {
        const a0 = j >= jFrom ? a[rowA + j] : 0;
        const a1 = j + 1 >= jFrom ? a[rowA + j + 1] : 0;
        const c0 = C[rowA + j] * invH;
        const c1 = C[rowA + j + 1] * invH;
        const o0 = j * n;
        const o1 = o0 + n;
        for (let m = 0; m < n; m++) {
          const k0 = ks[o0 + m];
          const k1 = ks[o1 + m];
          u[m] = u[m] + a0 * k0 + a1 * k1;
          ks[off + m] = ks[off + m] + c0 * k0 + c1 * k1;
        }
      }
      if (j < i) {
        const a0 = j >= jFrom ? a[rowA + j] : 0;
        const c0 = C[rowA + j] * invH;
        const o0 = j * n;
        for (let m = 0; m < n; m++) {
          const k0 = ks[o0 + m];
          u[m] += a0 * k0;
          ks[off + m] += c0 * k0;
        }
      }
      let ti = t + c[i] * h;
      if (ti > tStageMax) ti = tStageMax;
      problem.rhs(ti, u, du);
      stats.rhsEvals++;
      // Stop at the first non-finite f: later stages would only smear it over every component.
      for (let m = 0; m < n; m++) {
        const v = du[m];
        if (!(Math.abs(v) < Infinity)) {
          ws.badIndex[0] = m;
          return STEP_NON_FINITE;
        }
        ks[off + m] += v;
      }
    }
    if (sparseLu) sparseLuSolve(slu!, ws.kView[i]);
    else if (sparse) luSolvePattern(n, W, ipiv, lRow, lCols, uRow, uCols, ws.kView[i]);
    else luSolve(n, W, ipiv, ws.kView[i]);
    stats.linearSolves++;
  }

  // y1 and the scaled error norm.
  const atol = ws.atol;
  let sum = 0;
  let finite = true;
  if (stifflyAccurate) {
    // u still holds the last stage's input.
    const offS = (s - 1) * n;
    for (let m = 0; m < n; m++) {
      const e = ks[offS + m];
      const v = u[m] + e;
      y1[m] = v;
      const av = Math.abs(v);
      if (!(av < Infinity)) finite = false;
      const a0 = Math.abs(y0[m]);
      const sc = atol[m] + rtol * (a0 > av ? a0 : av);
      const r = e / sc;
      sum += r * r;
    }
  } else {
    const b = tab.b;
    const bt = tab.btilde;
    for (let m = 0; m < n; m++) {
      let v = y0[m];
      let e = 0;
      for (let j = 0; j < s; j++) {
        const kj = ks[j * n + m];
        v += b[j] * kj;
        e += bt[j] * kj;
      }
      y1[m] = v;
      const av = Math.abs(v);
      if (!(av < Infinity)) finite = false;
      const a0 = Math.abs(y0[m]);
      const sc = atol[m] + rtol * (a0 > av ? a0 : av);
      const r = e / sc;
      sum += r * r;
    }
  }
  const err = n > 0 ? Math.sqrt(sum / n) : 0;
  ws.stepErr[0] = err;
  if (!finite || !(err < Infinity)) {
    ws.badIndex[0] = -1;
    return STEP_NON_FINITE;
  }
  return STEP_DONE;
}
