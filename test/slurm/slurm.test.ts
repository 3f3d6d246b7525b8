/**
 * `ferrosim slurm` on a real one-node Slurm cluster (scripts/slurm-cluster.sh): the merged result
 * is the local sweep's bytes; a cancelled task fails the run without a result and `--resume` reruns
 * only it; a damaged shard is found and rerun. Tiny sweeps: the time goes into Slurm's scheduling
 * and Node's start-up, not into solving.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, SMALL_SWEEP, tempDir } from '../cli/helpers.ts';
import { inCi } from '../support/suites.ts';
import { testCluster } from './cluster.ts';

// SMALL_SWEEP: 5 × 2 points of a 24-h scenario; 4 tasks get 2, 3, 2 and 3 points.

const cluster = testCluster();
const ready = 'conf' in cluster;
if (!ready) {
  if (inCi()) {
    it('starts a one-node Slurm cluster (CI runs every suite)', () => {
      throw new Error(`CI is set but no Slurm cluster could be started. ${cluster.problem}`);
    });
  } else {
    process.stdout.write(`note: ${cluster.problem}\n`);
  }
}
afterAll(() => {
  if ('conf' in cluster) cluster.stop();
});

const env = (): NodeJS.ProcessEnv => ({
  ...process.env,
  SLURM_CONF: 'conf' in cluster ? cluster.conf : '',
  FERROSIM_COMMIT: 'test',
  FERROSIM_SLURM_POLL: '0.3',
  NO_COLOR: '1',
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `ferrosim ARGS` as a child process; `onStdout` sees the output as it arrives. */
function ferrosimAsync(args: string[], cwd: string, onStdout?: (text: string) => void): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: env() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      onStdout?.(stdout);
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code: code ?? -1, stdout, stderr }));
  });
}

function slurmTool(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { env: env(), encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function jobIds(stdout: string): { array: string; merge: string } | null {
  const m = /submitted array job (\d+) .*merge job (\d+)/.exec(stdout);
  return m ? { array: m[1], merge: m[2] } : null;
}

describe.skipIf(!ready)('ferrosim slurm on a one-node Slurm cluster', () => {
  let dir = '';
  let scenario = '';
  let local: Buffer;
  beforeAll(() => {
    dir = tempDir('ferrosim-slurm-');
    scenario = join(dir, 'grid.yaml');
    writeFileSync(scenario, SMALL_SWEEP);
    const r = spawnSync(process.execPath, [BIN, 'sweep', scenario, '--workers', '1', '--quiet', '--out', join(dir, 'local.csv')], {
      cwd: ROOT, env: env(), encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`the local sweep failed: ${r.stderr}`);
    local = readFileSync(join(dir, 'local.csv'));
  });
  const localBytes = () => local;

  it('a 4-task array of a 2-D sweep gives the bytes of the local sweep', async () => {
    const r = await ferrosimAsync(['slurm', scenario, '--tasks', '4', '--out', 'grid.csv'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/submitted array job \d+ \(all 4 tasks\) and merge job \d+/);
    expect(r.stderr).toMatch(/array \d+: 4 completed of 4 tasks/);
    expect(readFileSync(join(dir, 'grid.csv')).equals(localBytes())).toBe(true);
    // The job folder holds the scripts a user edits, one shard and one log per task.
    const script = readFileSync(join(dir, 'grid.slurm', 'sweep.sbatch'), 'utf8');
    expect(script).toContain('#SBATCH --array=1-4');
    expect(script).toContain('--shard auto --shards 4');
    const ids = jobIds(r.stdout)!;
    for (let t = 1; t <= 4; t++) {
      expect(existsSync(join(dir, 'grid.slurm', 'shards', `shard-${t}.csv`))).toBe(true);
      expect(existsSync(join(dir, 'grid.slurm', 'logs', `shard-${t}.job-${ids.array}.log`))).toBe(true);
    }
  }, 240_000);

  it('a shard damaged on disk is found by --resume, rerun alone, and the result is whole again', async () => {
    const shard3 = join(dir, 'grid.slurm', 'shards', 'shard-3.csv');
    const text = readFileSync(shard3, 'utf8');
    // Change one readout value to another well-formed number: only the checksum can tell.
    const damaged = text.replace(/^(\d+,[^,]+,[^,]+,)([^,]+)(,success)$/m, (_, a, v, b) => `${a}${v === '0.5' ? '0.25' : '0.5'}${b}`);
    expect(damaged).not.toBe(text);
    writeFileSync(shard3, damaged);
    const r = await ferrosimAsync(['slurm', scenario, '--out', 'grid.csv', '--resume'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1 shard of 4 to rerun:\n {2}shard 3: damaged: .*checksum/);
    expect(r.stdout).toMatch(/submitted array job \d+ \(1 task of 4: 3\)/);
    expect(readFileSync(join(dir, 'grid.csv')).equals(localBytes())).toBe(true);
    expect(readFileSync(`${shard3}.damaged`, 'utf8')).toBe(damaged);

    // Nothing left to rerun: --resume only merges, without the queue.
    const again = await ferrosimAsync(['slurm', scenario, '--out', 'grid.csv', '--resume'], dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('all 4 shards are complete and sound');
    expect(again.stdout).not.toContain('submitted');
    expect(readFileSync(join(dir, 'grid.csv')).equals(localBytes())).toBe(true);
  }, 240_000);

  it('a task cancelled with scancel fails the run naming it, writes no result, and --resume reruns only that task', async () => {
    // Held at submission, so the test can cancel task 2 while it runs, whatever the timing.
    let released = false;
    let cancelled: Promise<void> | undefined;
    const run = ferrosimAsync(['slurm', scenario, '--tasks', '4', '--out', 'cancel.csv', '--sbatch-arg=--hold'], dir, (out) => {
      const ids = jobIds(out);
      if (!ids || released) return;
      released = true;
      cancelled = (async () => {
        slurmTool('scontrol', ['release', ids.array]);
        for (let k = 0; k < 600; k++) {
          const state = spawnSync('squeue', ['--noheader', '--array', `--jobs=${ids.array}_2`, '--format=%T'], { env: env(), encoding: 'utf8' }).stdout.trim();
          if (state === 'RUNNING') break;
          await sleep(100);
        }
        slurmTool('scancel', [`${ids.array}_2`]);
      })();
    });
    const r = await run;
    await cancelled;
    const ids = jobIds(r.stdout)!;
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`1 task of 4 failed, so no result was written:\n  task 2 (job ${ids.array}_2): CANCELLED`);
    expect(r.stderr).toContain(`log: ${join(dir, 'cancel.slurm', 'logs', `shard-2.job-${ids.array}.log`)}`);
    expect(r.stderr).toContain(`cancelled merge job ${ids.merge}`);
    expect(r.stderr).toContain('--resume');
    expect(existsSync(join(dir, 'cancel.csv'))).toBe(false);

    // The scripts are the user's to edit, and --resume submits them as they are: drop the hold.
    for (const name of ['sweep.sbatch', 'merge.sbatch']) {
      const path = join(dir, 'cancel.slurm', name);
      writeFileSync(path, readFileSync(path, 'utf8').replace('#SBATCH --hold\n', ''));
    }
    const resumed = await ferrosimAsync(['slurm', scenario, '--out', 'cancel.csv', '--resume'], dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/1 shard of 4 to rerun:\n {2}shard 2: missing\n/);
    expect(resumed.stdout).toMatch(/submitted array job \d+ \(1 task of 4: 2\)/);
    expect(readFileSync(join(dir, 'cancel.csv')).equals(localBytes())).toBe(true);
  }, 240_000);
});
