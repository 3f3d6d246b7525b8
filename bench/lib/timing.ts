/**
 * Wall-clock timing of a synchronous function: warm up, then run until both `minRuns` and `minMs`
 * are reached, and summarise the per-run times (median, min, 90th percentile).
 */

export interface TimingOptions {
  /** At least this many timed runs (default 5). */
  minRuns?: number;
  /** Keep running until this much time (ms) has been spent in timed runs (default 200). */
  minMs?: number;
  /** Untimed warm-up runs so the JIT has settled (default 3)... */
  warmup?: number;
  /** ...and at least this much warm-up time in ms (default 50): optimised code can take a while to arrive. */
  warmupMs?: number;
  /** Hard cap on timed runs (default 100000). */
  maxRuns?: number;
}

export interface Timing {
  medianMs: number;
  minMs: number;
  p90Ms: number;
  runs: number;
}

export function measure(fn: () => void, opts: TimingOptions = {}): Timing {
  const minRuns = opts.minRuns ?? 5;
  const minMs = opts.minMs ?? 200;
  const warmup = opts.warmup ?? 3;
  const maxRuns = opts.maxRuns ?? 100_000;
  const warmupMs = opts.warmupMs ?? 50;
  const w0 = performance.now();
  for (let i = 0; i < warmup || (warmup > 0 && performance.now() - w0 < warmupMs); i++) fn();
  const times: number[] = [];
  let total = 0;
  while (times.length < maxRuns && (times.length < minRuns || total < minMs)) {
    const t0 = performance.now();
    fn();
    const dt = performance.now() - t0;
    times.push(dt);
    total += dt;
  }
  times.sort((a, b) => a - b);
  const m = times.length;
  return { medianMs: median(times), minMs: times[0], p90Ms: times[Math.min(m - 1, Math.floor(0.9 * m))], runs: m };
}

/** Median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

/** Per-call times in microseconds of a function too fast to time one call at a time. */
export interface MicroTiming {
  /** Median over samples of the mean time per call within a sample. */
  medianUs: number;
  /** Fastest sample: the best estimate of the cost itself on a machine busy with other work. */
  minUs: number;
}

/**
 * Times a very fast function by running it in batches and returns the median and minimum time of
 * one call in microseconds. Without `batch`, a batch is sized to take about 0.2 ms: short enough
 * that some samples run without being preempted on a shared machine, long enough for the timer.
 */
export function measureMicros(fn: () => void, opts: TimingOptions & { batch?: number } = {}): MicroTiming {
  let batch = opts.batch;
  if (batch === undefined) {
    // Let the JIT see it first: optimised code can take tens of ms to arrive on a busy machine.
    const w0 = performance.now();
    while (performance.now() - w0 < (opts.warmupMs ?? 50)) for (let i = 0; i < 20; i++) fn();
    let calls = 1;
    let ms = 0;
    while (ms < 0.05 && calls < 1 << 24) {
      calls *= 4;
      const t0 = performance.now();
      for (let i = 0; i < calls; i++) fn();
      ms = performance.now() - t0;
    }
    batch = Math.max(1, Math.round((calls * 0.2) / Math.max(ms, 1e-6)));
  }
  const b = batch;
  const t = measure(
    () => {
      for (let i = 0; i < b; i++) fn();
    },
    { minRuns: opts.minRuns ?? 30, minMs: opts.minMs ?? 100, warmup: opts.warmup ?? 5 },
  );
  return { medianUs: (t.medianMs * 1000) / b, minUs: (t.minMs * 1000) / b };
}
