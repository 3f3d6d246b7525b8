/**
 * Phenomena 9 and 10 (model-notes B rows 14, 15, 21, 22): GPX4-independent defences (FSP1, GCH1/BH4),
 * NRF2 set-points, and erastin-driven GPX4 loss.
 */
import { describe, expect, it } from 'vitest';
import { blissExcess } from '../../src/scenario/bliss.ts';
import { cell, doseResponse, ec50, finalValue, run } from './support/sim.ts';

const wt = cell();
const rsl3 = (c = wt) => ec50(doseResponse(c, 'RSL3', { range: [1e-4, 10] }));
const erastin = (c = wt) => ec50(doseResponse(c, 'erastin', { range: [0.01, 100] }));

describe('FSP1 and GCH1 (notes B14, B15)', () => {
  const base = rsl3();
  it('FSP1 overexpression (3×) raises the RSL3 EC50 at least 2× (B14, Doll/Bersuker 2019)', () => {
    expect(rsl3(cell({ FSP1_expression: 3 })) / base).toBeGreaterThanOrEqual(2);
  });

  it('iFSP1 plus RSL3 is synergistic: Bliss excess above 0.1 at some dose pair (B14)', () => {
    const ifsp1 = [0, 0.3, 1, 3, 10];
    const rsl = [0, 0.005, 0.01, 0.02, 0.03, 0.05];
    const v = ifsp1.flatMap((i) => rsl.map((r) => finalValue(wt, [{ duration: 24, inputs: { iFSP1: i, RSL3: r } }])));
    const excess = blissExcess(ifsp1, rsl, v);
    expect(Math.max(...excess)).toBeGreaterThan(0.1);
    // iFSP1 alone is not lethal (Doll 2019): synergy, not a killer on its own.
    for (let i = 0; i < ifsp1.length; i++) expect(v[i * rsl.length]).toBeGreaterThan(0.9);
  });

  it('GCH1 overexpression (3×) protects against RSL3 (EC50 up at least 1.3×) (B15, Kraft 2020)', () => {
    expect(rsl3(cell({ GCH1_expression: 3 })) / base).toBeGreaterThanOrEqual(1.3);
  });
});

describe('NRF2 and GPX4 (notes B21, B22)', () => {
  const base = erastin();
  it('NRF2 at 3× raises the erastin EC50 at least 1.3×; NRF2 at 0.3× lowers it at least 1.3× (B21)', () => {
    expect(erastin(cell({ NRF2_expression: 3 })) / base).toBeGreaterThanOrEqual(1.3);
    expect(base / erastin(cell({ NRF2_expression: 0.3 }))).toBeGreaterThanOrEqual(1.3);
  });

  it('erastin lowers GPX4 protein over 24 h (below 0.7 of control at 1 and at 10 µM) (B22, Wu 2019)', () => {
    for (const dose of [1, 10]) {
      const g = run(wt, [{ duration: 24, inputs: { erastin: dose } }], 1).final('GPX4');
      expect(g / wt.y0[wt.index('GPX4')], `erastin ${dose} µM`).toBeLessThan(0.7);
    }
  });
});
