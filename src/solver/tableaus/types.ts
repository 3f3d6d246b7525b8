/**
 * A Rosenbrock tableau in the transformed ("W") formulation of Hairer & Wanner (1996, IV.7),
 * which avoids a matrix-vector product with J per stage:
 *
 *   W = I/(h·gamma) − J
 *   W·k_i = f(t + c_i·h, y0 + Σ_{j<i} a_ij·k_j) + Σ_{j<i} (C_ij/h)·k_j + h·d_i·∂f/∂t
 *   y1 = y0 + Σ_i b_i·k_i,   error estimate = Σ_i btilde_i·k_i
 *
 * Dense output (the method's own continuous extension, Steinebach 2020/2023):
 *   D_r = Σ_i H[r][i]·k_i  (r = 0..nDense−1),  θ = (t − t0)/h,
 *   y(θ) = (1−θ)·y0 + θ·(y1 + (1−θ)·(D_0 + θ·(D_1 + θ·D_2 ...)))
 *
 * Matrices are flat, row-major, `stages × stages` (`a`, `C`) or `nDense × stages` (`H`).
 */
export interface RosenbrockTableau {
  name: string;
  /** Classical order of the solution / of the embedded method. */
  order: number;
  embeddedOrder: number;
  stages: number;
  gamma: number;
  /** Strictly lower triangular, stages × stages. */
  a: Float64Array;
  /** Strictly lower triangular, stages × stages (the transformed Γ coefficients). */
  C: Float64Array;
  /** Weights of the solution and of the error estimate, length stages. */
  b: Float64Array;
  btilde: Float64Array;
  /** Stage times (fractions of h) and ∂f/∂t coefficients, length stages. */
  c: Float64Array;
  d: Float64Array;
  /** Dense-output coefficients, nDense × stages. */
  nDense: number;
  H: Float64Array;
}
