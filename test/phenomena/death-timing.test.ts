/**
 * Phenomenon 3 (model-notes B row 2, C rows 9 and 12): GPX4 inhibitors kill faster than xc⁻
 * inhibitors, and lipid ROS rises hours before death (Kim 2016: C11-BODIPY 3–4 h before death).
 */
import { describe, expect, it } from 'vitest';
import { cell, crossingTime, run } from './support/sim.ts';

const wt = cell();

describe('death timing (notes B2, C9, C12)', () => {
  it('RSL3 1 µM brings viability below 0.5 between 2 and 8 h (C12)', () => {
    const t50 = crossingTime(run(wt, [{ duration: 24, inputs: { RSL3: 1 } }], 0.05), 'viability', 0.5, 'down');
    expect(t50).toBeGreaterThan(2);
    expect(t50).toBeLessThan(8);
  });

  it('erastin 10 µM brings viability below 0.5 between 8 and 24 h (C12)', () => {
    const t50 = crossingTime(run(wt, [{ duration: 30, inputs: { erastin: 10 } }], 0.05), 'viability', 0.5, 'down');
    expect(t50).toBeGreaterThan(8);
    expect(t50).toBeLessThan(24);
  });

  it('lipid ROS reaches 3× basal at least 2 h before viability falls below 0.9, for erastin and RSL3 (C9)', () => {
    for (const inputs of [{ erastin: 10 }, { RSL3: 1 }] as Record<string, number>[]) {
      const tr = run(wt, [{ duration: 30, inputs }], 0.05);
      const plooh = tr.get('PLOOH').map((p) => p / wt.model.p0[wt.model.parameterIds.indexOf('PLOOH_ss')]);
      const tRos = tr.t[plooh.findIndex((r) => r >= 3)];
      const t90 = crossingTime(tr, 'viability', 0.9, 'down');
      expect(t90 - tRos, JSON.stringify(inputs)).toBeGreaterThanOrEqual(2);
    }
  });
});
