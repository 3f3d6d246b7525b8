/**
 * Step-size control: a PI controller on the scaled error norm (Gustafsson 1991; Hairer &
 * Wanner, Solving ODEs II, IV.8), with a safety factor and bounds on growth and shrinkage.
 * err ≤ 1 accepts the step.
 */

export interface ControllerParams {
  /** Multiplies every proposal, so the next step aims a little below the tolerance. */
  safety: number;
  /** Bounds on h_new / h. */
  facMin: number;
  facMax: number;
  /** PI exponents: h_new = h · safety · err^(−beta1) · errPrev^(beta2). */
  beta1: number;
  beta2: number;
  /** Exponent for a rejected step: h_new = h · safety · err^(−1/k). */
  rejectExponent: number;
}

/** Parameters for an error estimate of order `q` (local error O(h^(q+1))). */
export function controllerFor(q: number): ControllerParams {
  const k = q + 1;
  return { safety: 0.9, facMin: 0.2, facMax: 6, beta1: 0.7 / k, beta2: 0.4 / k, rejectExponent: 1 / k };
}

/** Error norms below this are treated as this, so a nearly exact step cannot ask for h → ∞. */
const ERR_FLOOR = 1e-10;

/**
 * Factor for the next step after an accepted one. `errPrev` is the error norm of the previous
 * accepted step (1 after a restart, which makes this a plain I controller), and
 * `lastRejected` forbids growth right after a rejection.
 */
export function acceptFactor(p: ControllerParams, err: number, errPrev: number, lastRejected: boolean): number {
  const e = err > ERR_FLOOR ? err : ERR_FLOOR;
  let fac = p.safety * Math.pow(e, -p.beta1) * Math.pow(errPrev, p.beta2);
  if (fac > p.facMax) fac = p.facMax;
  if (fac < p.facMin) fac = p.facMin;
  if (lastRejected && fac > 1) fac = 1;
  return fac;
}

/** Factor (< 1) for retrying a rejected step (err > 1). */
export function rejectFactor(p: ControllerParams, err: number): number {
  let fac = p.safety * Math.pow(err, -p.rejectExponent);
  if (fac < p.facMin) fac = p.facMin;
  if (fac > 0.9) fac = 0.9;
  return fac;
}
