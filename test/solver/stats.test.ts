import { describe, expect, it } from 'vitest';
import { formatStats, solve } from '../../src/solver/index.ts';
import { roberProblem } from '../../bench/problems/index.ts';

describe('formatStats', () => {
  const sol = solve(roberProblem(1e4), { rtol: 1e-6, atol: 1e-10, saveAt: [1e4] });

  it('prints a fixed-width table with every statistic, its short name and the ratios per step', () => {
    const table = formatStats(sol.stats);
    const lines = table.split('\n');
    expect(lines.length).toBe(11);
    expect(new Set(lines.map((l) => l.indexOf('('))).size).toBe(1); // aligned columns
    expect(table).toMatch(new RegExp(`steps attempted\\s+${sol.stats.steps}\\s+\\(nsteps\\)`));
    expect(table).toMatch(new RegExp(`LU factorisations\\s+${sol.stats.factorizations}\\s+\\(nlu\\)`));
    expect(table).toContain('(nreject_per_step)');
  });

  it('prints CSV with a header and one row of the same numbers', () => {
    const [header, row] = formatStats(sol.stats, 'csv').trim().split('\n');
    const cols = header.split(',');
    const values = row.split(',');
    expect(cols[0]).toBe('nsteps');
    expect(Number(values[cols.indexOf('nf')])).toBe(sol.stats.rhsEvals);
    expect(Number(values[cols.indexOf('nlu_per_step')])).toBeCloseTo(sol.stats.factorizations / sol.stats.steps, 3);
  });
});
