/**
 * Is a sweep shard on disk complete and exactly what this code would write for this scenario?
 * Used by `ferrosim slurm` to decide which shards to rerun, and by `sweep --resume`.
 */
import { readFileSync } from 'node:fs';
import {
  readSweepFile, requireModel, sweepFileMismatch, SweepFileError,
  type Scenario, type ShardSpec, type SweepFile,
} from '../scenario/core.ts';
import { sweepUnits } from './evaluate.ts';
import { makeStamp } from './stamp.ts';

export type ShardCheck =
  | { ok: true; file: SweepFile }
  /** `problem` names the file (and line, when the content is at fault). */
  | { ok: false; problem: string };

/**
 * Validates the sweep file at `path` against `scenario`: readable, not cut off (end line and
 * checksum), every row well-formed with the grid's axis values, the same stamp (scenario and
 * model hash, ferrosim version and commit, solver settings) this process would write, and holding
 * exactly the points of `shard` (null: the whole sweep). A partial file (`OUT.partial`) is
 * reported as not ok (it is incomplete); read it with `readPartialFile` instead.
 */
export function validateShardFile(path: string, scenario: Scenario, shard: ShardSpec | null): ShardCheck {
  const read = readMatching(path, scenario, shard);
  if (!read.ok) return read;
  if (read.file.partial) return { ok: false, problem: `${path} is a partial file (an interrupted sweep), not a complete one` };
  return read;
}

/** Reads `path` as a sweep file of `scenario` (partial or complete), or says why it is not one. */
export function readMatching(path: string, scenario: Scenario, shard: ShardSpec | null): ShardCheck {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, problem: `${path}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}` };
  }
  let file: SweepFile;
  try {
    file = readSweepFile(path, text);
  } catch (e) {
    if (e instanceof SweepFileError) return { ok: false, problem: e.message };
    throw e;
  }
  const model = requireModel(scenario.model);
  const mismatch = sweepFileMismatch(file, scenario, sweepUnits(model, scenario), makeStamp(model, scenario), shard);
  return mismatch ? { ok: false, problem: mismatch } : { ok: true, file };
}
