/**
 * Sensitivity indices from evaluated designs.
 *
 * Sobol: first-order S_i by Saltelli et al. 2010 (Comput. Phys. Commun. 181, 259, Table 2 (b)),
 *   S_i = mean_j f(B)_j·(f(A_B^i)_j − f(A)_j) / V,
 * total S_Ti by Jansen 1999 (ibid. Table 2 (f)),
 *   S_Ti = mean_j (f(A)_j − f(A_B^i)_j)² / (2V),
 * V the variance of f over A and B together. 95% intervals by the percentile bootstrap over the N
 * rows (resampled with a seeded generator, so the intervals are reproducible).
 *
 * Morris: elementary effects EE = (f(x + Δe_i) − f(x)) / Δ on the unit cube (readout units per
 * full parameter range); mu_star = mean |EE| (Campolongo 2007), sigma = their standard deviation.
 */
import { seededRandom } from './sobol-sequence.ts';

export interface SobolIndex {
  first: number;
  total: number;
  first_ci95: [number, number];
  total_ci95: [number, number];
}

function estimate(y: Float64Array, N: number, d: number, rows: ArrayLike<number>, first: Float64Array, total: Float64Array): void {
  let mean = 0;
  for (let q = 0; q < rows.length; q++) mean += y[rows[q]] + y[N + rows[q]];
  mean /= 2 * rows.length;
  let v = 0;
  for (let q = 0; q < rows.length; q++) {
    const a = y[rows[q]] - mean;
    const b = y[N + rows[q]] - mean;
    v += a * a + b * b;
  }
  v /= 2 * rows.length - 1;
  for (let i = 0; i < d; i++) {
    let s1 = 0;
    let st = 0;
    for (let q = 0; q < rows.length; q++) {
      const j = rows[q];
      const fA = y[j];
      const fB = y[N + j];
      const fAB = y[(2 + i) * N + j];
      s1 += fB * (fAB - fA);
      st += (fA - fAB) * (fA - fAB);
    }
    first[i] = s1 / rows.length / v;
    total[i] = st / (2 * rows.length) / v;
  }
}

function percentile(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** y: the readouts of the Sobol design (length N·(d + 2)). */
export function sobolIndices(y: Float64Array, N: number, d: number, bootstrap: number, seed: number): SobolIndex[] {
  const all = Int32Array.from({ length: N }, (_, j) => j);
  const first = new Float64Array(d);
  const total = new Float64Array(d);
  estimate(y, N, d, all, first, total);
  const bf = Array.from({ length: d }, () => new Float64Array(bootstrap));
  const bt = Array.from({ length: d }, () => new Float64Array(bootstrap));
  const rand = seededRandom(seed ^ 0x5bd1e995);
  const rows = new Int32Array(N);
  const f = new Float64Array(d);
  const t = new Float64Array(d);
  for (let b = 0; b < bootstrap; b++) {
    for (let j = 0; j < N; j++) rows[j] = Math.floor(rand() * N);
    estimate(y, N, d, rows, f, t);
    for (let i = 0; i < d; i++) {
      bf[i][b] = f[i];
      bt[i][b] = t[i];
    }
  }
  return Array.from({ length: d }, (_, i) => {
    const sf = bf[i].sort();
    const st = bt[i].sort();
    return { first: first[i], total: total[i], first_ci95: [percentile(sf, 0.025), percentile(sf, 0.975)], total_ci95: [percentile(st, 0.025), percentile(st, 0.975)] };
  });
}

export interface MorrisIndex {
  mu_star: number;
  mu: number;
  sigma: number;
}

/** y: readouts of the Morris design; moved(i) as in design.ts. */
export function morrisIndices(y: Float64Array, d: number, trajectories: number, moved: (i: number) => { factor: number; delta: number }): MorrisIndex[] {
  const ee: number[][] = Array.from({ length: d }, () => []);
  for (let t = 0; t < trajectories; t++) {
    for (let s = 1; s <= d; s++) {
      const i = t * (d + 1) + s;
      const { factor, delta } = moved(i);
      ee[factor].push((y[i] - y[i - 1]) / delta);
    }
  }
  return ee.map((e) => {
    const ok = e.filter(Number.isFinite);
    const m = ok.reduce((a, b) => a + b, 0) / ok.length;
    const mAbs = ok.reduce((a, b) => a + Math.abs(b), 0) / ok.length;
    const v = ok.length > 1 ? ok.reduce((a, b) => a + (b - m) * (b - m), 0) / (ok.length - 1) : NaN;
    return { mu_star: ok.length === e.length ? mAbs : NaN, mu: ok.length === e.length ? m : NaN, sigma: ok.length === e.length ? Math.sqrt(v) : NaN };
  });
}
