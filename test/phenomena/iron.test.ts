/**
 * Phenomenon 6 (model-notes B rows 5 and 6): iron loading sensitises and chelation protects; NCOA4
 * ferritinophagy is needed for the erastin-induced LIP rise (Gao 2016).
 */
import { describe, expect, it } from 'vitest';
import { cell, doseResponse, ec50, run } from './support/sim.ts';

const wt = cell();
const erastinEc50 = (opts: Parameters<typeof doseResponse>[2]) => ec50(doseResponse(wt, 'erastin', opts));

describe('iron (notes B5, B6)', () => {
  const base = erastinEc50({ range: [0.01, 100] });

  it('FAC 300 µM lowers the 24-h erastin EC50 at least 1.5× (B5)', () => {
    const fac = erastinEc50({ range: [0.01, 100], with: { FAC: 300 } });
    expect(base / fac).toBeGreaterThanOrEqual(1.5);
  });

  it('DFO 100 µM (6 h pre-incubation) raises the 24-h erastin EC50 (B5)', () => {
    const dr = doseResponse(wt, 'erastin', { range: [0.01, 100], pretreatment: { duration: 6, inputs: { DFO: 100 } } });
    // With DFO the cells may survive even 100 µM erastin: then the EC50 is beyond the range.
    const last = dr.viability[dr.viability.length - 1];
    if (last > 0.5) expect(dr.doses[dr.doses.length - 1]).toBeGreaterThan(base);
    else expect(ec50(dr) / base).toBeGreaterThan(1.5);
  });

  it('NCOA4 knockdown (0.2) halves (at least) the erastin-induced LIP rise over 12 h (B6)', () => {
    const rise = (parameters: Record<string, number>) => {
      const c = cell(parameters);
      const lip = run(c, [{ duration: 12, inputs: { erastin: 10 } }], 0.25).get('LIP');
      return Math.max(...lip) / lip[0] - 1;
    };
    const control = rise({});
    const knockdown = rise({ NCOA4_expression: 0.2 });
    expect(control).toBeGreaterThan(0.1);
    expect(knockdown).toBeLessThanOrEqual(0.5 * control);
  });
});
