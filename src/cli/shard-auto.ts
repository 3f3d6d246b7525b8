/**
 * `--shard auto`: the slice a cluster scheduler gives this process, read from its environment.
 *
 *   Slurm job array      SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_MAX,
 *                        SLURM_ARRAY_TASK_COUNT. Without --shards: shard ID − MIN + 1 of COUNT, so
 *                        `--array=1-16` and `--array=0-15` both give 16 shards. With --shards N the
 *                        task ID is the shard number itself (1..N), which lets a resubmitted subset
 *                        (`--array=3,7`) compute exactly shards 3 and 7 of N.
 *   Kubernetes Indexed Job   JOB_COMPLETION_INDEX (0-based) + 1 of --shards N (a pod does not see
 *                        the Job's completion count, so N must be given).
 */
import { UserError } from './errors.ts';

/** A 1-based slice: shard I of N. */
export interface ShardRequest {
  shard: number;
  of: number;
}

export type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, name: string): number | undefined {
  const v = env[name];
  if (v === undefined || v === '') return undefined;
  if (!/^\d+$/.test(v.trim())) throw new UserError(`--shard auto: ${name} is '${v}', not a non-negative integer`);
  return Number(v);
}

/** The 1-based shard and shard count for this process; a UserError that says what to do otherwise. */
export function autoShard(env: Env, shards?: number): ShardRequest {
  const slurmId = integer(env, 'SLURM_ARRAY_TASK_ID');
  const k8sIndex = integer(env, 'JOB_COMPLETION_INDEX');
  if (slurmId !== undefined && k8sIndex !== undefined) {
    throw new UserError('--shard auto: both SLURM_ARRAY_TASK_ID and JOB_COMPLETION_INDEX are set, so the scheduler is ambiguous; unset the one that does not apply, or use --shard I/N');
  }
  if (slurmId !== undefined) {
    if (shards !== undefined) {
      if (slurmId < 1 || slurmId > shards) {
        throw new UserError(`--shard auto --shards ${shards}: SLURM_ARRAY_TASK_ID is ${slurmId}, but with --shards the array task ids are the shard numbers 1..${shards} (submit with --array=1-${shards} or a subset of it)`);
      }
      return { shard: slurmId, of: shards };
    }
    const min = integer(env, 'SLURM_ARRAY_TASK_MIN');
    const max = integer(env, 'SLURM_ARRAY_TASK_MAX');
    const count = integer(env, 'SLURM_ARRAY_TASK_COUNT');
    if (min === undefined || count === undefined) {
      throw new UserError('--shard auto: SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_MIN or SLURM_ARRAY_TASK_COUNT is not; give the shard count with --shards N (task ids 1..N)');
    }
    if (max !== undefined && max - min + 1 !== count) {
      throw new UserError(`--shard auto: the job array is not one contiguous range (ids ${min}..${max} but ${count} tasks); give the shard count with --shards N and use the shard numbers 1..N as task ids`);
    }
    const shard = slurmId - min + 1;
    if (shard < 1 || shard > count) throw new UserError(`--shard auto: SLURM_ARRAY_TASK_ID ${slurmId} lies outside the array (min ${min}, ${count} tasks)`);
    return { shard, of: count };
  }
  if (k8sIndex !== undefined) {
    if (shards === undefined) {
      throw new UserError('--shard auto: JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job), but a pod cannot see the number of completions; give it with --shards N (N = the Job\'s completions)');
    }
    if (k8sIndex >= shards) throw new UserError(`--shard auto --shards ${shards}: JOB_COMPLETION_INDEX is ${k8sIndex}, but it must be below ${shards} (the Job's completions)`);
    return { shard: k8sIndex + 1, of: shards };
  }
  throw new UserError('--shard auto needs a scheduler\'s task index, and none is set: neither SLURM_ARRAY_TASK_ID (a Slurm job array task) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job pod). Outside a scheduler, name the slice with --shard I/N');
}
