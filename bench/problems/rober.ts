/**
 * ROBER: Robertson's chemical kinetics, the Test Set for IVP Solvers problem 'rober'
 * (Mazzia, Magherini et al., Univ. of Bari), n = 3, t ∈ [0, 1e11].
 *   y1' = −0.04·y1 + 1e4·y2·y3,  y2' = 0.04·y1 − 1e4·y2·y3 − 3e7·y2²,  y3' = 3e7·y2²
 * y1 + y2 + y3 is conserved (= 1).
 */
import type { OdeProblem } from '../../src/solver/types.ts';
import { reference } from './reference.ts';

export function roberProblem(tend?: number): OdeProblem {
  const r = reference('rober');
  return {
    n: 3,
    y0: Float64Array.from(r.y0),
    tspan: [r.t0, tend ?? r.tend],
    autonomous: true,
    rhs(_t, y, f) {
      const r1 = 0.04 * y[0];
      const r2 = 1e4 * y[1] * y[2];
      const r3 = 3e7 * y[1] * y[1];
      f[0] = -r1 + r2;
      f[1] = r1 - r2 - r3;
      f[2] = r3;
    },
    jacobian(_t, y, J) {
      J[0] = -0.04; J[1] = 1e4 * y[2]; J[2] = 1e4 * y[1];
      J[3] = 0.04; J[4] = -1e4 * y[2] - 6e7 * y[1]; J[5] = -1e4 * y[1];
      J[6] = 0; J[7] = 6e7 * y[1]; J[8] = 0;
    },
  };
}
