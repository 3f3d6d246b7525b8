/**
 * Decimation of a trajectory before it crosses from the worker to the plotting thread: per
 * bucket of samples (one bucket per ~¼ pixel column), keep the first, the minimum, the maximum
 * and the last sample, in time order. Peaks and troughs survive, so a decimated line looks
 * the same as the full one at the plotted width, and short series pass through untouched.
 */

export interface Series {
  t: Float64Array;
  y: Float64Array;
}

/**
 * Returns at most about `maxPoints` samples of (t, y). `maxPoints` ≥ 4; series with at most
 * `maxPoints` samples are returned as they are (same arrays).
 */
export function decimate(t: Float64Array, y: Float64Array, maxPoints: number): Series {
  const n = t.length;
  if (y.length !== n) throw new RangeError(`decimate: t and y differ in length (${n} vs ${y.length})`);
  if (!(maxPoints >= 4)) throw new RangeError(`decimate: maxPoints must be ≥ 4 (got ${maxPoints})`);
  if (n <= maxPoints) return { t, y };
  const buckets = Math.max(1, Math.floor(maxPoints / 4));
  const outT = new Float64Array(buckets * 4);
  const outY = new Float64Array(buckets * 4);
  let m = 0;
  const push = (i: number) => {
    // Skip a repeat of the previous sample (first may equal min, etc.).
    if (m > 0 && outT[m - 1] === t[i] && outY[m - 1] === y[i]) return;
    outT[m] = t[i];
    outY[m] = y[i];
    m++;
  };
  for (let b = 0; b < buckets; b++) {
    const lo = Math.floor((b * n) / buckets);
    const hi = Math.floor(((b + 1) * n) / buckets); // exclusive
    if (hi <= lo) continue;
    let iMin = lo;
    let iMax = lo;
    for (let i = lo + 1; i < hi; i++) {
      if (y[i] < y[iMin]) iMin = i;
      if (y[i] > y[iMax]) iMax = i;
    }
    const a = Math.min(iMin, iMax);
    const c = Math.max(iMin, iMax);
    push(lo);
    if (a !== lo) push(a);
    if (c !== a && c !== hi - 1) push(c);
    if (hi - 1 !== lo) push(hi - 1);
  }
  return { t: outT.slice(0, m), y: outY.slice(0, m) };
}
