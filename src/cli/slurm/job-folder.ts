/**
 * The job folder `RESULT.slurm/` beside a result: two batch scripts a person can read and edit,
 * the shard files, the logs, and `job.json`, which records what was submitted so `--resume` can
 * carry on.
 *
 *   RESULT.slurm/sweep.sbatch            the array job: task I computes shard I of N
 *   RESULT.slurm/merge.sbatch            joins the shards into RESULT.csv (checked by `merge`)
 *   RESULT.slurm/shards/shard-I.csv
 *   RESULT.slurm/logs/shard-I.job-J.log  one per attempt (J: the array's job id)
 *   RESULT.slurm/logs/merge.job-J.log
 *   RESULT.slurm/job.json
 *
 * The scripts are written once, when the folder is made; `--resume` submits them as they are on
 * disk, so a cluster's own `--account`, `module load` lines or paths survive.
 */
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.ts';

export interface Submission {
  /** ISO time of submission. */
  at: string;
  /** The array job and the shard numbers it computes. */
  array?: { id: string; tasks: number[] };
  merge?: string;
}

export interface JobManifest {
  format: 1;
  /** Absolute paths. */
  scenario: string;
  result: string;
  tasks: number;
  points: number;
  submissions: Submission[];
}

export interface JobFolder {
  dir: string;
  sweepScript: string;
  mergeScript: string;
  manifest: string;
  shardsDir: string;
  logsDir: string;
}

export function jobFolder(result: string): JobFolder {
  const abs = resolve(result);
  const dir = join(dirname(abs), `${basename(abs).replace(/\.csv$/i, '')}.slurm`);
  return {
    dir,
    sweepScript: join(dir, 'sweep.sbatch'),
    mergeScript: join(dir, 'merge.sbatch'),
    manifest: join(dir, 'job.json'),
    shardsDir: join(dir, 'shards'),
    logsDir: join(dir, 'logs'),
  };
}

export const shardPath = (folder: JobFolder, shard: number): string => join(folder.shardsDir, `shard-${shard}.csv`);
export const shardLogPath = (folder: JobFolder, shard: number, arrayJob: string): string => join(folder.logsDir, `shard-${shard}.job-${arrayJob}.log`);
export const mergeLogPath = (folder: JobFolder, mergeJob: string): string => join(folder.logsDir, `merge.job-${mergeJob}.log`);

/** Written whole or not at all: a temporary file beside it, then a rename. */
function writeAtomic(path: string, text: string, mode?: number): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text, mode === undefined ? undefined : { mode });
  renameSync(tmp, path);
}

