import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSbmlSuite } from '../../src/sbml/index.ts';
import { compareResults, parseResults, parseSettings, pointPasses } from '../../src/sbml/suite-files.ts';
import { requireExternal } from '../support/suites.ts';

describe('settings and results files', () => {
  it('parses a settings file with empty lists', () => {
    const s = parseSettings('start: 0\nduration: 5.0\nsteps: 50\nvariables: S1, S2\nabsolute: 1.000000e-006\nrelative: 0.0001\namount: S1, S2\nconcentration: \n', 'x-settings.txt');
    expect(s).toMatchObject({ start: 0, duration: 5, steps: 50, variables: ['S1', 'S2'], absolute: 1e-6, relative: 1e-4 });
    expect([...s.amount]).toEqual(['S1', 'S2']);
    expect(s.concentration.size).toBe(0);
  });

  it('names the file and field of a bad setting', () => {
    expect(() => parseSettings('start: 0\nduration: x\nsteps: 5\nabsolute: 1\nrelative: 1', '00042-settings.txt')).toThrow("00042-settings.txt: 'duration' must be a number, got 'x'");
  });

  it('reads NaN, INF and -INF in results', () => {
    const r = parseResults('time, P, Q, R\n0,INF,-INF, NaN\n0.1,inf,-inf,nan\n', 'r.csv');
    expect(r.columns).toEqual(['P', 'Q', 'R']);
    expect(r.rows[1]).toEqual([Infinity, -Infinity, NaN]);
  });

  it('applies |C − U| ≤ Ta + Tr·|C| and the suite rules for non-finite values', () => {
    expect(pointPasses(100, 100.011, 1e-3, 1e-4)).toBe(true); // 0.011 ≤ 0.001 + 0.01
    expect(pointPasses(100, 100.0111, 1e-3, 1e-4)).toBe(false);
    expect(pointPasses(NaN, NaN, 1, 1)).toBe(true);
    expect(pointPasses(NaN, 0, 1, 1)).toBe(false);
    expect(pointPasses(Infinity, Infinity, 1, 1)).toBe(true);
    expect(pointPasses(Infinity, -Infinity, 1, 1)).toBe(false);
    expect(pointPasses(1, NaN, 1, 1)).toBe(false);
  });

  it('reports the worst point with its ratio to the tolerance', () => {
    const expected = parseResults('time,A,B\n0,1,2\n1,3,4\n', 'r.csv');
    const c = compareResults(expected, [[1, 2], [3.5, 4]], 0, 0.1);
    expect(c.pass).toBe(false);
    expect(c.failedPoints).toBe(1);
    expect(c.worst).toMatchObject({ time: 1, column: 'A', expected: 3, actual: 3.5 });
    expect(c.worst!.ratio).toBeCloseTo(0.5 / 0.3, 12);
  });
});

const casesDir = requireExternal('sbmlTestSuite');

describe.skipIf(!casesDir)('the runner detects wrong results', () => {
  it('fails a case whose expected values are moved by twice the tolerance, naming the point', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sbml-suite-'));
    try {
      cpSync(join(casesDir!, '00002'), join(dir, '00002'), { recursive: true });
      const file = join(dir, '00002', '00002-results.csv');
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      const cells = lines[11].split(',');
      const v = Number(cells[1]);
      cells[1] = String(v + 2 * (1e-6 + 1e-4 * Math.abs(v)));
      lines[11] = cells.join(',');
      writeFileSync(file, `${lines.join('\n')}\n`);
      const r = await runSbmlSuite(dir);
      expect(r.failed).toBe(1);
      expect(r.results[0].line).toMatch(/^00002 FAIL 1 point\(s\) out of tolerance; worst S1 at t = 1: expected .* \(2\.00× the tolerance\)$/);
      expect(r.lines.at(-1)).toBe('0 passed, 1 failed, 0 unsupported');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects unknown case ids', async () => {
    await expect(runSbmlSuite(casesDir!, { cases: ['99999'] })).rejects.toThrow("no case folder 99999");
  });
});
