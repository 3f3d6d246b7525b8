/**
 * Following a submission until it has ended: poll Slurm, report progress on stderr when it
 * changes, and cancel the merge job once a task has failed (an `afterok` dependency that can never
 * be met would otherwise leave it pending for ever).
 */
import { isTerminal, jobStates, scancel, type StateTable } from './scheduler.ts';
import type { Submission } from './job-folder.ts';

/** A task or job Slurm no longer knows (aged out, no accounting): it has ended, its files decide. */
export const GONE = 'GONE';

export interface FollowOutcome {
  /** Final state per shard number: a Slurm state or GONE. */
  tasks: Map<number, { state: string; reason: string }>;
  /** The merge job's final state, GONE, or CANCELLED when we cancelled it. */
  merge?: { state: string; reason: string };
  /** True when this follow cancelled the merge job because a task failed. */
  mergeCancelled: boolean;
}

export interface FollowOptions {
  /** Seconds between polls. */
  pollSeconds: number;
  /** One progress line (written to stderr by the caller). */
  report: (line: string) => void;
}

/** Polls in a row a job may be missing before it counts as gone (squeue can lag just after sbatch). */
const UNSEEN_POLLS = 3;

const sleep = (s: number) => new Promise<void>((r) => setTimeout(r, s * 1000));

function countBy(states: Iterable<string>): string {
  const counts = new Map<string, number>();
  for (const s of states) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n} ${s.toLowerCase()}`).join(', ');
}

export async function follow(sub: Submission, options: FollowOptions): Promise<FollowOutcome> {
  const array = sub.array;
  const jobs = [...(array ? [array.id] : []), ...(sub.merge ? [sub.merge] : [])];
  const taskId = (t: number) => `${array!.id}_${t}`;
  const want = [...(array ? array.tasks.map(taskId) : []), ...(sub.merge ? [sub.merge] : [])];
  const seen = new Set<string>();
  const unseenPolls = new Map<string, number>();
  const start = performance.now();
  let last = '';
  let mergeCancelled = false;

  const stateOf = (table: StateTable, id: string): { state: string; reason: string } => {
    const s = table.get(id);
    if (s) {
      seen.add(id);
      return s;
    }
    // Slurm purges an array task cancelled while pending at once; if it lists the rest of the
    // array, a missing task is gone, not late.
    const job = id.split('_')[0];
    const listed = [...table.keys()].some((k) => k.split('_')[0] === job);
    const n = (unseenPolls.get(id) ?? 0) + 1;
    unseenPolls.set(id, n);
    return seen.has(id) || listed || n > UNSEEN_POLLS ? { state: GONE, reason: '' } : { state: 'PENDING', reason: 'not yet listed' };
  };
  const ended = (s: string) => s === GONE || isTerminal(s);

  for (;;) {
    const table = jobStates(jobs, want);
    const tasks = new Map<number, { state: string; reason: string }>();
    for (const t of array?.tasks ?? []) tasks.set(t, stateOf(table, taskId(t)));
    let merge = sub.merge ? stateOf(table, sub.merge) : undefined;

    const taskStates = [...tasks.values()].map((s) => s.state);
    const arrayEnded = taskStates.every(ended);
    const taskFailed = taskStates.some((s) => isTerminal(s) && s !== 'COMPLETED');
    const neverMet = merge?.reason === 'DependencyNeverSatisfied';

    const elapsed = ((performance.now() - start) / 1000).toFixed(0);
    const parts: string[] = [];
    if (array) parts.push(`array ${array.id}: ${countBy(taskStates)} of ${array.tasks.length} task${array.tasks.length === 1 ? '' : 's'}`);
    if (merge) parts.push(`merge ${sub.merge}: ${merge.state.toLowerCase()}${merge.reason && merge.reason !== 'not yet listed' ? ` (${merge.reason})` : ''}`);
    const line = parts.join(' · ');
    if (line !== last) {
      options.report(`[${elapsed} s] ${line}`);
      last = line;
    }

    // The remaining tasks keep running: their shards count, and --resume reruns only the rest.
    if (!mergeCancelled && merge && !ended(merge.state) && (taskFailed || neverMet)) {
      scancel([sub.merge!]);
      mergeCancelled = true;
      options.report(`[${elapsed} s] cancelled merge job ${sub.merge}: ${taskFailed ? 'a task failed' : 'its dependency can never be met'}`);
    }
    if (mergeCancelled) merge = { state: 'CANCELLED', reason: 'by ferrosim: a task failed' };
    if (arrayEnded && (!merge || ended(merge.state))) return { tasks, merge, mergeCancelled };
    await sleep(options.pollSeconds);
  }
}
