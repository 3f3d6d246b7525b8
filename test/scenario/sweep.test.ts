import { describe, expect, it } from 'vitest';
import { applySweepPoint, shardRange, sweepGrid, sweepPointAt, sweepSize, seriesStat, type PointResult } from '../../src/scenario/sweep.ts';
import { mergeSweepCsv, sweepToCsv } from '../../src/scenario/sweep-csv.ts';
import { parseScenarioWith } from '../../src/scenario/parse.ts';
import type { ModelCatalog } from '../../src/scenario/types.ts';

const catalog: ModelCatalog = {
  name: 'm', speciesIds: ['GSH', 'viability'], parameterIds: ['FSP1_expression'], inputIds: ['erastin', 'RSL3', 'IFNG'], observableIds: [],
};
const parse = (text: string) => {
  const r = parseScenarioWith(text, 's.yaml', { resolveModel: () => catalog, modelNames: ['m'] });
  if (!r.scenario) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.scenario;
};
const head = 'name: s\ndescription: d\nmodel: m\ntime: { end: 72, points: 3 }\n';

describe('sweep grids', () => {
  const s = parse(`${head}inputs:\n  RSL3: [{ at: 48, value: 1 }, { at: 60, value: 0 }]\n  IFNG: 5\nsweep:\n  IFNG: [0, 1, 10]\n  RSL3: { from: 0.01, to: 1, points: 3, scale: log }\n  readout: { output: viability, at: 72 }\n`);

  it('orders points with the first axis outermost', () => {
    expect(sweepSize(s)).toBe(9);
    const grid = sweepGrid(s);
    expect(grid.map((p) => p.values[0])).toEqual([0, 0, 0, 1, 1, 1, 10, 10, 10]);
    expect(grid[5]).toEqual({ index: 5, values: [1, 1] });
    expect(sweepPointAt(s, 7).values[1]).toBeCloseTo(0.1, 14);
  });

  it('keeps the timing of a scheduled input: the swept value replaces every non-zero value', () => {
    const p = applySweepPoint(s, sweepPointAt(s, 4));
    expect(p.inputs.RSL3).toEqual([{ at: 48, value: sweepPointAt(s, 4).values[1] }, { at: 60, value: 0 }]);
    // A constant input is replaced by the swept constant.
    expect(p.inputs.IFNG).toEqual([{ at: 0, value: 1 }]);
  });

  it('sweeps parameters by overriding them', () => {
    const q = parse(`${head}sweep:\n  FSP1_expression: [1, 3]\n  readout: { output: viability, stat: final }\n`);
    expect(q.sweep!.axes[0].kind).toBe('parameter');
    expect(applySweepPoint(q, sweepPointAt(q, 1)).parameters).toEqual({ FSP1_expression: 3 });
  });

  it('splits the grid into contiguous shards that cover it exactly once', () => {
    for (const [total, of] of [[10, 3], [7, 7], [3, 5], [10000, 8]]) {
      const seen: number[] = [];
      for (let i = 1; i <= of; i++) {
        const [lo, hi] = shardRange(total, i, of);
        for (let k = lo; k < hi; k++) seen.push(k);
      }
      expect(seen).toEqual(Array.from({ length: total }, (_, k) => k));
    }
    expect(() => shardRange(10, 4, 3)).toThrow(/shard must be in 1\.\.3/);
  });

  it('computes readout statistics (AUC by the trapezoid rule)', () => {
    const t = [0, 1, 3];
    const v = [1, 3, 2];
    expect(seriesStat(t, v, 'final')).toBe(2);
    expect(seriesStat(t, v, 'min')).toBe(1);
    expect(seriesStat(t, v, 'max')).toBe(3);
    expect(seriesStat(t, v, 'auc')).toBe(2 + 5);
  });
});

describe('sweep CSV, shards and merge', () => {
  const s = parse(`${head}sweep:\n  erastin: { from: 0.1, to: 10, points: 7, scale: log }\n  IFNG: [0, 10]\n  readout: { output: viability, at: 48 }\n`);
  const units = { axes: ['µM', 'ng/mL'], readout: '1' };
  const results: PointResult[] = sweepGrid(s).map((p) => ({ index: p.index, value: 1 / (1 + p.values[0] * (1 + p.values[1])), status: 'success', message: '', steps: 10 }));

  it('merging shard files in any order reproduces the full file byte for byte', () => {
    const full = sweepToCsv(s, units, results);
    const shards = [1, 2, 3].map((i) => {
      const [lo, hi] = shardRange(results.length, i, 3);
      return { name: `part-${i}.csv`, text: sweepToCsv(s, units, results.slice(lo, hi), undefined, { shard: i, of: 3 }) };
    });
    expect(shards[0].text).toContain('# shard 1/3');
    expect(mergeSweepCsv([shards[2], shards[0], shards[1]])).toBe(full);
  });

  it('refuses a missing shard, a duplicated shard, and shards of different scenarios', () => {
    const part = (i: number, of: number, rs = results) => {
      const [lo, hi] = shardRange(rs.length, i, of);
      return { name: `p${i}.csv`, text: sweepToCsv(s, units, rs.slice(lo, hi), undefined, { shard: i, of }) };
    };
    expect(() => mergeSweepCsv([part(1, 2)])).toThrow(/7 of 14 points are missing \(first: 7, 8, 9/);
    expect(() => mergeSweepCsv([part(1, 2), part(1, 2)])).toThrow(/point 0 appears in both p1\.csv and p1\.csv/);
    const s24 = parse(`${head}sweep:\n  erastin: { from: 0.1, to: 10, points: 7, scale: log }\n  IFNG: [0, 10]\n  readout: { output: viability, at: 24 }\n`);
    const [lo, hi] = shardRange(results.length, 2, 2);
    const other = { name: 'x.csv', text: sweepToCsv(s24, units, results.slice(lo, hi), undefined, { shard: 2, of: 2 }) };
    expect(() => mergeSweepCsv([part(1, 2), other])).toThrow(/x\.csv comes from a different scenario/);
  });
});
