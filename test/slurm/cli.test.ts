/**
 * The parts of cluster runs that need no cluster: `--shard auto` read from a scheduler's
 * environment (and its error outside one), the parsing of Slurm's job ids and states, and
 * `ferrosim slurm`'s refusals before it submits anything.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autoShard } from '../../src/cli/shard-auto.ts';
import { arraySpec, slurmCommand, type SlurmOptions } from '../../src/cli/commands/slurm.ts';
import { expandJobId, parseStates } from '../../src/cli/slurm/scheduler.ts';
import { UserError } from '../../src/cli/errors.ts';
import { BIN, ROOT, tempDir } from '../cli/helpers.ts';

const SWEEP = `name: auto-grid
description: a 3 × 2 grid for --shard auto
model: ferroptosis
time: { end: 12, points: 3 }
sweep:
  erastin: [0.1, 1, 10]
  IFNG: [0, 10]
  readout: { output: viability, at: 12 }
`;

/** The environment of this process without any scheduler variables (the tests may run inside one). */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, FERROSIM_COMMIT: 'test', NO_COLOR: '1' };
  for (const k of Object.keys(env)) if (k.startsWith('SLURM_') || k === 'JOB_COMPLETION_INDEX') delete env[k];
  return { ...env, ...extra };
}

function ferrosim(args: string[], env: NodeJS.ProcessEnv, cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('--shard auto', () => {
  it('takes the shard from a Slurm array task, whatever the array starts at', () => {
    const slurm = (id: number, min: number, count: number) => ({
      SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_MIN: String(min), SLURM_ARRAY_TASK_MAX: String(min + count - 1), SLURM_ARRAY_TASK_COUNT: String(count),
    });
    expect(autoShard(slurm(1, 1, 16))).toEqual({ shard: 1, of: 16 });
    expect(autoShard(slurm(15, 0, 16))).toEqual({ shard: 16, of: 16 });
    expect(autoShard(slurm(7, 5, 3))).toEqual({ shard: 3, of: 3 });
    // With --shards the task id is the shard number: a resubmitted subset (--array=3,7) works.
    expect(autoShard({ SLURM_ARRAY_TASK_ID: '7', SLURM_ARRAY_TASK_MIN: '3', SLURM_ARRAY_TASK_COUNT: '2' }, 8)).toEqual({ shard: 7, of: 8 });
    expect(() => autoShard({ SLURM_ARRAY_TASK_ID: '0' }, 8)).toThrow(/shard numbers 1\.\.8/);
    expect(() => autoShard({ SLURM_ARRAY_TASK_ID: '7', SLURM_ARRAY_TASK_MIN: '3', SLURM_ARRAY_TASK_MAX: '7', SLURM_ARRAY_TASK_COUNT: '2' })).toThrow(/not one contiguous range/);
  });

  it('takes the shard from a Kubernetes Indexed Job pod, which needs --shards', () => {
    expect(autoShard({ JOB_COMPLETION_INDEX: '0' }, 16)).toEqual({ shard: 1, of: 16 });
    expect(autoShard({ JOB_COMPLETION_INDEX: '15' }, 16)).toEqual({ shard: 16, of: 16 });
    expect(() => autoShard({ JOB_COMPLETION_INDEX: '3' })).toThrow(/--shards N/);
    expect(() => autoShard({ JOB_COMPLETION_INDEX: '16' }, 16)).toThrow(/below 16/);
  });

  it('refuses garbage and an ambiguous environment', () => {
    expect(() => autoShard({ SLURM_ARRAY_TASK_ID: 'x' })).toThrow(UserError);
    expect(() => autoShard({ SLURM_ARRAY_TASK_ID: '1', JOB_COMPLETION_INDEX: '0' }, 2)).toThrow(/ambiguous/);
  });

  it('is a clear error outside a scheduler: exit 2, the variables named, no stack trace', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'grid.yaml'), SWEEP);
    const r = ferrosim(['sweep', join(dir, 'grid.yaml'), '--shard', 'auto', '--out', join(dir, 'part.csv')], cleanEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SLURM_ARRAY_TASK_ID');
    expect(r.stderr).toContain('JOB_COMPLETION_INDEX');
    expect(r.stderr).toContain('--shard I/N');
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(existsSync(join(dir, 'part.csv'))).toBe(false);
    const stray = ferrosim(['sweep', join(dir, 'grid.yaml'), '--shards', '3'], cleanEnv());
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('--shards N goes with --shard auto');
  });

  it('in a scheduler writes the same shard as --shard I/N', () => {
    const dir = tempDir();
    const file = join(dir, 'grid.yaml');
    writeFileSync(file, SWEEP);
    const explicit = ferrosim(['sweep', file, '--shard', '2/3', '--quiet', '--out', join(dir, 'explicit.csv')], cleanEnv());
    expect(explicit.code, explicit.stderr).toBe(0);
    const slurm = ferrosim(['sweep', file, '--shard', 'auto', '--quiet', '--out', join(dir, 'slurm.csv')], cleanEnv({
      SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_MAX: '2', SLURM_ARRAY_TASK_COUNT: '3',
    }));
    expect(slurm.code, slurm.stderr).toBe(0);
    const k8s = ferrosim(['sweep', file, '--shard', 'auto', '--shards', '3', '--quiet', '--out', join(dir, 'k8s.csv')], cleanEnv({ JOB_COMPLETION_INDEX: '1' }));
    expect(k8s.code, k8s.stderr).toBe(0);
    const want = readFileSync(join(dir, 'explicit.csv'), 'utf8');
    expect(want).toContain('# shard 2/3:');
    expect(readFileSync(join(dir, 'slurm.csv'), 'utf8')).toBe(want);
    expect(readFileSync(join(dir, 'k8s.csv'), 'utf8')).toBe(want);
  });
});

