/**
 * Sweep tables as CSV, shard files and their merge. A shard file is the full sweep's file with
 * only its rows and one extra `# shard I/N` line, so merging the shards reproduces the full
 * sweep's bytes exactly.
 */
import { columnHeader, formatNumber, parseCsv, stampLines, type Stamp } from './csv.ts';
import { readoutLabel, sweepPointAt, sweepSize, type PointResult } from './grid.ts';
import type { Scenario } from './types.ts';

export interface SweepUnits {
  /** Unit of each axis, in axis order. */
  axes: string[];
  readout: string;
}

const SHARD_LINE = /^# shard (\d+)\/(\d+)$/;

export function sweepHeader(scenario: Scenario, units: SweepUnits): string[] {
  const sweep = scenario.sweep!;
  return [
    'point',
    ...sweep.axes.map((a, i) => columnHeader(a.id, units.axes[i])),
    columnHeader(readoutLabel(sweep.readout), units.readout),
    'status',
  ];
}

function headLines(scenario: Scenario, units: SweepUnits, stamp?: Stamp): string[] {
  return [
    ...(stamp ? stampLines(stamp) : []),
    `# sweep over ${scenario.sweep!.axes.map((a) => a.id).join(' × ')}: ${sweepSize(scenario)} points; readout ${readoutLabel(scenario.sweep!.readout)}`,
  ];
}

/** CSV of `results` (any subset of the grid, written in index order). */
export function sweepToCsv(
  scenario: Scenario,
  units: SweepUnits,
  results: readonly PointResult[],
  stamp?: Stamp,
  shard?: { shard: number; of: number },
): string {
  const lines = headLines(scenario, units, stamp);
  if (shard) lines.push(`# shard ${shard.shard}/${shard.of}`);
  lines.push(sweepHeader(scenario, units).join(','));
  const sorted = [...results].sort((a, b) => a.index - b.index);
  for (const r of sorted) {
    const p = sweepPointAt(scenario, r.index);
    lines.push([String(r.index), ...p.values.map(formatNumber), formatNumber(r.value), r.status].join(','));
  }
  return `${lines.join('\n')}\n`;
}

export class MergeError extends Error {}

/**
 * Joins shard files (any order) into the full sweep's CSV. Every shard must come from the same
 * scenario and code (identical stamp and header), and together they must cover every point
 * exactly once.
 */
export function mergeSweepCsv(files: readonly { name: string; text: string }[]): string {
  if (files.length === 0) throw new MergeError('merge: no files given');
  let head: string[] | null = null;
  let header: string | null = null;
  let total = -1;
  const rows = new Map<number, { line: string; from: string }>();
  for (const f of files) {
    const table = parseCsv(f.text);
    const comments = table.comments.filter((c) => !SHARD_LINE.test(c));
    if (!table.comments.some((c) => SHARD_LINE.test(c)) && files.length > 1) {
      // A full sweep file is fine on its own; mixing it with shards would double-count.
    }
    const m = /: (\d+) points; readout /.exec(comments.find((c) => c.startsWith('# sweep over ')) ?? '');
    if (!m) throw new MergeError(`merge: ${f.name} is not a ferrosim sweep file (no '# sweep over …' line)`);
    const h = table.header.join(',');
    if (head === null) {
      head = comments;
      header = h;
      total = Number(m[1]);
    } else {
      if (comments.join('\n') !== head.join('\n')) {
        throw new MergeError(`merge: ${f.name} comes from a different scenario, model or code version than ${files[0].name} (stamp lines differ)`);
      }
      if (h !== header) throw new MergeError(`merge: ${f.name} has a different header than ${files[0].name}`);
    }
    for (const fields of table.rows) {
      const idx = Number(fields[0]);
      if (!Number.isInteger(idx) || idx < 0 || idx >= total) throw new MergeError(`merge: ${f.name} has a row with an invalid point index '${fields[0]}'`);
      const prior = rows.get(idx);
      if (prior) throw new MergeError(`merge: point ${idx} appears in both ${prior.from} and ${f.name}`);
      rows.set(idx, { line: fields.join(','), from: f.name });
    }
  }
  const missing: number[] = [];
  for (let i = 0; i < total && missing.length < 10; i++) if (!rows.has(i)) missing.push(i);
  if (missing.length > 0) {
    throw new MergeError(`merge: ${total - rows.size} of ${total} points are missing (first: ${missing.join(', ')}); is a shard file missing?`);
  }
  const lines = [...head!, header!];
  for (let i = 0; i < total; i++) lines.push(rows.get(i)!.line);
  return `${lines.join('\n')}\n`;
}
