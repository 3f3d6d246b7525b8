/**
 * Output times for plotting, refined where the curves bend. The solver's dense output makes any
 * sample time cheap (no extra steps), so a spike that a one-per-hour output grid draws as a
 * three-point triangle can be drawn as it is: start from the scenario's own times plus a uniform
 * grid, then repeatedly split the intervals around every sample where a curve leaves the chord
 * of its neighbours by more than a fraction of its range (on a linear and on a log scale) into
 * quarters, until nothing more bends, too little would be added to be worth another pass, or the
 * budget is spent.
 */

export interface RefineOptions {
  /** Largest allowed deviation from the chord, as a fraction of the series' range; default 2e-3 (~1 px of 500). */
  tol?: number;
  /** Most samples in total; default 4000. */
  maxPoints?: number;
  /** Smallest interval worth splitting, in the time unit; default (end − start) · 1e-7. */
  minDt?: number;
  /** Fewest new samples worth another pass (each pass is one more solve); default max(4, 1 % of the samples). */
  minAdded?: number;
}

/** The scenario's times, a uniform grid of `points`, and the switch times, merged and sorted. */
export function initialPlotTimes(times: ArrayLike<number>, end: number, extra: readonly number[] = [], points = 1000): Float64Array {
  const all: number[] = Array.from(times);
  for (let i = 0; i <= points; i++) all.push((end * i) / points);
  for (const t of extra) if (t > 0 && t < end) all.push(t);
  return uniqueSorted(all, 0, end);
}

function uniqueSorted(values: number[], lo: number, hi: number): Float64Array {
  const v = Float64Array.from(values.filter((t) => t >= lo && t <= hi)).sort();
  let k = 0;
  for (let i = 0; i < v.length; i++) if (i === 0 || v[i] !== v[k - 1]) v[k++] = v[i];
  return v.slice(0, k);
}

/** Deviation of the middle sample from the chord of its neighbours, over the series' range. */
function bend(t: Float64Array, y: ArrayLike<number>, i: number, range: number, log: boolean): number {
  const f = (x: number) => (log ? Math.log10(x) : x);
  const a = f(y[i - 1]);
  const b = f(y[i]);
  const c = f(y[i + 1]);
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c)) return 0;
  const w = (t[i] - t[i - 1]) / (t[i + 1] - t[i - 1]);
  return Math.abs(b - (a + w * (c - a))) / range;
}

function ranges(y: ArrayLike<number>): { lin: number; log: number } {
  let lo = Infinity;
  let hi = -Infinity;
  let plo = Infinity;
  let phi = -Infinity;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
    if (v > 0) {
      plo = Math.min(plo, v);
      phi = Math.max(phi, v);
    }
  }
  return { lin: hi - lo, log: phi > plo ? Math.log10(phi) - Math.log10(plo) : 0 };
}

/**
 * New sample times with the intervals either side of every bending sample split in four, or null
 * when every curve is drawn well enough (or the budget is spent, or too little would change).
 */
export function refineTimes(t: Float64Array, series: readonly ArrayLike<number>[], options: RefineOptions = {}): Float64Array | null {
  const tol = options.tol ?? 2e-3;
  const maxPoints = options.maxPoints ?? 4000;
  const n = t.length;
  if (n < 3 || n >= maxPoints) return null;
  const minDt = options.minDt ?? (t[n - 1] - t[0]) * 1e-7;
  const split = new Uint8Array(n); // split[i]: halve the interval (t[i], t[i+1])
  for (const y of series) {
    const r = ranges(y);
    // Ranges of round-off size are flat lines: nothing to resolve.
    const scale = Math.max(Math.abs(y[0]), 1e-300);
    const linOk = r.lin > 1e-9 * scale;
    const logOk = r.log > 1e-6;
    for (let i = 1; i < n - 1; i++) {
      const d = Math.max(linOk ? bend(t, y, i, r.lin, false) : 0, logOk && y[i - 1] > 0 && y[i] > 0 && y[i + 1] > 0 ? bend(t, y, i, r.log, true) : 0);
      if (d > tol) {
        split[i - 1] = 1;
        split[i] = 1;
      }
    }
  }
  const added: number[] = [];
  for (let i = 0; i < n - 1; i++) {
    if (!split[i] || t[i + 1] - t[i] <= 4 * minDt) continue;
    const dt = t[i + 1] - t[i];
    added.push(t[i] + 0.25 * dt, t[i] + 0.5 * dt, t[i] + 0.75 * dt);
  }
  if (added.length < (options.minAdded ?? Math.max(4, 0.01 * n))) return null;
  if (n + added.length > maxPoints) {
    // Over budget: keep the additions spread evenly over the run.
    const keep = maxPoints - n;
    if (keep <= 0) return null;
    const stride = added.length / keep;
    const picked: number[] = [];
    for (let k = 0; k < keep; k++) picked.push(added[Math.floor(k * stride)]);
    added.length = 0;
    added.push(...picked);
  }
  return uniqueSorted([...t, ...added], t[0], t[n - 1]);
}
