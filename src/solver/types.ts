/**
 * The solver contract (see DESIGN.md, "Contract: the solver"). The solver knows nothing of
 * biology: it sees `n`, a right-hand side and optionally a Jacobian, all over Float64Arrays.
 */

export interface OdeProblem {
  /** Number of states. */
  n: number;
  /** dy/dt = f(t, y). Writes into `dydt`; must not allocate or keep references to its arguments. */
  rhs(t: number, y: Float64Array, dydt: Float64Array): void;
  /** Row-major n×n, J[i*n + j] = ∂f_i/∂y_j. Without it the solver uses finite differences. */
  jacobian?(t: number, y: Float64Array, J: Float64Array): void;
  y0: Float64Array;
  tspan: [number, number];
  /**
   * True when f does not depend on t explicitly. The Rosenbrock step then skips ∂f/∂t (otherwise
   * estimated by one finite-difference rhs call per step, counted in `rhsEvalsForJacobian`).
   */
  autonomous?: boolean;
  /**
   * Structural nonzeros of the Jacobian in CSR form: row i's columns are
   * colIdx[rowPtr[i] .. rowPtr[i+1]) (rowPtr has n + 1 entries, columns in [0, n), any order).
   * Every entry that `jacobian` (or a finite difference) can make nonzero must be listed; the
   * diagonal may be left out. With it, W = I/(hγ) − J is factored by a sparse LU whose pivot order
   * is computed once per pattern (see lu-sparse.ts and `SolveOptions.linearSolver`). A compiled
   * model passes its `jacobianSparsity` here. The arrays must not change after the first solve.
   */
  jacobianPattern?: { rowPtr: Int32Array; colIdx: Int32Array };
}

export type MethodName = 'rodas5p' | 'odex';

export interface SolveOptions {
  /** Default: 'rodas5p', the best stiff method we have. */
  method?: MethodName | string;
  /** Relative tolerance, default 1e-6. */
  rtol?: number;
  /** Absolute tolerance, scalar or per state; default 1e-9. */
  atol?: number | Float64Array;
  /** Output times, filled by dense output; default: every accepted step. */
  saveAt?: ArrayLike<number>;
  /** Times the integrator must land on exactly (dose times, input switches). */
  tstops?: ArrayLike<number>;
  /**
   * Called when the integrator has landed on a tstop, before it restarts from there. The hook may
   * change the problem's inputs (which the rhs reads) or modify `y` in place; the integrator then
   * re-evaluates f at (t, y), so a discontinuity is never stepped over. `checkpoint()`, called
   * during the hook, returns where the solve stood on arrival (see `resume`).
   */
  onTstop?: (t: number, y: Float64Array, checkpoint: () => Checkpoint) => void;
  /**
   * Continue from a checkpoint taken at a tstop by an earlier solve instead of starting at
   * tspan[0]. With the same problem and options up to the checkpoint's time (the same rhs, inputs
   * and hooks before it; saveAt and tstops equal there), the Solution is bit for bit the one the
   * uninterrupted solve returns: rows before the checkpoint come from it, `onTstop` runs again at
   * its time, and stats include the work done before it. Sweeps whose points differ only after a
   * dose time share that part of the solve this way. Not with `events` or method 'odex'.
   */
  resume?: Checkpoint;
  maxSteps?: number;
  /** Initial step size; default: chosen automatically. */
  h0?: number;
  /** Largest step size; default: the span length. */
  hmax?: number;
  /**
   * Buffers from `createWorkspace(n)`, reused across solves of the same size (sweeps). Without
   * it, each solve allocates its own.
   */
  workspace?: SolverWorkspace;
  /** Event functions located by root finding on the dense output (see EventSpec). */
  events?: EventSpec;
  /**
   * How W is factored. 'auto' (default): the sparse LU when `problem.jacobianPattern` is given,
   * n ≥ 12 and the factors' fill stays under 40% of n², else the dense LU with partial pivoting.
   * 'sparse' forces the sparse LU (needs jacobianPattern), 'dense' the dense one. Either way a step
   * whose sparse pivots fail the threshold test is refactored densely (`stats.denseFallbacks`).
   */
  linearSolver?: 'auto' | 'dense' | 'sparse';
}

/**
 * Events: `g` writes `count` event functions; an event fires where g_i crosses from − to +.
 * The root is located on the dense output, `onEvent` runs there (it may modify `y` in place or
 * the problem's parameters/inputs) and the integrator restarts; returning true stops the solve.
 */
export interface EventSpec {
  count: number;
  g(t: number, y: Float64Array, out: Float64Array): void;
  onEvent(t: number, y: Float64Array, fired: Int32Array): boolean | void;
}

/**
 * Every buffer one solve needs, allocated once (see src/solver/workspace.ts). Opaque to callers:
 * create it with `createWorkspace(n)` and pass it in `SolveOptions.workspace`.
 */
export interface SolverWorkspace {
  readonly n: number;
}

/**
 * Where a solve stood when it landed on a tstop, before the hook ran: everything the integrator
 * carries past a tstop (it restarts there, so the state, the proposed step and the work counters
 * are all of it) and the output rows recorded before it. Immutable once taken.
 */
export interface Checkpoint {
  readonly t: number;
  /** The state on arrival, before the hook. */
  readonly y: Float64Array;
  /** The step size the integrator proposed for after t. */
  readonly h: number;
  /** Work done up to t (counts toward maxSteps). */
  readonly stats: Readonly<SolverStats>;
  /** Output rows recorded before the hook: their times, and n values per row. */
  readonly rowsT: Float64Array;
  readonly rowsY: Float64Array;
}

export type SolveStatus = 'success' | 'max-steps' | 'step-size-too-small' | 'non-finite';

export interface SolverStats {
  /** Steps attempted (accepted + rejected). */
  steps: number;
  accepted: number;
  rejected: number;
  /** Right-hand-side calls, not counting those made for finite-difference Jacobians. */
  rhsEvals: number;
  /** Jacobian evaluations (analytic or finite-difference). */
  jacobianEvals: number;
  /** LU factorisations of the iteration matrix W. */
  factorizations: number;
  /** Forward/back substitutions with a factorised W. */
  linearSolves: number;
  /** Right-hand-side calls made for finite-difference Jacobians and ∂f/∂t (not in rhsEvals). */
  rhsEvalsForJacobian?: number;
  /**
   * Steps whose sparse LU failed the pivot test and were refactored densely (each such step adds
   * two to `factorizations`: the sparse attempt and the dense one).
   */
  denseFallbacks?: number;
}

export interface Solution {
  t: Float64Array;
  /** Row-major, t.length × n. */
  y: Float64Array;
  status: SolveStatus;
  /** On failure: what happened and at which t. Empty on success. */
  message: string;
  stats: SolverStats;
  /** Times at which events fired (only when `events` was given). */
  tEvents?: number[];
}
