/**
 * Adaptive plot sampling: repeated halving where a curve bends resolves a narrow spike that a
 * coarse grid turns into a triangle, keeps every original sample time, spends nothing on straight
 * lines, and respects its budget.
 */
import { describe, expect, it } from 'vitest';
import { initialPlotTimes, refineTimes } from '../../src/ui/adaptive-sampling.ts';

/** Samples f adaptively from `t`, as the worker does with re-runs of the dense output. */
function sample(f: (t: number) => number, t: Float64Array, maxPoints = 4000): Float64Array {
  for (let round = 0; round < 12; round++) {
    const next = refineTimes(t, [Float64Array.from(t, f)], { maxPoints });
    if (!next) break;
    t = next;
  }
  return t;
}

describe('refineTimes', () => {
  const spike = (t: number) => 1 + 1.5e5 * Math.exp(-(((t - 31.2) / 0.15) ** 2));

  it('resolves a spike narrower than the output grid to within 1 % of its peak', () => {
    const hourly = Float64Array.from({ length: 73 }, (_, i) => i);
    expect(Math.max(...Array.from(hourly, spike))).toBeLessThan(0.2 * 1.5e5);
    const t = sample(spike, initialPlotTimes(hourly, 72, [], 100));
    expect(Math.max(...Array.from(t, spike))).toBeGreaterThan(0.99 * 1.5e5);
    // The original times are kept, and the samples cluster at the spike.
    for (const x of hourly) expect(t.includes(x)).toBe(true);
    // Samples are added at the spike, not far from it.
    const start = initialPlotTimes(hourly, 72, [], 100);
    const count = (v: Float64Array, lo: number, hi: number) => Array.from(v).filter((x) => x >= lo && x <= hi).length;
    expect(count(t, 30.2, 32.2)).toBeGreaterThan(10 * count(start, 30.2, 32.2));
    expect(count(t, 0, 25)).toBe(count(start, 0, 25));
    expect(t.length).toBeLessThan(2000);
  });

  it('adds nothing to constants or to lines straight on both scales, and stays within its budget', () => {
    const t = initialPlotTimes(Float64Array.from([0, 24, 48]), 48, [], 100);
    // (A line from 1 to 145 is curved on a log axis and would be refined: the panel may be log-y.)
    expect(refineTimes(t, [Float64Array.from(t, (x) => 1 + 1e-4 * x), Float64Array.from(t, () => 5)])).toBeNull();
    const capped = sample(spike, initialPlotTimes(Float64Array.from([0, 72]), 72, [], 50), 300);
    expect(capped.length).toBeLessThanOrEqual(300);
  });

  it('refines on the log scale too, where a decay over decades bends', () => {
    const decay = (x: number) => Math.exp(-x) + 1e-9;
    const t = sample(decay, initialPlotTimes(Float64Array.from([0, 40]), 40, [], 8));
    // On a log axis the curve is a line down to 1e-9 and flat after it: the corner near t ≈ 20.7 gets samples.
    expect(Array.from(t).filter((x) => x > 18 && x < 24).length).toBeGreaterThan(5);
  });
});
