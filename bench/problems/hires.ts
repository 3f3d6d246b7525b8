/**
 * HIRES: High Irradiance RESponse of photomorphogenesis, the Test Set for IVP Solvers problem
 * 'hires' (Mazzia, Magherini et al., Univ. of Bari; Schäfer 1975), n = 8, t ∈ [0, 321.8122].
 * Rate constants from the reference file (Test Set hires.f).
 */
import type { OdeProblem } from '../../src/solver/types.ts';
import { reference } from './reference.ts';

export function hiresProblem(): OdeProblem {
  const r = reference('hires');
  const k = r.params as Record<string, number>;
  const k1 = k.k1, k2 = k.k2, k3 = k.k3, k4 = k.k4, k5 = k.k5, k6 = k.k6, k7 = k.k7, k8 = k.k8, k9 = k.k9, oks = k.oks;
  return {
    n: 8,
    y0: Float64Array.from(r.y0),
    tspan: [r.t0, r.tend],
    autonomous: true,
    rhs(_t, y, f) {
      f[0] = -k1 * y[0] + k2 * y[1] + k6 * y[2] + oks;
      f[1] = k1 * y[0] - (k2 + k3) * y[1];
      f[2] = -(k6 + k1) * y[2] + k2 * y[3] + k5 * y[4];
      f[3] = k3 * y[1] + k1 * y[2] - (k4 + k2) * y[3];
      f[4] = -(k5 + k1) * y[4] + k2 * (y[5] + y[6]);
      f[5] = -k7 * y[5] * y[7] + k8 * y[3] + k1 * y[4] - k2 * y[5] + k8 * y[6];
      f[6] = k7 * y[5] * y[7] - (k2 + k8 + k9) * y[6];
      f[7] = -f[6];
    },
    jacobian(_t, y, J) {
      J.fill(0);
      const n = 8;
      J[0 * n + 0] = -k1; J[0 * n + 1] = k2; J[0 * n + 2] = k6;
      J[1 * n + 0] = k1; J[1 * n + 1] = -(k2 + k3);
      J[2 * n + 2] = -(k6 + k1); J[2 * n + 3] = k2; J[2 * n + 4] = k5;
      J[3 * n + 1] = k3; J[3 * n + 2] = k1; J[3 * n + 3] = -(k4 + k2);
      J[4 * n + 4] = -(k5 + k1); J[4 * n + 5] = k2; J[4 * n + 6] = k2;
      J[5 * n + 3] = k8; J[5 * n + 4] = k1; J[5 * n + 5] = -k7 * y[7] - k2; J[5 * n + 6] = k8; J[5 * n + 7] = -k7 * y[5];
      J[6 * n + 5] = k7 * y[7]; J[6 * n + 6] = -(k2 + k8 + k9); J[6 * n + 7] = k7 * y[5];
      J[7 * n + 5] = -k7 * y[7]; J[7 * n + 6] = k2 + k8 + k9; J[7 * n + 7] = -k7 * y[5];
    },
  };
}