export function writeManifest(folder: JobFolder, manifest: JobManifest): void {
  writeAtomic(folder.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
}

export function readManifest(folder: JobFolder): JobManifest {
  let text: string;
  try {
    text = readFileSync(folder.manifest, 'utf8');
  } catch {
    throw new UserError(`${folder.dir} has no job.json, so there is nothing to resume; run without --resume to submit the sweep`);
  }
  let m: JobManifest;
  try {
    m = JSON.parse(text) as JobManifest;
  } catch (e) {
    throw new UserError(`${folder.manifest} is not valid JSON (${(e as Error).message}); remove ${folder.dir} and submit again`);
  }
  if (m.format !== 1 || typeof m.tasks !== 'number' || !Array.isArray(m.submissions) || typeof m.scenario !== 'string') {
    throw new UserError(`${folder.manifest} is not a ferrosim job record (format 1); remove ${folder.dir} and submit again`);
  }
  return m;
}

/** Single-quoted for bash, so paths with spaces or `$` pass through unchanged. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** An #SBATCH option value: sbatch splits those lines at white space unless it is in double quotes. */
const sbatchValue = (v: string): string => (/\s/.test(v) ? `"${v}"` : v);

/**
 * How the compute nodes start ferrosim: the same Node and the same CLI as this process (a shared
 * file system is assumed, as on any cluster that runs array jobs over a common folder).
 */
export function ferrosimCommand(): string[] {
  const script = process.argv[1] ? realpathSync(process.argv[1]) : '';
  return [process.execPath, ...process.execArgv, script];
}

export interface ScriptOptions {
  scenario: string;
  result: string;
  tasks: number;
  points: number;
  name: string;
  workers: number;
  partition?: string;
  time?: string;
  sbatchArgs: readonly string[];
  command: readonly string[];
}

function sbatchLines(o: ScriptOptions): string[] {
  const lines: string[] = [];
  if (o.partition) lines.push(`#SBATCH --partition=${o.partition}`);
  if (o.time) lines.push(`#SBATCH --time=${o.time}`);
  for (const a of o.sbatchArgs) lines.push(`#SBATCH ${a}`);
  return lines;
}

function commandLine(o: ScriptOptions): string {
  return `FERROSIM=(${o.command.map(shellQuote).join(' ')})`;
}

export function sweepScriptText(folder: JobFolder, o: ScriptOptions): string {
  return [
    '#!/bin/bash',
    `# ferrosim sweep of ${o.scenario}: ${o.points} points in ${o.tasks} array tasks.`,
    '# Written by `ferrosim slurm`. Edit it as your cluster needs (account, modules, paths):',
    '# `ferrosim slurm ... --resume` submits this file as it is, with --array naming the tasks to run.',
    `#SBATCH --job-name=ferrosim-${o.name}`,
    `#SBATCH --array=1-${o.tasks}`,
    `#SBATCH --cpus-per-task=${o.workers}`,
    `#SBATCH --output=${sbatchValue(`${folder.logsDir}/shard-%a.job-%A.log`)}`,
    ...sbatchLines(o),
    'set -euo pipefail',
    '',
    '# How ferrosim starts on the compute nodes (e.g. `module load nodejs` above, then FERROSIM=(npx ferrosim)).',
    commandLine(o),
    `SCENARIO=${shellQuote(o.scenario)}`,
    `SHARDS=${shellQuote(folder.shardsDir)}`,
    '',
    '# Task I computes shard I of N (--shard auto reads SLURM_ARRAY_TASK_ID) and writes it atomically;',
    '# the file ends with a row count and checksum, which merge and --resume check.',
    `"\${FERROSIM[@]}" sweep "$SCENARIO" --shard auto --shards ${o.tasks} --workers "\${SLURM_CPUS_PER_TASK:-1}" --quiet \\`,
    '  --out "$SHARDS/shard-$SLURM_ARRAY_TASK_ID.csv"',
    '',
  ].join('\n');
}

export function mergeScriptText(folder: JobFolder, o: ScriptOptions): string {
  return [
    '#!/bin/bash',
    `# Joins the ${o.tasks} shards of ${o.scenario} into ${o.result}.`,
    '# Written by `ferrosim slurm`, submitted with --dependency=afterok on the array job. `merge` checks',
    '# every shard (same scenario and code, complete, checksum) and writes the result only if all pass.',
    `#SBATCH --job-name=ferrosim-${o.name}-merge`,
    '#SBATCH --cpus-per-task=1',
    `#SBATCH --output=${sbatchValue(`${folder.logsDir}/merge.job-%j.log`)}`,
    ...sbatchLines(o),
    'set -euo pipefail',
    '',
    commandLine(o),
    `SHARDS=${shellQuote(folder.shardsDir)}`,
    `RESULT=${shellQuote(o.result)}`,
    '',
    'files=()',
    `for i in $(seq 1 ${o.tasks}); do files+=("$SHARDS/shard-$i.csv"); done`,
    '"${FERROSIM[@]}" merge "${files[@]}" --out "$RESULT"',
    '',
  ].join('\n');
}

/** Makes the folder with its scripts; refuses to reuse one from an earlier submission. */
export function createJobFolder(folder: JobFolder, o: ScriptOptions): void {
  if (existsSync(folder.dir)) {
    throw new UserError(`${folder.dir} exists from an earlier submission; continue it with --resume, or remove it to start over`);
  }
  try {
    mkdirSync(folder.shardsDir, { recursive: true });
    mkdirSync(folder.logsDir, { recursive: true });
  } catch (e) {
    throw new UserError(`cannot make ${folder.dir}: ${(e as Error).message}`);
  }
  writeAtomic(folder.sweepScript, sweepScriptText(folder, o), 0o755);
  writeAtomic(folder.mergeScript, mergeScriptText(folder, o), 0o755);
}
