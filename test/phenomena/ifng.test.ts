/**
 * Phenomenon 7 (model-notes B rows 7 and 8, E.1): IFN-γ lowers the erastin threshold through
 * STAT1 repression of SLC7A11 (Wang 2019, Kong 2021; JAK/STAT required), and IFN-γ plus arachidonic
 * acid kills through ACSL4 (Liao 2022).
 */
import { describe, expect, it } from 'vitest';
import { cell, doseResponse, ec50, finalValue, run } from './support/sim.ts';

const wt = cell();
const erastinEc50AfterPriming = (inputs: Record<string, number>) =>
  ec50(doseResponse(wt, 'erastin', { range: [0.01, 100], pretreatment: { duration: 24, inputs } }));

describe('IFN-γ (notes B7, B8)', () => {
  it('IFN-γ 10 ng/mL for 24 h before erastin lowers the erastin EC50 at least 1.5×, with xCT repressed (B7)', () => {
    const base = erastinEc50AfterPriming({});
    const ifng = erastinEc50AfterPriming({ IFNG: 10 });
    expect(base / ifng).toBeGreaterThanOrEqual(1.5);
    const xct = run(wt, [{ duration: 24, inputs: { IFNG: 10 } }], 1).final('xCT');
    expect(xct).toBeLessThan(0.5 * wt.y0[wt.index('xCT')]); // Wang 2019: SLC7A11/SLC3A2 down 50–70%
  });

  it('ruxolitinib 1 µM removes the IFN-γ shift (EC50 ratio below 1.2) (B7: JAK/STAT required)', () => {
    const rux = erastinEc50AfterPriming({ ruxolitinib: 1 });
    const ruxIfng = erastinEc50AfterPriming({ ruxolitinib: 1, IFNG: 10 });
    expect(rux / ruxIfng).toBeLessThan(1.2);
  });

  it('IFN-γ 10 ng/mL plus AA 10 µM kills without any drug within 72 h; each alone does not (B8)', () => {
    expect(finalValue(wt, [{ duration: 72, inputs: { IFNG: 10, AA: 10 } }])).toBeLessThan(0.5);
    expect(finalValue(wt, [{ duration: 72, inputs: { IFNG: 10 } }])).toBeGreaterThan(0.9);
    expect(finalValue(wt, [{ duration: 72, inputs: { AA: 10 } }])).toBeGreaterThan(0.9);
  });

  it('ACSL4 knockout prevents IFN-γ + AA death (viability at 72 h above 0.9) (B8)', () => {
    const ko = cell({ ACSL4_expression: 0 });
    expect(finalValue(ko, [{ duration: 72, inputs: { IFNG: 10, AA: 10 } }])).toBeGreaterThan(0.9);
  });
});
