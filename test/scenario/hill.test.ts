import { describe, expect, it } from 'vitest';
import { fitHill, hillSummary, hillValue } from '../../src/scenario/hill.ts';
import { blissExcess } from '../../src/scenario/bliss.ts';

function logspace(a: number, b: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => a * Math.pow(b / a, i / (n - 1)));
}

describe('fitHill', () => {
  it('recovers the parameters of an exact falling curve over five decades', () => {
    const truth = { ec50: 1.3, slope: 1.7, top: 0.98, bottom: 0.02 };
    const x = logspace(0.01, 100, 25);
    const y = x.map((xi) => hillValue(truth, xi));
    const fit = fitHill(x, y);
    expect(fit.ok).toBe(true);
    expect(fit.ec50).toBeCloseTo(1.3, 6);
    expect(fit.slope).toBeCloseTo(1.7, 6);
    expect(fit.top).toBeCloseTo(0.98, 6);
    expect(fit.bottom).toBeCloseTo(0.02, 6);
    expect(fit.rmse).toBeLessThan(1e-8);
    expect(fit.r2).toBeGreaterThan(1 - 1e-12);
  });

  it('fits a rising curve with a zero dose in the data (top < bottom)', () => {
    const truth = { ec50: 0.025, slope: 2.5, top: 1, bottom: 40 };
    const x = [0, ...logspace(0.001, 1, 15)];
    const y = x.map((xi) => hillValue(truth, xi));
    const fit = fitHill(x, y);
    expect(fit.ok).toBe(true);
    expect(fit.ec50 / 0.025).toBeCloseTo(1, 5);
    expect(fit.slope).toBeCloseTo(2.5, 5);
    expect(fit.top).toBeCloseTo(1, 5);
    expect(fit.bottom).toBeCloseTo(40, 4);
  });

  it('stays close to the truth with noise and reports the noise level as rmse', () => {
    const truth = { ec50: 5, slope: 1, top: 1, bottom: 0 };
    const x = logspace(0.05, 500, 21);
    // Deterministic ±0.02 alternating "noise".
    const y = x.map((xi, i) => hillValue(truth, xi) + (i % 2 === 0 ? 0.02 : -0.02));
    const fit = fitHill(x, y);
    expect(fit.ok).toBe(true);
    expect(Math.abs(Math.log(fit.ec50 / 5))).toBeLessThan(0.15);
    expect(fit.rmse).toBeGreaterThan(0.015);
    expect(fit.rmse).toBeLessThan(0.021);
    expect(fit.r2).toBeGreaterThan(0.98);
  });

  it('handles a steep, almost step-like curve without diverging', () => {
    const truth = { ec50: 0.3, slope: 12, top: 1, bottom: 0 };
    const x = logspace(0.01, 10, 16);
    const fit = fitHill(x, x.map((xi) => hillValue(truth, xi)));
    expect(fit.rmse).toBeLessThan(1e-3);
    expect(Math.abs(Math.log(fit.ec50 / 0.3))).toBeLessThan(0.2);
  });

  it('reports a flat response as not fittable instead of inventing an EC50', () => {
    const fit = fitHill([0.1, 1, 10, 100], [0.99, 0.99, 0.99, 0.99]);
    expect(fit.ok).toBe(false);
    expect(fit.ec50).toBeNaN();
    expect(fit.message).toMatch(/does not change/);
  });

  it('flags an EC50 beyond the sampled range', () => {
    const truth = { ec50: 1e4, slope: 1, top: 1, bottom: 0 };
    const x = logspace(0.01, 1, 10);
    const fit = fitHill(x, x.map((xi) => hillValue(truth, xi)));
    // Only the very top of the curve was sampled: whatever it reports, it must not claim success
    // with an EC50 inside the data.
    if (fit.ok) expect(fit.ec50).toBeGreaterThan(1);
  });

  it('rejects bad arguments with the argument named', () => {
    expect(() => fitHill([1, 2, 3], [1, 2, 3])).toThrow(/at least 4 points/);
    expect(() => fitHill([1, -2, 3, 4], [1, 2, 3, 4])).toThrow(/x\[1\].*≥ 0/);
    expect(() => fitHill([1, 2, 3, 4], [1, NaN, 3, 4])).toThrow(/y\[1\]/);
    expect(() => fitHill([0, 0, 0, 1], [1, 1, 1, 0])).toThrow(/two distinct positive doses/);
  });
});

