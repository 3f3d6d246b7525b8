/**
 * Model-notes B row 4 and C row 3: BSO depletes GSH slowly (exponentially, over hours to a day) and
 * mostly sensitises; lymphoid cells stay about 85% viable at 4% of control GSH (Dethmers & Meister
 * 1981). Not one of issue 4's numbered items; kept because the notes list it as a phenomenon.
 */
import { describe, expect, it } from 'vitest';
import { cell, doseResponse, ec50, run } from './support/sim.ts';

const wt = cell();

describe('BSO (notes B4, C3)', () => {
  it('BSO 100 µM lowers GSH gradually (above 0.1 at 2 h, below 0.1 of control by 24 h) without killing by 72 h (viability > 0.85)', () => {
    const tr = run(wt, [{ duration: 72, inputs: { BSO: 100 } }], 1);
    const gsh = (t: number) => tr.at('GSH', t) / wt.y0[wt.index('GSH')];
    expect(gsh(2)).toBeGreaterThan(0.1);
    expect(gsh(24)).toBeLessThan(0.1);
    expect(tr.final('viability')).toBeGreaterThan(0.85);
  });

  it('24 h of BSO 100 µM sensitises to erastin (EC50 lower by at least 1.3×)', () => {
    const base = ec50(doseResponse(wt, 'erastin', { range: [0.01, 100], pretreatment: { duration: 24, inputs: {} } }));
    const bso = ec50(doseResponse(wt, 'erastin', { range: [0.01, 100], pretreatment: { duration: 24, inputs: { BSO: 100 } } }));
    expect(base / bso).toBeGreaterThanOrEqual(1.3);
  });
});
