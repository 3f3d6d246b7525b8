/**
 * A Slurm cluster for the tests: the one SLURM_CONF names when it answers (`.ci/run` starts one
 * with scripts/slurm-cluster.sh), else a private one-node cluster started here and stopped after
 * the tests. Where neither is possible, why not (the caller skips, or fails under CI).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { locate, skipLine } from '../support/suites.ts';
import { ROOT } from '../cli/helpers.ts';

export const CLUSTER_SCRIPT = join(ROOT, 'scripts', 'slurm-cluster.sh');

export type Cluster = { conf: string; stop: () => void } | { problem: string };

function answers(conf: string): boolean {
  const r = spawnSync('sinfo', ['--noheader', '--Node', '--format=%t'], { env: { ...process.env, SLURM_CONF: conf }, encoding: 'utf8', timeout: 20_000 });
  return r.status === 0 && /idle|mix|alloc/.test(r.stdout);
}

export function testCluster(): Cluster {
  const given = process.env.SLURM_CONF;
  if (given && answers(given)) return { conf: given, stop: () => {} };
  if (locate('slurm') === undefined) return { problem: skipLine('slurm') };
  if (process.getuid?.() !== 0) {
    return { problem: 'tests needing a Slurm cluster are skipped: starting one (munged, slurmctld, slurmd) needs root, and SLURM_CONF names no running cluster; run them as root or start one with scripts/slurm-cluster.sh and export SLURM_CONF' };
  }
  const r = spawnSync(CLUSTER_SCRIPT, ['start'], { encoding: 'utf8', timeout: 60_000 });
  const conf = /^export SLURM_CONF=(.+)$/m.exec(r.stdout ?? '')?.[1];
  if (r.status !== 0 || !conf) {
    return { problem: `tests needing a Slurm cluster are skipped: scripts/slurm-cluster.sh start failed (exit ${r.status}): ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}` };
  }
  const dir = conf.replace(/\/slurm\.conf$/, '');
  return { conf, stop: () => void spawnSync(CLUSTER_SCRIPT, ['stop', dir], { timeout: 60_000 }) };
}
