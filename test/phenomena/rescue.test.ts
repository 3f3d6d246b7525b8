/**
 * Phenomenon 5 (model-notes B row 3, D): radical-trapping antioxidants and iron chelation rescue
 * erastin and RSL3 death (Dixon 2012, Friedmann Angeli 2014; H1299 DFO rescue [V]).
 */
import { describe, expect, it } from 'vitest';
import { cell, finalValue } from './support/sim.ts';

const wt = cell();

describe('rescue (notes B3)', () => {
  it('without rescue, erastin 10 µM and RSL3 1 µM kill (viability at 24 h below 0.1)', () => {
    expect(finalValue(wt, [{ duration: 24, inputs: { erastin: 10 } }])).toBeLessThan(0.1);
    expect(finalValue(wt, [{ duration: 24, inputs: { RSL3: 1 } }])).toBeLessThan(0.1);
  });

  for (const rescuer of ['fer1', 'lip1']) {
    it(`${rescuer} 1 µM keeps viability above 0.8 at 24 h with erastin 10 µM and with RSL3 1 µM (B3)`, () => {
      expect(finalValue(wt, [{ duration: 24, inputs: { erastin: 10, [rescuer]: 1 } }])).toBeGreaterThan(0.8);
      expect(finalValue(wt, [{ duration: 24, inputs: { RSL3: 1, [rescuer]: 1 } }])).toBeGreaterThan(0.8);
    });
  }

  it('DFO 100 µM given 6 h before erastin 10 µM keeps viability above 0.8 24 h after erastin (B3, D)', () => {
    const v = finalValue(wt, [
      { duration: 6, inputs: { DFO: 100 } },
      { duration: 24, inputs: { DFO: 100, erastin: 10 } },
    ]);
    expect(v).toBeGreaterThan(0.8);
  });
});
