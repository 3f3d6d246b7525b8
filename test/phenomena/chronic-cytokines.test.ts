/**
 * Phenomenon 8 (model-notes B rows 9, 10, 12 and 20, E.1): chronic IL-6 or TNF makes cells resist
 * ferroptosis (the seed review's thesis; Li 2022, Wu 2022), while acute IL-6 raises hepcidin, lowers
 * ferroportin and raises the labile iron pool (Nemeth 2004, Kemna 2005).
 */
import { describe, expect, it } from 'vitest';
import { cell, doseResponse, ec50, run } from './support/sim.ts';

const wt = cell();
const shift = (drug: string, range: [number, number], cytokine: string) => {
  const base = ec50(doseResponse(wt, drug, { range, pretreatment: { duration: 72, inputs: {} } }));
  const primed = ec50(doseResponse(wt, drug, { range, pretreatment: { duration: 72, inputs: { [cytokine]: 10 } } }));
  return primed / base;
};

describe('chronic cytokines (notes B9, B10, B20)', () => {
  for (const cytokine of ['IL6', 'TNF']) {
    it(`72 h of ${cytokine} 10 ng/mL raises the erastin and RSL3 EC50s at least 1.3× (B20)`, () => {
      expect(shift('erastin', [0.01, 100], cytokine)).toBeGreaterThanOrEqual(1.3);
      expect(shift('RSL3', [1e-4, 10], cytokine)).toBeGreaterThanOrEqual(1.3);
    });
  }
});

describe('acute IL-6 and iron (notes B12, C13)', () => {
  it('IL-6 10 ng/mL raises HAMP at least 3× within 6 h, lowers FPN by at least 20% and raises LIP by at least 5%', () => {
    const tr = run(wt, [{ duration: 6, inputs: { IL6: 10 } }], 0.5);
    const fold = (id: string) => tr.final(id) / wt.y0[wt.index(id)];
    expect(fold('HAMP')).toBeGreaterThanOrEqual(3);
    expect(fold('FPN')).toBeLessThanOrEqual(0.8);
    expect(fold('LIP')).toBeGreaterThanOrEqual(1.05);
  });

  it('tocilizumab 100 µg/mL blocks the hepcidin rise (HAMP below 1.5× at 6 h)', () => {
    const tr = run(wt, [{ duration: 6, inputs: { IL6: 10, tocilizumab: 100 } }], 0.5);
    expect(tr.final('HAMP') / wt.y0[wt.index('HAMP')]).toBeLessThan(1.5);
  });
});
