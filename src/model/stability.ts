/**
 * Linear stability of a steady state: the eigenvalues of the model's analytic Jacobian there.
 * All real parts < 0: asymptotically stable, and the slowest decay rate gives the time scale of
 * the return to it. Eigenvalues at zero (within round-off of the Jacobian's size) are neutral
 * directions, e.g. a conserved total or a state that is steady at any value; they are reported
 * apart and do not count as instability.
 */
import { eigenvalues } from './eigenvalues.ts';
import { steadyState, type SteadyStateOptions, type SteadyStateResult } from './steady-state.ts';
import type { CompiledModel } from './types.ts';

export type Stability = 'stable' | 'unstable' | 'neutral';

export interface SteadyStateAnalysis {
  steady: SteadyStateResult;
  /** Eigenvalues of ∂f/∂y at the steady state, in 1/h, sorted by descending real part. */
  re: Float64Array;
  im: Float64Array;
  /** 'stable': every eigenvalue has Re < 0 apart from neutral (zero) ones; 'neutral': stable except for zeros only. */
  stability: Stability;
  /** How many eigenvalues count as zero (|λ| ≤ zeroTol). */
  neutral: number;
  /** 1 / min |Re λ| over the decaying eigenvalues, in h (Infinity when none decay). */
  slowestTimeScale: number;
  /** The threshold below which |λ| counts as zero: 1e-9 · ‖J‖∞, in 1/h. */
  zeroTol: number;
}

export function analyseSteadyState(model: CompiledModel, options: SteadyStateOptions = {}): SteadyStateAnalysis {
  const steady = steadyState(model, options);
  const n = model.speciesIds.length;
  const p = Float64Array.from(model.p0);
  const u = Float64Array.from(model.u0);
  for (const [id, v] of Object.entries(options.parameters ?? {})) p[model.parameterIds.indexOf(id)] = v;
  for (const [id, v] of Object.entries(options.inputs ?? {})) u[model.inputIds.indexOf(id)] = v;
  const J = new Float64Array(n * n);
  model.jacobian(0, steady.y, p, u, J);
  let norm = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) row += Math.abs(J[i * n + j]);
    norm = Math.max(norm, row);
  }
  const { re, im } = eigenvalues(n, J);
  const zeroTol = 1e-9 * norm;
  let neutral = 0;
  let growing = 0;
  let slowest = Infinity;
  for (let i = 0; i < n; i++) {
    if (Math.hypot(re[i], im[i]) <= zeroTol) neutral++;
    else if (re[i] > zeroTol) growing++;
    else if (re[i] < 0) slowest = Math.min(slowest, -re[i]);
  }
  return {
    steady, re, im, neutral, zeroTol,
    stability: growing > 0 ? 'unstable' : neutral > 0 && slowest === Infinity ? 'neutral' : 'stable',
    slowestTimeScale: 1 / slowest,
  };
}
