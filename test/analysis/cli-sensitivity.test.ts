/** `ferrosim sensitivity`: the JSON contract, the printed table with units, and bad input. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ferrosim, tempDir } from '../cli/helpers.ts';

describe('ferrosim sensitivity', () => {
  it('writes local sensitivities of every parameter as JSON and prints them strongest first with units', () => {
    const dir = tempDir();
    const out = join(dir, 's.json');
    const r = ferrosim(['sensitivity', 'scenarios/analysis/local-gsh-erastin.yaml', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.method).toBe('local');
    expect(json.readout).toMatchObject({ output: 'GSH_fraction', at: 5, unit: 'dimensionless' });
    expect(Object.keys(json.indices).length).toBe(157);
    // GSH consumption speeds depletion; xCT import feeds synthesis (model-notes, GSH module).
    expect(json.indices.k_GSH_loss.local).toBeLessThan(-1);
    expect(json.indices.V_xc.local).toBeGreaterThan(0);
    expect(r.stdout).toMatch(/parameter\s+value\s+unit\s+∂ln r\/∂ln p/);
    expect(r.stdout.split('\n').find((l) => l.startsWith('k_GSH_loss'))).toMatch(/1\/h/);
  });

  it('exits 2 with the file, line and field of a bad block', () => {
    const dir = tempDir();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'name: bad\ndescription: d\ntime: { end: 5, points: 2 }\nsensitivity:\n  method: sobel\n  readout: { output: GSH, at: 5 }\n');
    const r = ferrosim(['sensitivity', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:5/);
    expect(r.stderr).toMatch(/local|morris|sobol/);
  });
});
