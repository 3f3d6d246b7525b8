/**
 * Automatic initial step (Hairer, Nørsett & Wanner, Solving ODEs I, II.4, "Starting step size"):
 * compare the scaled size of y0, f(t0, y0) and an estimate of the second derivative from one
 * explicit Euler probe, and pick h so that the leading error term of a method of order `order`
 * is about 1% of the tolerance. Costs one rhs call (counted in rhsEvals).
 */
import type { OdeProblem, SolverStats } from './types.ts';

/** RMS norm of v scaled by atol + rtol·|y|. */
function scaledNorm(n: number, v: Float64Array, y: Float64Array, atol: Float64Array, rtol: number): number {
  let sum = 0;
  for (let m = 0; m < n; m++) {
    const r = v[m] / (atol[m] + rtol * Math.abs(y[m]));
    sum += r * r;
  }
  return n > 0 ? Math.sqrt(sum / n) : 0;
}

/**
 * `f0` = f(t0, y0); `yTmp` and `fTmp` are scratch buffers of length n. Returns a positive h no
 * larger than `hmax`.
 */
export function initialStep(
  problem: OdeProblem,
  t0: number,
  y0: Float64Array,
  f0: Float64Array,
  atol: Float64Array,
  rtol: number,
  order: number,
  hmax: number,
  yTmp: Float64Array,
  fTmp: Float64Array,
  stats: SolverStats,
): number {
  const n = problem.n;
  const d0 = scaledNorm(n, y0, y0, atol, rtol);
  const d1 = scaledNorm(n, f0, y0, atol, rtol);
  let h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : (0.01 * d0) / d1;
  if (h0 > hmax) h0 = hmax;
  for (let m = 0; m < n; m++) yTmp[m] = y0[m] + h0 * f0[m];
  problem.rhs(t0 + h0, yTmp, fTmp);
  stats.rhsEvals++;
  for (let m = 0; m < n; m++) fTmp[m] -= f0[m];
  const d2 = scaledNorm(n, fTmp, y0, atol, rtol) / h0;
  const dMax = Math.max(d1, d2);
  const h1 = !(dMax > 1e-15) ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / dMax, 1 / (order + 1));
  let h = Math.min(100 * h0, h1, hmax);
  // A non-finite probe (f blew up at y0 + h0·f0) says nothing useful: start small and let the
  // step control grow h.
  if (!(h > 0 && h < Infinity)) h = Math.min(h0 > 0 && h0 < Infinity ? h0 : 1e-6, hmax);
  return h;
}
