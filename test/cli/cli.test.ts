import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ferrosim, SMALL_SWEEP, tempDir } from './helpers.ts';
import { parseCsv, parseNumber } from '../../src/scenario/csv.ts';

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);

const SMALL_RUN = `# yaml-language-server: $schema=./scenario.schema.json
name: small-run
description: RSL3 for 12 h
model: ferroptosis
time: { end: 12, points: 13 }
inputs:
  RSL3: [{ at: 2, value: 0.5 }]
outputs: [GSH, PLOOH, viability]
expect:
  - { output: GSH, at: 0, above: 0 }
`;

describe('ferrosim CLI', () => {
  it('prints help for the program and every command, exit 0', () => {
    const top = ferrosim(['--help']);
    expect(top.code).toBe(0);
    for (const cmd of ['run', 'sweep', 'merge', 'check', 'golden', 'describe', 'sbml-suite', 'export-sbml']) {
      expect(top.stdout).toContain(cmd);
    }
    for (const cmd of ['run', 'sweep', 'check']) {
      const r = ferrosim([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`Usage: ferrosim ${cmd}`));
    }
  });

  it('exits 2 with located messages and no stack trace for a bad scenario', () => {
    const dir = tempDir();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, SMALL_RUN.replace('RSL3:', 'RSL33:').replace('end: 12', 'end: -12'));
    const r = ferrosim(['run', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('time.end: the simulation must end after t = 0 (> 0) (got -12) at bad.yaml:5:14');
    expect(r.stderr).toContain("unknown input 'RSL33' at bad.yaml:7:3; did you mean 'RSL3'?");
    noStack(r.stderr);
  });

  it('exits 2 for a missing file, a bad option and an unknown command', () => {
    const missing = ferrosim(['run', 'nope.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the scenario file (no such file) at nope.yaml');
    expect(ferrosim(['sweep', 'x.yaml', '--workers', 'zero']).stderr).toContain('--workers must be a positive integer');
    expect(ferrosim(['sweep', 'x.yaml', '--shard', '4/3']).code).toBe(2);
    expect(ferrosim(['frobnicate']).code).toBe(2);
  });

  it('runs a scenario and writes CSV (wide and long), JSON and an offline HTML report', { timeout: 300_000 }, () => {
    const dir = tempDir();
    const file = join(dir, 'small-run.yaml');
    writeFileSync(file, SMALL_RUN);
    const r = ferrosim(['run', file, '--out', join(dir, 'out.csv'), '--html', join(dir, 'report.html')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/final values at t = 12 h:/);
    expect(r.stdout).toMatch(/GSH\s+[\d.e+-]+\s+µM/);
    expect(r.stdout).toMatch(/solver: rodas5p, rtol 1e-5, atol 1e-9: \d+ steps/);
    expect(r.stdout).toMatch(/wall time: [\d.]+ ms/);
    // The built command runs the built-in model from the code the package build stored.
    expect(r.stdout).toContain('model: ferroptosis (compiled code stored by the package build)');
    const csv = readFileSync(join(dir, 'out.csv'), 'utf8');
    expect(csv).toMatch(/^# ferrosim \d+\.\d+\.\d+ \(commit test\), node v\d+/);
    expect(csv).toMatch(/\n# model ferroptosis \w+; scenario small-run [0-9a-f]{16}\n/);
    expect(csv).toContain('\n# solver rodas5p, rtol 1e-5, atol 1e-9\n');
    const table = parseCsv(csv);
    expect(table.header).toEqual(['time [h]', 'GSH [µM]', 'PLOOH [µM]', expect.stringMatching(/^viability \[/)]);
    expect(table.rows).toHaveLength(13);

    const json = ferrosim(['run', file, '--out', join(dir, 'out.json')]);
    expect(json.code).toBe(0);
    const data = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    expect(data.stamp).toMatchObject({ scenario: 'small-run', method: 'rodas5p', commit: 'test' });
    expect(data.result.outputs.map((o: { id: string }) => o.id)).toEqual(['GSH', 'PLOOH', 'viability']);
    // JSON and CSV carry the same numbers.
    expect(data.result.outputs[0].values[5]).toBe(parseNumber(table.rows[5][1]));

    const long = ferrosim(['run', file, '--out', join(dir, 'long.csv'), '--long']);
    expect(long.code).toBe(0);
    const lt = parseCsv(readFileSync(join(dir, 'long.csv'), 'utf8'));
    expect(lt.header).toEqual(['time [h]', 'output', 'unit', 'value']);
    expect(lt.rows).toHaveLength(39);

    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('Plotly.newPlot');
    expect(html).not.toMatch(/<script[^>]+src=/); // plotly is inlined: works offline
  });

  it('sweeps with workers; --shard slices merge into exactly the full sweep file', () => {
    const dir = tempDir();
    const file = join(dir, 'small-sweep.yaml');
    writeFileSync(file, SMALL_SWEEP);
    const full = join(dir, 'full.csv');
    const r = ferrosim(['sweep', file, '--workers', '2', '--out', full]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/10 solves in [\d.]+ s \([\d.]+ solves\/s, 2 workers\)/);
    expect(r.stderr).toMatch(/small-sweep: 10\/10 points/); // plain progress lines when stderr is not a TTY
    const parts = [1, 2].map((i) => {
      const out = join(dir, `part-${i}.csv`);
      expect(ferrosim(['sweep', file, '--shard', `${i}/2`, '--workers', '1', '--out', out, '--quiet']).code).toBe(0);
      return out;
    });
    const merged = join(dir, 'merged.csv');
    expect(ferrosim(['merge', parts[1], parts[0], '--out', merged]).code).toBe(0);
    expect(readFileSync(merged).equals(readFileSync(full))).toBe(true);
    const bad = ferrosim(['merge', parts[0]]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/5 of 10 points are missing/);
  }, 300_000);

  it('prints a Hill-fit table for a 1-D sweep', () => {
    const dir = tempDir();
    const file = join(dir, 'hill.yaml');
    writeFileSync(file, SMALL_SWEEP.replace('  IFNG: [0, 10]\n', '').replace('points: 5, scale', 'points: 9, scale'));
    const r = ferrosim(['sweep', file, '--workers', '1', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/EC50\s+[\d.e+-]+\s+µM/);
    expect(r.stdout).toMatch(/r²/);
  });

  it('golden writes files; check passes, then fails on a hand-edited golden value with the right row', { timeout: 300_000 }, () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'scenarios'));
    writeFileSync(join(dir, 'scenarios', 'small-run.yaml'), SMALL_RUN);
    const g = ferrosim(['golden'], { cwd: dir });
    expect(g.code).toBe(0);
    expect(g.stdout).toContain('small-run: new golden file scenarios/golden/small-run.csv');
    const gPath = join(dir, 'scenarios', 'golden', 'small-run.csv');
    expect(existsSync(gPath)).toBe(true);
    expect(ferrosim(['check'], { cwd: dir }).code).toBe(0);

    const text = readFileSync(gPath, 'utf8');
    const lines = text.split('\n');
    const row = lines.findIndex((l) => l.startsWith('6,'));
    const fields = lines[row].split(',');
    const old = Number(fields[1]);
    fields[1] = String(old * 1.01);
    lines[row] = fields.join(',');
    writeFileSync(gPath, lines.join('\n'));
    const c = ferrosim(['check'], { cwd: dir });
    expect(c.code).toBe(1);
    expect(c.stdout).toMatch(/small-run\s+GSH \[µM\]\s+t = 6 h/);
    expect(c.stderr).toContain('small-run: 1 golden value differs');

    const again = ferrosim(['golden', join(dir, 'scenarios', 'small-run.yaml')], { cwd: dir });
    expect(again.stdout).toMatch(/GSH \[µM\]\s+1\/13/);
  });

  it('describes the model', () => {
    const r = ferrosim(['describe']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/GSH/);
    const j = ferrosim(['describe', '--json']);
    expect(j.code).toBe(0);
    expect(() => JSON.parse(j.stdout)).not.toThrow();
  });
});
