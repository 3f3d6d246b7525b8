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
   * re-evaluates f at (t, y), so a discontinuity is never stepped over.
   */
  onTstop?: (t: number, y: Float64Array) => void;
  maxSteps?: number;
  /** Initial step size; default: chosen automatically. */
  h0?: number;
  /** Largest step size; default: the span length. */
  hmax?: number;
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
}

export interface Solution {
  t: Float64Array;
  /** Row-major, t.length × n. */
  y: Float64Array;
  status: SolveStatus;
  /** On failure: what happened and at which t. Empty on success. */
  message: string;
  stats: SolverStats;
}