describe('Slurm job ids and states', () => {
  it('writes task lists in sbatch --array form', () => {
    expect(arraySpec([1, 2, 3, 4])).toBe('1-4');
    expect(arraySpec([7, 3, 1, 2, 5])).toBe('1-3,5,7');
    expect(arraySpec([2])).toBe('2');
  });

  it('expands the array ids squeue and sacct print for pending tasks', () => {
    expect(expandJobId('17_[1-3,5%2]')).toEqual(['17_1', '17_2', '17_3', '17_5']);
    expect(expandJobId('17_[2-8:3]')).toEqual(['17_2', '17_5', '17_8']);
    expect(expandJobId('17_4')).toEqual(['17_4']);
    expect(expandJobId('18')).toEqual(['18']);
  });

  it('reads squeue and sacct lines into states', () => {
    const t = parseStates('17_1|COMPLETED|None\n17_[2-3]|PENDING|JobHeldUser\n18|CANCELLED by 0\n\n');
    expect(t.get('17_1')).toEqual({ state: 'COMPLETED', reason: '' });
    expect(t.get('17_3')).toEqual({ state: 'PENDING', reason: 'JobHeldUser' });
    expect(t.get('18')).toEqual({ state: 'CANCELLED', reason: '' });
  });
});

describe('ferrosim slurm before it submits', () => {
  const dir = tempDir();
  const file = join(dir, 'grid.yaml');
  writeFileSync(file, SWEEP);
  const out = join(dir, 'r.csv');

  it('refuses bad options with a user error (exit 2) before touching Slurm', async () => {
    const cases: [SlurmOptions, RegExp][] = [
      [{ out }, /--tasks N is required/],
      [{ out, tasks: 7 }, /more than the sweep's 6 points/],
      [{ out: join(dir, 'r.txt'), tasks: 2 }, /--out must end in \.csv/],
      [{ out, tasks: 2, time: '90' }, /--time must be HH:MM:SS/],
      [{ out, tasks: 2, sbatchArg: ['account=x'] }, /one sbatch option such as --account=abc/],
      [{ out, resume: true }, /nothing to resume/],
    ];
    for (const [opts, message] of cases) {
      await expect(slurmCommand(file, opts), JSON.stringify(opts)).rejects.toThrow(message);
      await expect(slurmCommand(file, opts)).rejects.toBeInstanceOf(UserError);
    }
    expect(existsSync(join(dir, 'r.slurm'))).toBe(false);
  });

  it('says so when Slurm is not installed (exit 2, no stack trace), with the job folder kept for --resume', () => {
    // No Slurm commands on PATH: whatever this machine has, the command must not reach sbatch.
    const r = ferrosim(['slurm', file, '--tasks', '2', '--out', out], cleanEnv({ PATH: '/nonexistent' }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("sbatch not found on PATH: `ferrosim slurm` runs where Slurm's commands do");
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(readFileSync(join(dir, 'r.slurm', 'sweep.sbatch'), 'utf8')).toContain('--shard auto --shards 2');
    expect(readFileSync(join(dir, 'r.slurm', 'merge.sbatch'), 'utf8')).toContain('merge "${files[@]}" --out');
  });

  it('refuses to reuse the job folder of an earlier submission without --resume', async () => {
    await expect(slurmCommand(file, { out, tasks: 2 })).rejects.toThrow(/r\.slurm exists from an earlier submission; continue it with --resume/);
  });
});
