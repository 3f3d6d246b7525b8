import { describe, expect, it } from 'vitest';
import { compareCsv, summariseChanges } from '../../src/scenario/golden.ts';

const golden = `# stamp
time [h],GSH [µM],viability [1]
0,5000,1
24,4000,0.9
48,100,0.000001
`;

describe('golden comparison', () => {
  it('passes within atol + rtol·|golden| and fails just outside, naming the row', () => {
    const tol = { rtol: 1e-4, atol: 1e-8 };
    const inside = golden.replace('24,4000,0.9', '24,4000.39,0.9');
    expect(compareCsv('s', golden, inside, tol).diffs).toEqual([]);
    const outside = golden.replace('24,4000,0.9', '24,4000.41,0.9');
    const cmp = compareCsv('s', golden, outside, tol);
    expect(cmp.diffs).toEqual([{ scenario: 's', output: 'GSH [µM]', at: 't = 24 h', golden: 4000, fresh: 4000.41, allowed: 1e-8 + 0.4 }]);
    expect(cmp.compared).toBe(9);
  });

  it('uses the absolute tolerance near zero', () => {
    const tol = { rtol: 1e-4, atol: 1e-8 };
    expect(compareCsv('s', golden, golden.replace('0.000001', '0.000001009'), tol).diffs).toHaveLength(0);
    expect(compareCsv('s', golden, golden.replace('0.000001', '0.00000103'), tol).diffs).toHaveLength(1);
  });

  it('reports shape changes: a lost column, a different number of times', () => {
    const fewer = '# x\ntime [h],GSH [µM]\n0,5000\n24,4000\n';
    const cmp = compareCsv('s', golden, fewer, { rtol: 0, atol: 0 });
    expect(cmp.problems).toEqual([
      "column 'viability [1]' is in the golden file but not in the new output",
      'the golden file has 3 rows, the new output 2',
    ]);
  });

  it('names sweep rows by point and grid values, and compares the status column exactly', () => {
    const g = '# x\npoint,erastin [µM],viability at 24 h [1],status\n0,0.1,0.99,success\n1,10,0.05,success\n';
    const n = g.replace('1,10,0.05,success', '1,10,NaN,max-steps');
    const cmp = compareCsv('sw', g, n, { rtol: 1e-4, atol: 1e-8 });
    expect(cmp.diffs.map((d) => [d.output, d.at, d.golden, d.fresh])).toEqual([
      ['viability at 24 h [1]', 'point 1 (erastin = 10)', 0.05, NaN],
      ['status', 'point 1 (erastin = 10)', 'success', 'max-steps'],
    ]);
  });

  it('summarises what a rewrite changes per column', () => {
    const changed = golden.replace('24,4000,0.9', '24,4004,0.9');
    expect(summariseChanges(golden, changed).columns).toEqual([
      { output: 'GSH [µM]', changed: 1, total: 3, maxAbs: 4, maxRel: 0.001 },
    ]);
    expect(summariseChanges(golden, golden).columns).toEqual([]);
  });
});
