/**
 * `ferrosim slurm FILE --tasks N --out RESULT.csv`: a sweep as a Slurm array job of N tasks (one
 * shard each) plus a merge job that runs after all of them succeeded, followed to the end. The
 * result is byte for byte the file `ferrosim sweep FILE --out RESULT.csv` writes on one machine.
 * `--resume` reruns only the shards that are missing or damaged, then merges.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import { mergeSweepCsv, MergeError, sweepSize, type Scenario } from '../../scenario/index.ts';
import { FailureError, UserError } from '../errors.ts';
import { loadOrThrow } from '../load.ts';
import { checkOutputPath, writeOutput } from '../output.ts';
import { follow, GONE, type FollowOutcome } from '../slurm/follow.ts';
import {
  createJobFolder, ferrosimCommand, jobFolder, mergeLogPath, readManifest, shardLogPath, shardPath, writeManifest,
  type JobFolder, type JobManifest, type Submission,
} from '../slurm/job-folder.ts';
import { sbatch } from '../slurm/scheduler.ts';
import { shardCondition } from '../slurm/shards.ts';

export interface SlurmOptions {
  tasks?: number;
  out: string;
  workers?: number;
  partition?: string;
  time?: string;
  sbatchArg?: string[];
  /** false with --no-wait. */
  wait?: boolean;
  resume?: boolean;
}

const TIME = /^(\d+-)?\d{1,3}:\d{2}:\d{2}$/;

/** [1, 2, 3, 5] → '1-3,5' (sbatch --array syntax). */
export function arraySpec(tasks: readonly number[]): string {
  const sorted = [...tasks].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function pollSeconds(): number {
  const v = Number(process.env.FERROSIM_SLURM_POLL ?? '5');
  return Number.isFinite(v) && v > 0 ? v : 5;
}

/** sbatch options given on this command line, for a resubmission (they override the scripts' lines). */
function overrides(opts: SlurmOptions): string[] {
  return [
    ...(opts.workers !== undefined ? [`--cpus-per-task=${opts.workers}`] : []),
    ...(opts.partition ? [`--partition=${opts.partition}`] : []),
    ...(opts.time ? [`--time=${opts.time}`] : []),
    ...(opts.sbatchArg ?? []),
  ];
}

function submit(folder: JobFolder, manifest: JobManifest, tasks: readonly number[], args: readonly string[]): Submission {
  const sub: Submission = { at: new Date().toISOString() };
  manifest.submissions.push(sub);
  const arrayId = sbatch(folder.sweepScript, [`--array=${arraySpec(tasks)}`, ...args]);
  sub.array = { id: arrayId, tasks: [...tasks].sort((a, b) => a - b) };
  writeManifest(folder, manifest);
  const mergeId = sbatch(folder.mergeScript, [`--dependency=afterok:${arrayId}`, ...args]);
  sub.merge = mergeId;
  writeManifest(folder, manifest);
  const which = tasks.length === manifest.tasks ? `all ${manifest.tasks} tasks` : `${plural(tasks.length, 'task')} of ${manifest.tasks}: ${arraySpec(tasks)}`;
  process.stdout.write(`submitted array job ${arrayId} (${which}) and merge job ${mergeId} (runs after the array succeeds)\n`);
  return sub;
}

function tail(path: string, lines: number): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).map((l) => `      ${l}`).join('\n');
  } catch {
    return '';
  }
}

/** Exit 0 when the merge produced the result; otherwise a FailureError naming what failed and where its log is. */
function judge(folder: JobFolder, manifest: JobManifest, sub: Submission, outcome: FollowOutcome, scenario: Scenario, resumeHint: string): void {
  const failed: string[] = [];
  for (const [t, s] of outcome.tasks) {
    if (s.state === 'COMPLETED') continue;
    const log = shardLogPath(folder, t, sub.array!.id);
    const logNote = existsSync(log) ? `log: ${log}` : `no log (the task never started; it would be ${log})`;
    if (s.state === GONE) {
      const c = shardCondition(shardPath(folder, t), scenario, t, manifest.tasks);
      if (c.ok) continue; // Slurm forgot it, but its shard is there and sound
      failed.push(`  task ${t} (job ${sub.array!.id}_${t}): gone from Slurm without a sound shard (${c.reason}); ${logNote}`);
    } else {
      failed.push(`  task ${t} (job ${sub.array!.id}_${t}): ${s.state}${s.reason ? ` (${s.reason})` : ''}; ${logNote}`);
    }
  }
  if (failed.length > 0) {
    throw new FailureError(`${plural(failed.length, 'task')} of ${sub.array!.tasks.length} failed, so no result was written:\n${failed.join('\n')}\nrerun only the failed shards with: ${resumeHint}`);
  }
  const merge = outcome.merge!;
  if (merge.state === 'COMPLETED' || (merge.state === GONE && existsSync(manifest.result))) return;
  const log = mergeLogPath(folder, sub.merge!);
  const last = tail(log, 5);
  throw new FailureError(`merge job ${sub.merge} ${merge.state === GONE ? 'ended without writing the result' : `ended ${merge.state}`}; log: ${log}${last ? `\n${last}` : ''}\nafter fixing the cause: ${resumeHint}`);
}

/** Shards 1..N that are missing or damaged, each with why; damaged files are kept as *.damaged. */
function badShards(folder: JobFolder, scenario: Scenario, of: number): { shard: number; reason: string }[] {
  const bad: { shard: number; reason: string }[] = [];
  for (let t = 1; t <= of; t++) {
    const path = shardPath(folder, t);
    const c = shardCondition(path, scenario, t, of);
    if (c.ok) continue;
    if (!c.missing) renameSync(path, `${path}.damaged`);
    bad.push({ shard: t, reason: c.missing ? 'missing' : `damaged: ${c.reason}; kept as ${path}.damaged` });
  }
  return bad;
}

