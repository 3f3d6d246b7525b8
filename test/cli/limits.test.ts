/**
 * Issue 14, one test per defect of the red-team pass (input limits, wrong numbers with exit 0),
 * through the real command: the message and the exit code, and never a stack trace.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ferrosim, tempDir } from './helpers.ts';

const noStack = (s: string) => {
  expect(s).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  expect(s).not.toContain('internal error');
};
const HEAD = 'name: x\ndescription: d\nmodel: ferroptosis\ntime: { end: 24, points: 3 }\n';
const dir = tempDir('ferrosim-limits-');
function scenario(name: string, body: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, HEAD + body);
  return file;
}

describe('no silent wrong numbers', () => {
  it('a parameter set to 0 that makes an output Inf fails (exit 1), naming the output and the first time', () => {
    const r = ferrosim(['run', scenario('zero', 'parameters: { PLOOH_ss: 0 }\n'), '--out', join(dir, 'zero.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('non-finite-output: output lipidROS is Inf at t = 0 h');
    expect(readFileSync(join(dir, 'zero.csv'), 'utf8')).toMatch(/^# status non-finite-output: output lipidROS is Inf at t = 0 h/m);
    noStack(r.stderr);
  });

  it('a steady state with a negative concentration is refused (exit 1), naming the species', () => {
    const r = ferrosim(['run', scenario('negative', 'parameters: { K_GR_GSSG: 0 }\n')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/steady-state-failed: .*negative concentrations: GSSG = -\d[\d.]* µM/);
    noStack(r.stderr);
  });
});

describe('input limits: exit 2 with the limit named', () => {
  const refused = (file: string, message: RegExp | string) => {
    const r = ferrosim(['sweep', file]);
    expect(r.code).toBe(2);
    if (typeof message === 'string') expect(r.stderr).toContain(message);
    else expect(r.stderr).toMatch(message);
    noStack(r.stderr);
  };

  it('refuses a YAML alias bomb', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');
    refused(scenario('bomb', `${bomb}\n`), 'expand too far (limit: 100 alias uses');
  });

  it('refuses a 1e5 × 1e4 and a 1e5 × 1e5 sweep before allocating anything', () => {
    refused(scenario('big1', 'sweep:\n  erastin: { from: 0.1, to: 10, points: 100000 }\n  IFNG: { from: 0, to: 10, points: 10000 }\n  readout: { output: viability, at: 24 }\n'),
      /the sweep has 100000 × 10000 = 1\.00e\+9 points; the limit is 1,000,000 points per scenario/);
    refused(scenario('big2', 'sweep:\n  erastin: { from: 0.1, to: 10, points: 100000 }\n  IFNG: { from: 0, to: 10, points: 100000 }\n  readout: { output: viability, at: 24 }\n'),
      /= 1\.00e\+10 points; the limit is 1,000,000/);
  });

  it('refuses a parameter of 1e300 and a dose of "1e400 nM"', () => {
    refused(scenario('huge-param', 'parameters: { Km_xCT: 1.0e+300 }\nsweep:\n  erastin: [0, 1]\n  readout: { output: viability, at: 24 }\n'),
      /parameters\.Km_xCT is 1e\+300; numbers in a scenario are limited to ±1e\+100/);
    refused(scenario('huge-dose', 'inputs: { erastin: "1e400 nM" }\nsweep:\n  IFNG: [0, 1]\n  readout: { output: viability, at: 24 }\n'),
      "'1e400 nM' is not a finite number");
  });

  it('refuses schedule entries after time.end', () => {
    refused(scenario('late', 'inputs:\n  erastin: [{ at: 0, value: 1 }, { at: 30, value: 5 }]\nsweep:\n  IFNG: [0, 1]\n  readout: { output: viability, at: 24 }\n'),
      /schedule entry at 30 h for input 'erastin' is after time\.end = 24 h, so it would never take effect at late\.yaml:6:\d+; remove it, or extend time\.end/);
  });

  it('refuses a scenario file over 4 MiB without reading it', () => {
    refused(scenario('huge-file', `# ${'x'.repeat(5 * 1024 * 1024)}\n`), 'the scenario file is 5.0 MiB; scenario files are limited to 4.0 MiB');
  });

  it('does not echo a huge description', () => {
    const file = join(dir, 'long.yaml');
    writeFileSync(file, HEAD.replace('description: d', `description: ${'y'.repeat(1_000_000)}`));
    const r = ferrosim(['run', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`x: ${'y'.repeat(200)}… (1000000 characters; see the file)`);
    expect(r.stdout.length).toBeLessThan(10_000);
  });
});

describe('damaged golden files', () => {
  it('a golden file whose last row is cut gives a located problem (exit 1), not a TypeError', () => {
    const sub = tempDir('ferrosim-golden-');
    const file = join(sub, 'cut.yaml');
    writeFileSync(file, HEAD.replace('name: x', 'name: cut'));
    expect(ferrosim(['golden', file]).code).toBe(0);
    const golden = join(sub, 'golden', 'cut.csv');
    const text = readFileSync(golden, 'utf8');
    const lines = text.trimEnd().split('\n');
    writeFileSync(golden, `${lines.slice(0, -1).join('\n')}\n${lines.at(-1)!.split(',').slice(0, 3).join(',')}\n`);
    const r = ferrosim(['check', file]);
    expect(r.code).toBe(1);
    expect(r.stderr + r.stdout).toMatch(new RegExp(`cut: .*golden/cut\\.csv: the golden file line ${lines.length} \\(row 3\\) has 3 of \\d+ columns: it is cut off or damaged`));
    noStack(r.stderr);
  });
});
