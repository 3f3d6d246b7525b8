/**
 * One allocation for everything a solve needs. The step loop only reads and writes these
 * buffers, so a workspace can be reused by any number of solves of the same size (sweeps).
 */
import { SparseLu, type SparseLuSymbolic } from './lu-sparse.ts';
import type { SolverWorkspace } from './types.ts';

/** Enough stages for every tableau we ship (Rodas5P has 8). */
export const MAX_STAGES = 8;
/** Enough dense-output coefficient vectors for every tableau we ship (Rodas5P has 3). */
export const MAX_DENSE = 3;

export class Workspace implements SolverWorkspace {
  readonly n: number;
  /** State at the start of the step, and the step's result. */
  readonly y0: Float64Array;
  readonly y1: Float64Array;
  /** f(t, y0): stage 1's rhs, computed once per accepted point; f1 = f(t + h, y1) before it is. */
  readonly f0: Float64Array;
  readonly f1: Float64Array;
  /** Stage input and stage rhs. */
  readonly u: Float64Array;
  readonly du: Float64Array;
  /** Stage increments k_i, flat: k_i is ks[i*n .. (i+1)*n). */
  readonly ks: Float64Array;
  /** Views of ks, one per stage (made once; luSolve works on them in place). */
  readonly kView: Float64Array[];
  /** ∂f/∂t at (t, y0). */
  readonly dT: Float64Array;
  /** Jacobian and iteration matrix W = I/(h·gamma) − J, row-major n×n. */
  readonly J: Float64Array;
  readonly W: Float64Array;
  readonly ipiv: Int32Array;
  /** Nonzero pattern of the factors of W (see lu.ts `luPattern`), for sparse triangular solves. */
  readonly lRow: Int32Array;
  readonly lCols: Int32Array;
  readonly uRow: Int32Array;
  readonly uCols: Int32Array;
  /** Absolute tolerance per state (a scalar atol is spread into it). */
  readonly atol: Float64Array;
  /** Dense-output coefficient vectors D_r, flat: D_r is dense[r*n .. (r+1)*n). */
  readonly dense: Float64Array;
  /** State at an output time, and scratch for finite differences. */
  readonly yOut: Float64Array;
  readonly fdY: Float64Array;
  readonly fdF: Float64Array;
  /**
   * The last step's scaled error norm. Kept here rather than returned: a double returned from a
   * call that is not inlined is boxed on the heap, which would allocate once per step.
   */
  readonly stepErr: Float64Array;
  /** After a non-finite stage: the state index where f first was not finite (−1: unknown). */
  readonly badIndex: Int32Array;
  /** Values of the sparse factors of W, when the solve uses the sparse LU (see `sparseLuFor`). */
  sparseLu: SparseLu | null = null;

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`createWorkspace: n must be a non-negative integer. Value: ${n}`);
    this.n = n;
    this.y0 = new Float64Array(n);
    this.y1 = new Float64Array(n);
    this.f0 = new Float64Array(n);
    this.f1 = new Float64Array(n);
    this.u = new Float64Array(n);
    this.du = new Float64Array(n);
    this.ks = new Float64Array(MAX_STAGES * n);
    this.kView = [];
    for (let i = 0; i < MAX_STAGES; i++) this.kView.push(this.ks.subarray(i * n, (i + 1) * n));
    this.dT = new Float64Array(n);
    this.J = new Float64Array(n * n);
    this.W = new Float64Array(n * n);
    this.ipiv = new Int32Array(n);
    const half = Math.max(1, (n * (n - 1)) / 2);
    this.lRow = new Int32Array(n + 1);
    this.lCols = new Int32Array(half);
    this.uRow = new Int32Array(n + 1);
    this.uCols = new Int32Array(half);
    this.atol = new Float64Array(n);
    this.dense = new Float64Array(MAX_DENSE * n);
    this.yOut = new Float64Array(n);
    this.fdY = new Float64Array(n);
    this.fdF = new Float64Array(n);
    this.stepErr = new Float64Array(1);
    this.badIndex = new Int32Array(1);
  }

  /**
   * The numeric sparse LU for this pattern analysis: kept across solves with the same pattern
   * (sweeps), replaced when a solve brings another pattern.
   */
  sparseLuFor(sym: SparseLuSymbolic): SparseLu {
    if (this.sparseLu === null || this.sparseLu.sym !== sym) this.sparseLu = new SparseLu(sym);
    return this.sparseLu;
  }

  /** Every buffer, for identity checks (the allocation test asserts they never change). */
  buffers(): ArrayBufferView[] {
    const sparse = this.sparseLu === null ? [] : [this.sparseLu.val, this.sparseLu.invPivot, this.sparseLu.invDiag, this.sparseLu.rowAbs, this.sparseLu.lVal, this.sparseLu.uVal];
    return [this.y0, this.y1, this.f0, this.f1, this.u, this.du, this.ks, ...this.kView, this.dT, this.J, this.W,
      this.ipiv, this.lRow, this.lCols, this.uRow, this.uCols, this.atol, this.dense, this.yOut, this.fdY, this.fdF, this.stepErr, this.badIndex,
      ...sparse];
  }
}

/** Allocates the buffers for solves of an n-state problem; pass it as `options.workspace`. */
export function createWorkspace(n: number): SolverWorkspace {
  return new Workspace(n);
}
