/**
 * Phenomena 1 and 2 (model-notes B row 1, C row 1): erastin depletes GSH dose-dependently; GPX4
 * inhibitors do not. The HT-1080 5-h GSH data of Yang 2014 are matched with the default parameters.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cell, run } from './support/sim.ts';

const wt = cell();
const gshFraction5h = (inputs: Record<string, number>) => run(wt, [{ duration: 5, inputs }], 0.5).final('GSH') / wt.y0[wt.index('GSH')];

describe('GSH depletion (notes B1, C1)', () => {
  it('erastin 10 µM brings GSH below 0.3 of control at 5 h; RSL3 1 µM and ML210 1 µM leave it above 0.8 (B1)', () => {
    const erastin = gshFraction5h({ erastin: 10 });
    const rsl3 = gshFraction5h({ RSL3: 1 });
    const ml210 = gshFraction5h({ ML210: 1 });
    expect(erastin).toBeLessThan(0.3);
    expect(rsl3).toBeGreaterThan(0.8);
    expect(ml210).toBeGreaterThan(0.8);
  });

  it('GSH at 5 h falls monotonically with the erastin dose (B1)', () => {
    const doses = [0.03, 0.1, 0.3, 1, 3, 10];
    const g = doses.map((e) => gshFraction5h({ erastin: e }));
    for (let k = 1; k < g.length; k++) expect(g[k]).toBeLessThan(g[k - 1]);
  });

  it('reproduces every HT-1080 point of test/reference/gsh-erastin-5h.csv within max(2 s.e., 0.05) (C1, Yang 2014 via SysBioCollab)', () => {
    const rows = readFileSync(new URL('../reference/gsh-erastin-5h.csv', import.meta.url), 'utf8')
      .trim().split('\n').slice(1).map((l) => l.split(','))
      .filter((r) => r[0] === 'HT-1080');
    expect(rows.length).toBe(5);
    for (const [, dose, time, gsh, se] of rows) {
      const model = Number(dose) === 0 ? 1 : run(wt, [{ duration: Number(time), inputs: { erastin: Number(dose) } }], 0.5).final('GSH') / wt.y0[wt.index('GSH')];
      expect(Math.abs(model - Number(gsh)), `erastin ${dose} µM: model ${model.toFixed(3)} vs data ${gsh} ± ${se}`)
        .toBeLessThanOrEqual(Math.max(2 * Number(se), 0.05));
    }
  });
});
