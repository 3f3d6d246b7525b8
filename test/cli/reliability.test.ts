/**
 * Issue 14 through the real command: damaged shards, output paths checked before computing, inputs
 * never overwritten, and the shard check the Slurm driver uses.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { BIN, ROOT, ferrosim, tempDir } from './helpers.ts';
import { validateShardFile } from '../../src/cli/shard-file.ts';
import { loadOrThrow } from '../../src/cli/load.ts';

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);

const SWEEP = `name: tiny-sweep
description: four erastin doses for the reliability tests
model: ferroptosis
time: { end: 12, points: 3 }
sweep:
  erastin: { from: 0.1, to: 30, points: 4, scale: log }
  readout: { output: viability, at: 12 }
`;

describe('shards and merge through the CLI', () => {
  const dir = tempDir('ferrosim-rel-');
  const file = join(dir, 'tiny-sweep.yaml');
  const parts = [1, 2].map((i) => join(dir, `part-${i}.csv`));
  beforeAll(() => {
    writeFileSync(file, SWEEP);
    for (const [k, out] of parts.entries()) {
      const r = ferrosim(['sweep', file, '--shard', `${k + 1}/2`, '--workers', '1', '--out', out, '--quiet']);
      expect(r.code, r.stderr).toBe(0);
    }
  }, 120_000);

  it('refuses a shard whose last row was cut mid-number, naming file and line, exit 2', () => {
    const text = readFileSync(parts[1], 'utf8');
    const rows = text.split('\n');
    const last = rows.findIndex((l) => l.startsWith('3,'));
    const cut = join(dir, 'cut.csv');
    writeFileSync(cut, `${rows.slice(0, last).join('\n')}\n${rows[last].slice(0, -12)}`);
    const r = ferrosim(['merge', parts[0], cut]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${cut}:${last + 1}: the file ends in the middle of a line`);
    noStack(r.stderr);
    expect(r.stdout).toBe('');
  });

  it('refuses --out equal to one of the inputs, before reading anything', () => {
    const before = readFileSync(parts[0]);
    const r = ferrosim(['merge', parts[0], parts[1], '--out', parts[0]]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out .*part-1\.csv is the input file .*part-1\.csv; ferrosim never overwrites an input/);
    expect(readFileSync(parts[0]).equals(before)).toBe(true);
  });

  it('validateShardFile accepts a complete shard and names what is wrong with the others', async () => {
    process.env.FERROSIM_COMMIT = 'test'; // what the child processes stamped
    const scenario = (await loadOrThrow(file)).scenario;
    const good = validateShardFile(parts[0], scenario, { shard: 1, of: 2 });
    expect(good.ok ? '' : good.problem).toBe('');
    if (good.ok) expect(good.file.rows.map((r) => r.index)).toEqual([0, 1]);
    expect(validateShardFile(parts[0], scenario, { shard: 2, of: 2 })).toEqual({ ok: false, problem: `${parts[0]} holds shard 1/2, not shard 2/2` });
    expect(validateShardFile(join(dir, 'nope.csv'), scenario, { shard: 1, of: 2 })).toEqual({ ok: false, problem: `${join(dir, 'nope.csv')}: no such file` });
    const cut = validateShardFile(join(dir, 'cut.csv'), scenario, { shard: 2, of: 2 });
    expect(cut.ok).toBe(false);
    const other = (await loadOrThrow(file)).scenario;
    other.parameters = { ...other.parameters, Km_xCT: 40 };
    const changed = validateShardFile(parts[0], other, { shard: 1, of: 2 });
    expect(changed.ok ? '' : changed.problem).toMatch(/comes from a different scenario, model, code version or grid: its line "# model ferroptosis/);
  });
});

describe('output paths are checked before computing (issue 14)', () => {
  it('--out into a missing directory fails at once, exit 2, with nothing computed', () => {
    const dir = tempDir('ferrosim-rel-');
    const file = join(dir, 's.yaml');
    writeFileSync(file, SWEEP.replace('points: 4', 'points: 400'));
    const t0 = performance.now();
    const r = ferrosim(['sweep', file, '--out', join(dir, 'missing', 'out.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out .*missing\/out\.csv: its directory .*missing does not exist \(nothing was computed\)/);
    expect(r.stderr).not.toMatch(/points/); // no progress: the sweep never started
    expect(performance.now() - t0).toBeLessThan(20_000);
    noStack(r.stderr);
  });

  it('refuses --out equal to the scenario file for run and sweep', () => {
    const dir = tempDir('ferrosim-rel-');
    const file = join(dir, 'same.csv');
    writeFileSync(file, SWEEP);
    for (const cmd of ['run', 'sweep']) {
      const r = ferrosim([cmd, file, '--out', file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('never overwrites an input');
      expect(readFileSync(file, 'utf8')).toBe(SWEEP);
    }
  });

  it('writes atomically: no temporary files are left beside the output', () => {
    const dir = tempDir('ferrosim-rel-');
    const file = join(dir, 's.yaml');
    writeFileSync(file, SWEEP);
    const out = join(dir, 'out.csv');
    writeFileSync(out, 'old contents\n');
    expect(ferrosim(['sweep', file, '--workers', '1', '--out', out, '--quiet']).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# ferrosim .*\n[^]*# end: 4 rows, checksum [0-9a-f]{16}\n$/);
    expect(readdirSync(dir).sort()).toEqual(['out.csv', 's.yaml']);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });
});

/** Starts the CLI, sends `signal` once `ready(stderr)` holds, and resolves with the exit code. */
function interrupted(args: string[], signal: NodeJS.Signals, ready: (stderr: string) => boolean): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, FERROSIM_COMMIT: 'test', NO_COLOR: '1' } });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!sent && ready(stderr)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('interrupted sweeps keep their points and resume to the same bytes (issue 14)', () => {
  const dir = tempDir('ferrosim-rel-');
  const file = join(dir, 'resume.yaml');
  const scenarioText = SWEEP.replace('points: 4', 'points: 30');
  const full = join(dir, 'full.csv');
  beforeAll(() => {
    writeFileSync(file, scenarioText);
    expect(ferrosim(['sweep', file, '--workers', '2', '--out', full, '--quiet']).code).toBe(0);
  }, 180_000);

  const pointsDone = (stderr: string) => Math.max(0, ...[...stderr.matchAll(/(\d+)\/30 points/g)].map((m) => Number(m[1])));

  for (const [signal, exit] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal}: writes the finished points to OUT.partial, exits ${exit}; --resume gives the uninterrupted file`, async () => {
      const out = join(dir, `${signal}.csv`);
      const r = await interrupted(['sweep', file, '--workers', '2', '--out', out], signal, (e) => pointsDone(e) >= 3);
      expect(r.code).toBe(exit);
      expect(r.stderr).toMatch(new RegExp(`interrupted by ${signal}: \\d+ of 30 points finished, written to .*${signal}\\.csv\\.partial; continue with \`ferrosim sweep .*--resume\``));
      noStack(r.stderr);
      expect(existsSync(out)).toBe(false); // never a half-finished OUT
      const partial = readFileSync(`${out}.partial`, 'utf8');
      expect(partial).toContain('# partial: ');
      const kept = partial.split('\n').filter((l) => /^\d+,/.test(l)).length;
      expect(kept).toBeGreaterThanOrEqual(3);
      expect(kept).toBeLessThan(30);
      const resumed = ferrosim(['sweep', file, '--workers', '2', '--out', out, '--resume', '--quiet']);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stderr).toContain(`resuming from ${out}.partial: ${kept} of 30 points already finished`);
      expect(readFileSync(out).equals(readFileSync(full))).toBe(true);
      expect(existsSync(`${out}.partial`)).toBe(false);
    }, 240_000);
  }

  it('refuses to resume from a partial file of another scenario or a damaged one, exit 2', () => {
    const out = join(dir, 'other.csv');
    writeFileSync(`${out}.partial`, readFileSync(full, 'utf8').replace('# axis', '# partial: x\n# axis'));
    const r = ferrosim(['sweep', file, '--out', out, '--resume']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot resume from .*other\.csv\.partial: .*checksum does not match.*; delete it to start afresh/);
    expect(ferrosim(['sweep', file, '--resume']).stderr).toContain('--resume needs --out OUT');
  });
});
