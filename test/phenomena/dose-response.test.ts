/**
 * Phenomena 4 and 11 (model-notes A.3, B rows 2 and 17, D): 24-h EC50s from a dose sweep with a Hill
 * fit, and the threshold character of ferroptosis (a switch, not a ramp).
 */
import { describe, expect, it } from 'vitest';
import { cell, doseResponse, ec50, hillSlope } from './support/sim.ts';

const wt = cell();

describe('dose responses (notes A.3, D, B17)', () => {
  it('erastin 24-h EC50 is between 0.5 and 3 µM with a Hill slope above 2 (D: HT-1080 1–2 µM [R])', () => {
    const dr = doseResponse(wt, 'erastin', { range: [0.01, 100] });
    expect(ec50(dr)).toBeGreaterThan(0.5);
    expect(ec50(dr)).toBeLessThan(3);
    expect(hillSlope(dr)).toBeGreaterThan(2);
  });

  it('RSL3 24-h EC50 is between 5 and 100 nM with a Hill slope above 2 (D: tens of nM [R])', () => {
    const dr = doseResponse(wt, 'RSL3', { range: [1e-4, 10] });
    expect(ec50(dr)).toBeGreaterThan(0.005);
    expect(ec50(dr)).toBeLessThan(0.1);
    expect(hillSlope(dr)).toBeGreaterThan(2);
  });

  it('around the erastin EC50 the 48-h viability is a switch: Hill slope above 4 (B17, Co 2024)', () => {
    const dr = doseResponse(wt, 'erastin', { range: [0.01, 100], readout: 48 });
    expect(hillSlope(dr)).toBeGreaterThan(4);
  });
});
