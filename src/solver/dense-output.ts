/**
 * The continuous extension of a Rosenbrock step (see tableaus/types.ts for the formula):
 * `denseCoefficients` turns the stage increments into D_r once per step, `denseEval` evaluates
 * y(t0 + θ·h) for any θ in [0, 1]. Both allocate nothing.
 */
import type { RosenbrockTableau } from './tableaus/types.ts';

/** D_r = Σ_i H[r][i]·k_i, written into `dense` (flat, D_r at offset r·n). */
export function denseCoefficients(tab: RosenbrockTableau, n: number, ks: Float64Array, dense: Float64Array): void {
  const s = tab.stages;
  const H = tab.H;
  for (let r = 0; r < tab.nDense; r++) {
    const off = r * n;
    for (let m = 0; m < n; m++) dense[off + m] = 0;
    for (let i = 0; i < s; i++) {
      const hri = H[r * s + i];
      if (hri === 0) continue;
      const offI = i * n;
      for (let m = 0; m < n; m++) dense[off + m] += hri * ks[offI + m];
    }
  }
}

/**
 * y(θ) = (1−θ)·y0 + θ·(y1 + (1−θ)·(D_0 + θ·(D_1 + θ·(D_2 + …)))), for θ = (t − t0)/h. At θ = 1 it
 * returns y1 exactly, at θ = 0 y0 exactly.
 */
export function denseEval(
  n: number,
  nDense: number,
  theta: number,
  y0: Float64Array,
  y1: Float64Array,
  dense: Float64Array,
  out: Float64Array,
): void {
  const theta1 = 1 - theta;
  for (let m = 0; m < n; m++) {
    let inner = dense[(nDense - 1) * n + m];
    for (let r = nDense - 2; r >= 0; r--) inner = dense[r * n + m] + theta * inner;
    out[m] = theta1 * y0[m] + theta * (y1[m] + theta1 * inner);
  }
}

