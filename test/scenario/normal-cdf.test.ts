import { create, all } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../src/scenario/normal-cdf.ts';

const math = create(all);
/** Φ through mathjs's erf/erfc (Cody's rational Chebyshev approximations), an independent reference. */
const reference = (x: number): number => (x < 0 ? 0.5 * (1 - (math.erf(-x / Math.SQRT2) as number)) : 0.5 * (1 + (math.erf(x / Math.SQRT2) as number)));

describe('normalCdf', () => {
  it('agrees with the erf-based Φ to 1e-15 absolute on [-8, 8]', () => {
    let worst = 0;
    for (let x = -8; x <= 8; x += 0.0137) worst = Math.max(worst, Math.abs(normalCdf(x) - reference(x)));
    expect(worst).toBeLessThan(1e-15);
  });

  it('has the published values and symmetry', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 15); // the two-sided 95% point
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 15);
    for (const x of [0.3, 1.7, 4.2, 7.9]) expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 15);
  });

  it('keeps a relative accuracy of 1e-5 in the far lower tail', () => {
    // Φ(−10) = 7.619853024160527e-24 (Abramowitz & Stegun Table 26.1, Q(10)).
    expect(Math.abs(normalCdf(-10) / 7.619853024160527e-24 - 1)).toBeLessThan(1e-5);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
    expect(normalCdf(NaN)).toBeNaN();
  });
});
