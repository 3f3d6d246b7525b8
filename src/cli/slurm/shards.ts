/**
 * Which shards of a job folder can be merged: present, and exactly the file this scenario and
 * this code would write for that slice (src/cli/shard-file.ts: end line and checksum, every row,
 * the stamp). Anything else (missing, cut short, edited, from another version of the scenario or
 * of ferrosim) is rerun by `--resume`.
 */
import { existsSync } from 'node:fs';
import type { Scenario } from '../../scenario/index.ts';
import { validateShardFile } from '../shard-file.ts';

export type ShardCondition = { ok: true } | { ok: false; missing: boolean; reason: string };

/** Whether shard `shard` of `of` at `path` can be merged, and why not. */
export function shardCondition(path: string, scenario: Scenario, shard: number, of: number): ShardCondition {
  if (!existsSync(path)) return { ok: false, missing: true, reason: 'missing' };
  const check = validateShardFile(path, scenario, { shard, of });
  return check.ok ? { ok: true } : { ok: false, missing: false, reason: check.problem };
}