function mergeHere(folder: JobFolder, of: number, out: string): void {
  const files = Array.from({ length: of }, (_, k) => shardPath(folder, k + 1)).map((name) => ({ name, text: readFileSync(name, 'utf8') }));
  let merged: string;
  try {
    merged = mergeSweepCsv(files);
  } catch (e) {
    if (e instanceof MergeError) throw new FailureError(e.message);
    throw e;
  }
  writeOutput(out, merged);
}

export async function slurmCommand(file: string, opts: SlurmOptions): Promise<void> {
  if (!/\.csv$/i.test(opts.out)) throw new UserError(`--out must end in .csv (got '${opts.out}')`);
  if (opts.time !== undefined && !TIME.test(opts.time)) throw new UserError(`--time must be HH:MM:SS or D-HH:MM:SS (got '${opts.time}')`);
  for (const a of opts.sbatchArg ?? []) {
    if (!a.startsWith('-') || /[\n\r]/.test(a)) throw new UserError(`--sbatch-arg takes one sbatch option such as --account=abc (got '${a}')`);
  }
  checkOutputPath(opts.out, '--out', [file]);
  const loaded = await loadOrThrow(file);
  const scenario = loaded.scenario;
  if (!scenario.sweep) throw new UserError(`${file} has no sweep section: \`ferrosim slurm\` splits a sweep's points over array tasks`);
  const points = sweepSize(scenario);
  const folder = jobFolder(opts.out);
  const result = resolve(opts.out);
  const scenarioPath = resolve(file);

  let manifest: JobManifest;
  let sub: Submission;
  if (!opts.resume) {
    if (opts.tasks === undefined) throw new UserError('--tasks N is required (the number of array tasks; each computes one shard of the sweep)');
    if (opts.tasks > points) throw new UserError(`--tasks ${opts.tasks} is more than the sweep's ${points} points; use at most ${points}`);
    const name = scenario.name.replace(/[^A-Za-z0-9_.-]/g, '_');
    createJobFolder(folder, {
      scenario: scenarioPath, result, tasks: opts.tasks, points, name, workers: opts.workers ?? 1,
      partition: opts.partition, time: opts.time, sbatchArgs: opts.sbatchArg ?? [], command: ferrosimCommand(),
    });
    manifest = { format: 1, scenario: scenarioPath, result, tasks: opts.tasks, points, submissions: [] };
    writeManifest(folder, manifest);
    process.stdout.write(`job folder ${folder.dir}: sweep.sbatch, merge.sbatch, shards/, logs/\n`);
    sub = submit(folder, manifest, Array.from({ length: opts.tasks }, (_, k) => k + 1), []);
  } else {
    manifest = readManifest(folder);
    if (manifest.scenario !== scenarioPath) throw new UserError(`${folder.dir} belongs to ${manifest.scenario}, not ${scenarioPath}`);
    if (opts.tasks !== undefined && opts.tasks !== manifest.tasks) {
      throw new UserError(`--tasks ${opts.tasks} differs from the ${manifest.tasks} tasks of ${folder.dir}; omit --tasks with --resume, or remove the folder to split differently`);
    }
    if (manifest.points !== points) throw new UserError(`${file} now has ${points} sweep points, ${folder.dir} was made for ${manifest.points}; remove the folder and submit again`);
    const previous = manifest.submissions.at(-1);
    if (previous?.array) {
      // Jobs of the previous submission may still be queued or running: let them end first.
      await follow(previous, { pollSeconds: pollSeconds(), report: (l) => process.stderr.write(`previous submission: ${l}\n`) });
    }
    const bad = badShards(folder, scenario, manifest.tasks);
    if (bad.length === 0) {
      mergeHere(folder, manifest.tasks, opts.out);
      process.stdout.write(`all ${manifest.tasks} shards are complete and sound; merged them into ${opts.out}\n`);
      return;
    }
    process.stdout.write(`${plural(bad.length, 'shard')} of ${manifest.tasks} to rerun:\n${bad.map((b) => `  shard ${b.shard}: ${b.reason}`).join('\n')}\n`);
    sub = submit(folder, manifest, bad.map((b) => b.shard), overrides(opts));
  }

  const resumeHint = `ferrosim slurm ${file} --out ${opts.out} --resume`;
  if (opts.wait === false) {
    process.stdout.write(`not waiting (--no-wait): watch with \`squeue -j ${sub.array!.id},${sub.merge}\`; ${opts.out} appears when the merge job has run. To check and rerun what failed: ${resumeHint}\n`);
    return;
  }
  const t0 = performance.now();
  // Ctrl-C stops the following, not the jobs: say so, and how to pick them up again.
  const onInterrupt = () => {
    process.stderr.write(`\nstopped following; jobs ${sub.array!.id} and ${sub.merge} go on in Slurm. Pick them up with: ${resumeHint} (or cancel them: scancel ${sub.array!.id} ${sub.merge})\n`);
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  let outcome: FollowOutcome;
  try {
    outcome = await follow(sub, { pollSeconds: pollSeconds(), report: (l) => process.stderr.write(`${l}\n`) });
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
  judge(folder, manifest, sub, outcome, scenario, resumeHint);
  process.stdout.write(`wrote ${opts.out}: ${points} points from ${manifest.tasks} shards (${((performance.now() - t0) / 1000).toFixed(1)} s in the queue and running)\n`);
}
