/**
 * The Slurm commands `ferrosim slurm` uses (sbatch, squeue, sacct, scancel), run as child
 * processes, and the parsing of what they print. Nothing here knows about sweeps.
 *
 * Job states come from squeue while slurmctld still holds the job (active jobs, and finished ones
 * for MinJobAge, 300 s by default), then from sacct where the cluster keeps accounting. A job
 * that neither knows any more has ended; the files it left decide whether it succeeded.
 */
import { spawnSync } from 'node:child_process';
import { UserError } from '../errors.ts';

/** Slurm job states that will not change any more (squeue's and sacct's long names). */
const TERMINAL = new Set([
  'COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL', 'OUT_OF_MEMORY', 'PREEMPTED',
  'BOOT_FAIL', 'DEADLINE', 'REVOKED', 'SPECIAL_EXIT',
]);

export const isTerminal = (state: string): boolean => TERMINAL.has(state);

export interface JobState {
  state: string;
  /** squeue's reason (why pending), '' if none. */
  reason: string;
}

/** State per job id as Slurm prints it: '17' for a plain job, '17_3' for task 3 of array 17. */
export type StateTable = Map<string, JobState>;

export class SlurmCommandError extends Error {}

function run(cmd: string, args: readonly string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000 });
  if (r.error) {
    if ((r.error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UserError(`${cmd} not found on PATH: \`ferrosim slurm\` runs where Slurm's commands do (a cluster's login node)`);
    }
    throw new SlurmCommandError(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  }
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Submits a batch script; returns the job id. `args` go before the script and override its
 * #SBATCH lines. A refusal (bad partition, account, time limit) is the user's to fix: exit 2
 * with sbatch's own words.
 */
export function sbatch(script: string, args: readonly string[]): string {
  const r = run('sbatch', ['--parsable', ...args, script]);
  if (r.code !== 0) {
    throw new UserError(`sbatch refused ${script}${args.length ? ` (with ${args.join(' ')})` : ''}: ${r.stderr.trim() || `exit code ${r.code}`}`);
  }
  // --parsable prints "jobid" or "jobid;cluster".
  const id = r.stdout.trim().split(';')[0];
  if (!/^\d+$/.test(id)) throw new SlurmCommandError(`sbatch printed '${r.stdout.trim()}' where a job id was expected`);
  return id;
}

/** Cancels jobs or array tasks ('17', '17_3'); ones that have ended already are fine. */
export function scancel(ids: readonly string[]): void {
  if (ids.length > 0) run('scancel', [...ids]);
}

/** '17_[1-3,5%2]' → ['17_1', '17_2', '17_3', '17_5']; '17_4' and '18' stay as they are. */
export function expandJobId(id: string): string[] {
  const m = /^(\d+)_\[([^\]]*)\]$/.exec(id);
  if (!m) return [id];
  const out: string[] = [];
  for (const part of m[2].split('%')[0].split(',')) {
    const r = /^(\d+)(?:-(\d+))?(?::(\d+))?$/.exec(part);
    if (!r) continue;
    const lo = Number(r[1]);
    const hi = r[2] === undefined ? lo : Number(r[2]);
    const step = r[3] === undefined ? 1 : Number(r[3]);
    for (let k = lo; k <= hi; k += step) out.push(`${m[1]}_${k}`);
  }
  return out;
}

/** Lines 'id|STATE|reason' (squeue) or 'id|STATE by 0' (sacct) into a table. */
export function parseStates(text: string): StateTable {
  const table: StateTable = new Map();
  for (const line of text.split('\n')) {
    const [id, state, reason] = line.trim().split('|');
    if (!id || !state) continue;
    const s = { state: state.split(' ')[0].replace(/\+$/, ''), reason: reason && reason !== 'None' ? reason : '' };
    for (const one of expandJobId(id)) table.set(one, s);
  }
  return table;
}

/** squeue's view of these jobs, finished ones included while slurmctld remembers them. */
function squeueStates(jobs: readonly string[]): StateTable {
  const r = run('squeue', ['--noheader', '--array', '--states=all', `--jobs=${jobs.join(',')}`, '--format=%i|%T|%r']);
  // squeue fails ("Invalid job id specified") when it knows none of the jobs.
  return r.code === 0 ? parseStates(r.stdout) : new Map();
}

/** sacct's view (clusters with accounting); empty where accounting is off. */
function sacctStates(jobs: readonly string[]): StateTable {
  let r;
  try {
    r = run('sacct', ['--noheader', '--parsable2', '--allocations', `--jobs=${jobs.join(',')}`, '--format=JobID,State']);
  } catch (e) {
    if (e instanceof UserError) return new Map(); // no sacct on this cluster
    throw e;
  }
  return r.code === 0 ? parseStates(r.stdout) : new Map();
}

/**
 * The state of every task of `jobs` Slurm still knows: squeue first, sacct for what squeue has
 * forgotten. `want` names the ids the caller needs ('17_3', '18'); sacct is asked only when one
 * of them is missing from squeue's answer.
 */
export function jobStates(jobs: readonly string[], want: readonly string[]): StateTable {
  const table = squeueStates(jobs);
  if (want.some((id) => !table.has(id))) {
    for (const [id, s] of sacctStates(jobs)) if (!table.has(id)) table.set(id, s);
  }
  return table;
}