describe('blissExcess', () => {
  it('is zero everywhere when the two agents act independently (Bliss model)', () => {
    const xs = [0, 1, 2, 4];
    const ys = [0, 0.5, 1];
    const fa = (x: number) => 1 / (1 + x);
    const fb = (y: number) => 1 / (1 + 2 * y);
    const r: number[] = [];
    for (const x of xs) for (const y of ys) r.push(0.9 * fa(x) * fb(y));
    const ex = blissExcess(xs, ys, r);
    for (const v of ex) expect(Math.abs(v)).toBeLessThan(1e-12);
  });

  it('is positive for synergy and negative for antagonism', () => {
    const xs = [0, 1];
    const ys = [0, 1];
    // singles: 0.5 each, independence predicts 0.25 viability
    expect(blissExcess(xs, ys, [1, 0.5, 0.5, 0.1])[3]).toBeCloseTo(0.15, 12);
    expect(blissExcess(xs, ys, [1, 0.5, 0.5, 0.4])[3]).toBeCloseTo(-0.15, 12);
  });

  it('requires zero-dose edges', () => {
    expect(() => blissExcess([1, 2], [0, 1], [1, 1, 1, 1])).toThrow(/start at dose 0/);
  });
});

describe('fitHill on step-like data', () => {
  it('converges with the slope at its bound and brackets the EC50 between the jump doses', () => {
    const x = logspace(0.01, 100, 25);
    const y = x.map((xi) => (xi < 0.8 ? 1 : 1e-12));
    const fit = fitHill(x, y);
    expect(fit.ok).toBe(true);
    expect(fit.message).toMatch(/step-like/);
    const below = Math.max(...x.filter((xi) => xi < 0.8));
    const above = Math.min(...x.filter((xi) => xi >= 0.8));
    expect(fit.ec50).toBeGreaterThan(below);
    expect(fit.ec50).toBeLessThan(above);
  });
});

describe('fitHill on model-like step data', () => {
  it('converges when the dead side decays slowly with dose (no zig-zag to the iteration limit)', () => {
    const x = logspace(0.001, 10, 25);
    const y = x.map((v) => (v < 0.04 ? 1 : 3e-10 / v));
    const fit = fitHill(x, y);
    expect(fit.ok).toBe(true);
    expect(fit.ec50).toBeGreaterThan(0.0316);
    expect(fit.ec50).toBeLessThan(0.0465);
  });
});

describe('fitHill confidence intervals and caveats', () => {
  // A seeded generator (mulberry32) and Box–Muller normals: the same noise on every machine.
  function normals(seed: number): () => number {
    let a = seed >>> 0;
    const u = () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
    };
    return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  }

  it('cover the true EC50 and slope about 95% of the time under Gaussian noise (300 noisy data sets)', () => {
    const truth = { ec50: 1.5, slope: 2, top: 1, bottom: 0.02 };
    const x = logspace(0.05, 50, 13);
    const z = normals(11);
    let inEc50 = 0;
    let inSlope = 0;
    const trials = 300;
    for (let k = 0; k < trials; k++) {
      const fit = fitHill(x, x.map((xi) => hillValue(truth, xi) + 0.03 * z()));
      if (fit.ec50CI[0] <= truth.ec50 && truth.ec50 <= fit.ec50CI[1]) inEc50++;
      if (fit.slopeCI[0] <= truth.slope && truth.slope <= fit.slopeCI[1]) inSlope++;
    }
    expect(inEc50 / trials).toBeGreaterThan(0.88);
    expect(inEc50 / trials).toBeLessThan(0.99);
    expect(inSlope / trials).toBeGreaterThan(0.88);
    expect(inSlope / trials).toBeLessThan(0.99);
  });

  it('say nothing more when a well-sampled, noisy curve pins both', () => {
    const z = normals(5);
    const x = logspace(0.05, 50, 25);
    const fit = fitHill(x, x.map((xi) => hillValue({ ec50: 1.5, slope: 2, top: 1, bottom: 0 }, xi) + 0.02 * z()));
    expect(fit.caveat).toBe('');
    expect(hillSummary(fit, 'µM')).toMatch(/^95% CI: EC50 1\.\d+–1\.\d+ µM, slope \d/);
  });

  it('say the data cannot pin the slope of a switch, even at R² = 1 (one average cell)', () => {
    const x = logspace(0.01, 100, 25);
    const y = x.map((xi) => (xi < 1.7 ? 1 : 1e-12));
    const fit = fitHill(x, y);
    expect(fit.r2).toBeGreaterThan(0.999);
    expect(fit.caveat).toMatch(/^the data cannot pin the slope/);
    expect(hillSummary(fit, 'µM')).toContain(fit.caveat);
  });

  it('say the data cannot pin the EC50 when it sits at the edge of the sampled doses', () => {
    const x = logspace(0.1, 10, 9);
    const z = normals(3);
    const fit = fitHill(x, x.map((xi) => hillValue({ ec50: 9, slope: 1.2, top: 1, bottom: 0 }, xi) + 0.03 * z()));
    expect(fit.caveat).toContain('the EC50');
  });
});
