/**
 * Finite-difference Jacobian and ∂f/∂t for problems without an analytic Jacobian. Forward
 * differences with increments scaled to each component (Hairer & Wanner's RODAS/RADAU5 and
 * CVODE's difference-quotient Jacobian use the same rule). Their rhs calls are returned so the
 * caller can count them apart from the integration's own rhsEvals.
 */
import type { OdeProblem } from './types.ts';

const SQRT_EPS = Math.sqrt(Number.EPSILON);

/**
 * J[i*n + j] ≈ (f_i(t, y + δ_j·e_j) − f0_i)/δ_j with δ_j = sqrt(eps)·max(|y_j|, floor_j), where
 * floor_j = atol_j/rtol keeps δ meaningful for components near zero. `yTmp`/`fTmp` are scratch.
 * Returns the number of rhs calls (n).
 */
export function fdJacobian(
  problem: OdeProblem,
  t: number,
  y: Float64Array,
  f0: Float64Array,
  J: Float64Array,
  atol: Float64Array,
  rtol: number,
  yTmp: Float64Array,
  fTmp: Float64Array,
): number {
  const n = problem.n;
  for (let m = 0; m < n; m++) yTmp[m] = y[m];
  for (let j = 0; j < n; j++) {
    const yj = y[j];
    const floor = atol[j] / rtol;
    const scale = Math.abs(yj) > floor ? Math.abs(yj) : floor;
    let delta = SQRT_EPS * (scale > 0 ? scale : 1);
    // Make y + δ exactly representable, so the divisor is the increment actually applied.
    const yPlus = yj + delta;
    delta = yPlus - yj;
    yTmp[j] = yPlus;
    problem.rhs(t, yTmp, fTmp);
    yTmp[j] = yj;
    const inv = 1 / delta;
    for (let i = 0; i < n; i++) J[i * n + j] = (fTmp[i] - f0[i]) * inv;
  }
  return n;
}

/**
 * dT ≈ ∂f/∂t at (t, y): a forward difference, or a backward one when t + δ would reach
 * `tLimit` (a discontinuity the step must not look across) or when f is not finite at t + δ
 * (f may be undefined past some time). Returns the number of rhs calls (1 or 2).
 */
export function fdTimeDerivative(
  problem: OdeProblem,
  t: number,
  y: Float64Array,
  f0: Float64Array,
  dT: Float64Array,
  tLimit: number,
  fTmp: Float64Array,
): number {
  const size = SQRT_EPS * Math.max(Math.abs(t), 1e-5);
  const calls = differenceInTime(problem, t, y, f0, dT, t + size >= tLimit ? -size : size, fTmp);
  if (calls > 0 || t + size >= tLimit) return Math.abs(calls);
  return 1 + Math.abs(differenceInTime(problem, t, y, f0, dT, -size, fTmp));
}

/** One difference quotient with step `delta`; returns 1, or −1 when the result is not finite. */
function differenceInTime(
  problem: OdeProblem,
  t: number,
  y: Float64Array,
  f0: Float64Array,
  dT: Float64Array,
  delta: number,
  fTmp: Float64Array,
): number {
  const n = problem.n;
  const tPlus = t + delta;
  const inv = 1 / (tPlus - t);
  problem.rhs(tPlus, y, fTmp);
  let finite = true;
  for (let m = 0; m < n; m++) {
    const v = (fTmp[m] - f0[m]) * inv;
    dT[m] = v;
    if (!(Math.abs(v) < Infinity)) finite = false;
  }
  return finite ? 1 : -1;
}
