/**
 * Sweep tables as CSV: the one writer of the format (CLI sweeps, shards, partial files, the
 * browser's export), its strict reader, and merge. Layout, every line ending in `\n`:
 *
 *   # <stamp lines>                              version, commit, model and scenario hashes, solver
 *   # sweep over A × B: N points; readout R
 *   # axis A: 7 values: 0.1,0.21544346900318834,…   one per axis, shortest round-trip numbers
 *   # shard I/K: points [lo, hi) of N              shards only
 *   # partial: …                                   interrupted sweeps only (`OUT.partial`)
 *   point,A [unit],B [unit],R [unit],status
 *   <one row per point, in index order>
 *   # end: M rows, checksum 0123456789abcdef      hashString of every byte above this line
 *
 * The last line makes a file cut short (a killed cluster job, a full disk) recognisable, and the
 * axis lines let a reader recompute every row's axis values without the scenario. Merging the
 * shards of a sweep reproduces the unsharded file byte for byte.
 */
import { hashString } from '../model/hash.ts';
import { columnHeader, formatNumber, parseNumber, stampLines, type Stamp } from './csv.ts';
import { readoutLabel, shardRange, sweepPointAt, sweepSize, type PointResult } from './grid.ts';
import { RUN_STATUSES, type RunStatus } from './status.ts';
import type { CompiledModel } from '../model/types.ts';
import { unitOf } from './run.ts';
import type { Scenario } from './types.ts';

export interface SweepUnits {
  /** Unit of each axis, in axis order. */
  axes: string[];
  readout: string;
}

/** Units of the sweep's axes and readout, as every sweep CSV (CLI and browser) labels them. */
export function sweepUnits(model: CompiledModel, scenario: Scenario): SweepUnits {
  return { axes: scenario.sweep!.axes.map((a) => unitOf(model, a.id)), readout: unitOf(model, scenario.sweep!.readout.output) };
}

export interface ShardSpec {
  /** 1-based slice number. */
  shard: number;
  of: number;
}

/** A sweep file or shard that failed validation; the message names the file and line. */
export class SweepFileError extends Error {}
/** The name `merge` has always thrown. */
export { SweepFileError as MergeError };

const SWEEP_LINE = /^# sweep over (.+): (\d+) points; readout (.+)$/;
const AXIS_LINE = /^# axis (\S+): (\d+) values: (.*)$/;
const SHARD_LINE = /^# shard (\d+)\/(\d+): points \[(\d+), (\d+)\) of (\d+)$/;
const PARTIAL_LINE = /^# partial: /;
const END_LINE = /^# end: (\d+) rows?, checksum ([0-9a-f]{16})$/;
const INDEX = /^(0|[1-9][0-9]*)$/;
const STATUSES = new Set<string>(RUN_STATUSES);

export function sweepHeader(scenario: Scenario, units: SweepUnits): string[] {
  const sweep = scenario.sweep!;
  return [
    'point',
    ...sweep.axes.map((a, i) => columnHeader(a.id, units.axes[i])),
    columnHeader(readoutLabel(sweep.readout), units.readout),
    'status',
  ];
}

/**
 * The lines that identify a sweep (stamp, grid size, axes): equal in every shard, partial file and
 * full file of one sweep run by one version of the code.
 */
export function sweepHeadLines(scenario: Scenario, stamp?: Stamp): string[] {
  const sweep = scenario.sweep!;
  return [
    ...(stamp ? stampLines(stamp) : []),
    `# sweep over ${sweep.axes.map((a) => a.id).join(' × ')}: ${sweepSize(scenario)} points; readout ${readoutLabel(sweep.readout)}`,
    ...sweep.axes.map((a) => `# axis ${a.id}: ${a.values.length} values: ${a.values.map(formatNumber).join(',')}`),
  ];
}

function shardLine(spec: ShardSpec, total: number): string {
  const [lo, hi] = shardRange(total, spec.shard, spec.of);
  return `# shard ${spec.shard}/${spec.of}: points [${lo}, ${hi}) of ${total}`;
}

/** Puts a file together: everything above the end line, then the end line with its checksum. */
function assemble(lines: readonly string[], rows: number): string {
  const body = `${lines.join('\n')}\n`;
  return `${body}# end: ${rows} row${rows === 1 ? '' : 's'}, checksum ${hashString(body)}\n`;
}

export interface SweepCsvOptions {
  /** An interrupted sweep's finished points (written to `OUT.partial`, read back by `--resume`). */
  partial?: boolean;
}

/**
 * CSV of `results` (written in index order). A full file holds every point, a shard every point
 * of its slice, a partial file any subset.
 */
export function sweepToCsv(
  scenario: Scenario,
  units: SweepUnits,
  results: readonly PointResult[],
  stamp?: Stamp,
  shard?: ShardSpec,
  options: SweepCsvOptions = {},
): string {
  const lines = sweepHeadLines(scenario, stamp);
  if (shard) lines.push(shardLine(shard, sweepSize(scenario)));
  if (options.partial) {
    lines.push(`# partial: an interrupted sweep's finished points (${results.length} of ${shard ? 'this shard' : sweepSize(scenario)}); continue it with --resume`);
  }
  lines.push(sweepHeader(scenario, units).join(','));
  const sorted = [...results].sort((a, b) => a.index - b.index);
  for (const r of sorted) {
    const p = sweepPointAt(scenario, r.index);
    lines.push([String(r.index), ...p.values.map(formatNumber), formatNumber(r.value), r.status].join(','));
  }
  return assemble(lines, sorted.length);
}

export interface SweepFileRow {
  index: number;
  value: number;
  status: RunStatus;
  /** The row as written (canonical, so it can be copied into a merged file unchanged). */
  text: string;
  /** 1-based line number in the file. */
  line: number;
}

export interface SweepFile {
  name: string;
  /** Stamp, `# sweep over` and `# axis` lines (what `sweepHeadLines` writes). */
  head: string[];
  header: string;
  total: number;
  axes: { id: string; values: number[] }[];
  shard: (ShardSpec & { lo: number; hi: number }) | null;
  partial: boolean;
  rows: SweepFileRow[];
}

function clip(s: string): string {
  return s.length > 60 ? `${JSON.stringify(s.slice(0, 60))}…` : JSON.stringify(s);
}

/** Shortest round-trip spelling of a number (or NaN/Inf/-Inf), as `formatNumber` writes it. */
function isCanonicalNumber(s: string): boolean {
  return s !== '' && formatNumber(parseNumber(s)) === s;
}

/**
 * Reads and validates a sweep file written by `sweepToCsv`, refusing, with file and line, anything
 * that does not match: a missing or wrong end line (a cut file), a wrong checksum (an edited
 * file), and in every row the column count, the point index (an integer in range, in order), the
 * axis values (recomputed from the axis lines), the number format and the status.
 */
export function readSweepFile(name: string, text: string): SweepFile {
  const fail = (line: number, what: string): never => {
    throw new SweepFileError(`${name}:${line}: ${what}`);
  };
  if (text.length === 0) throw new SweepFileError(`${name}: the file is empty; not a ferrosim sweep file`);
  const lines = text.split('\n');
  const tail = lines.pop()!;
  if (tail !== '') {
    fail(lines.length + 1, `the file ends in the middle of a line (${clip(tail)}): it was cut off while being written, e.g. by a killed job`);
  }
  let i = 0;
  const head: string[] = [];
  let sweepLine: RegExpExecArray | null = null;
  const axes: { id: string; values: number[] }[] = [];
  let shardMatch: RegExpExecArray | null = null;
  let shardAt = 0;
  let partial = false;
  for (; i < lines.length && lines[i].startsWith('#'); i++) {
    const l = lines[i];
    if (END_LINE.test(l)) fail(i + 1, 'the end line comes before the table');
    const shard = SHARD_LINE.exec(l);
    if (shard) {
      shardMatch = shard;
      shardAt = i + 1;
      continue;
    }
    if (PARTIAL_LINE.test(l)) {
      partial = true;
      continue;
    }
    head.push(l);
    const sw = SWEEP_LINE.exec(l);
    if (sw) {
      sweepLine = sw;
      continue;
    }
    const ax = AXIS_LINE.exec(l);
    if (ax) {
      const fields = ax[3].split(',');
      if (!fields.every(isCanonicalNumber) || fields.length !== Number(ax[2])) {
        fail(i + 1, `axis line for ${ax[1]} is damaged: expected ${ax[2]} numbers`);
      }
      axes.push({ id: ax[1], values: fields.map(parseNumber) });
    }
  }
  if (!sweepLine) fail(1, "not a ferrosim sweep file (no '# sweep over …' line before the table)");
  const sw = sweepLine!;
  const total = Number(sw[2]);
  const axisIds = sw[1].split(' × ');
  if (axes.length !== axisIds.length || axes.some((a, k) => a.id !== axisIds[k])) {
    fail(i, `the axis lines (${axes.map((a) => a.id).join(', ') || 'none'}) do not match the sweep line (${axisIds.join(', ')})`);
  }
  if (axes.reduce((n, a) => n * a.values.length, 1) !== total) fail(i, `the axes do not have ${total} points between them`);
  let shard: SweepFile['shard'] = null;
  if (shardMatch) {
    const [spec, lo, hi, of] = [{ shard: Number(shardMatch[1]), of: Number(shardMatch[2]) }, Number(shardMatch[3]), Number(shardMatch[4]), Number(shardMatch[5])];
    const valid = spec.of >= 1 && spec.shard >= 1 && spec.shard <= spec.of && of === total;
    const range = valid ? shardRange(total, spec.shard, spec.of) : null;
    if (!range || range[0] !== lo || range[1] !== hi) fail(shardAt, `shard line does not match the grid: shard ${spec.shard}/${spec.of} of ${total} points`);
    shard = { ...spec, lo, hi };
  }

  if (i >= lines.length) fail(i + 1, 'the file ends before the table header: it was cut off while being written');
  const header = lines[i];
  const cols = header.split(',');
  const readout = sw[3];
  const headerOk = cols.length === axes.length + 3 && cols[0] === 'point' && cols[cols.length - 1] === 'status'
    && axes.every((a, k) => cols[k + 1].startsWith(`${a.id} [`)) && cols[axes.length + 1].startsWith(`${readout} [`);
  if (!headerOk) fail(i + 1, `table header does not match the sweep (expected point,${axes.map((a) => `${a.id} […]`).join(',')},${readout} […],status)`);
  i++;

  const [lo, hi] = shard ? [shard.lo, shard.hi] : [0, total];
  const rows: SweepFileRow[] = [];
  let previous = -1;
  for (; i < lines.length && !lines[i].startsWith('#'); i++) {
    const at = i + 1;
    const line = lines[i];
    const f = line.split(',');
    if (f.length !== cols.length) fail(at, `row has ${f.length} columns, the header ${cols.length}: ${clip(line)}`);
    if (!INDEX.test(f[0])) fail(at, `point index ${clip(f[0])} is not a whole number written plainly`);
    const index = Number(f[0]);
    if (index < lo || index >= hi) fail(at, `point ${index} is outside ${shard ? `this shard's range [${lo}, ${hi})` : `the grid [0, ${total})`}`);
    if (index <= previous) fail(at, `point ${index} comes after point ${previous}: rows must be in increasing point order, each once`);
    previous = index;
    let rest = index;
    for (let a = axes.length - 1; a >= 0; a--) {
      const len = axes[a].values.length;
      const expected = formatNumber(axes[a].values[rest % len]);
      rest = Math.floor(rest / len);
      if (f[a + 1] !== expected) fail(at, `${axes[a].id} of point ${index} is ${clip(f[a + 1])}; the grid gives ${expected}`);
    }
    const valueText = f[axes.length + 1];
    if (!isCanonicalNumber(valueText)) fail(at, `${readout} of point ${index} is ${clip(valueText)}, not a number as ferrosim writes them`);
    const status = f[cols.length - 1];
    if (!STATUSES.has(status)) fail(at, `status ${clip(status)} of point ${index} is not one of ${RUN_STATUSES.join(', ')}`);
    const value = parseNumber(valueText);
    if (status === 'success' && !Number.isFinite(value)) fail(at, `point ${index} has status success but value ${valueText}`);
    if (status !== 'success' && !Number.isNaN(value)) fail(at, `point ${index} failed (${status}) but has value ${valueText}`);
    rows.push({ index, value, status: status as RunStatus, text: line, line: at });
  }

  if (i >= lines.length) {
    fail(lines.length, `the file ends without its '# end: N rows, checksum …' line: it was cut off while being written (${rows.length} complete rows)`);
  }
  const end = END_LINE.exec(lines[i]);
  if (!end) fail(i + 1, `expected the end line '# end: N rows, checksum …' after the table, found ${clip(lines[i])}`);
  if (i !== lines.length - 1) fail(i + 2, 'text after the end line');
  if (Number(end![1]) !== rows.length) fail(i + 1, `the end line counts ${end![1]} rows, the table has ${rows.length}`);
  const body = text.slice(0, text.length - lines[i].length - 1);
  if (hashString(body) !== end![2]) fail(i + 1, 'checksum does not match the content: the file was changed after ferrosim wrote it');
  if (!partial && rows.length !== hi - lo) {
    fail(i + 1, `${hi - lo - rows.length} of ${hi - lo} points are missing${shard ? ' from this shard' : ''}, and the file is not marked partial`);
  }
  return { name, head, header, total, axes, shard, partial, rows };
}

/**
 * Why `file` is not exactly the sweep (or shard) the given scenario, units and stamp would give,
 * or null when it is: the stamp (scenario hash, model hash, code version, solver settings), the
 * grid and the shard must all match.
 */
export function sweepFileMismatch(file: SweepFile, scenario: Scenario, units: SweepUnits, stamp: Stamp | undefined, shard: ShardSpec | null): string | null {
  const expected = sweepHeadLines(scenario, stamp);
  for (let k = 0; k < Math.max(expected.length, file.head.length); k++) {
    if (file.head[k] !== expected[k]) {
      return `${file.name} comes from a different scenario, model, code version or grid: its line ${clip(file.head[k] ?? '(missing)')} should be ${clip(expected[k] ?? '(none)')}`;
    }
  }
  if (file.header !== sweepHeader(scenario, units).join(',')) return `${file.name} has a different table header (units) than this scenario`;
  const want = shard ? `shard ${shard.shard}/${shard.of}` : 'the whole sweep';
  const has = file.shard ? `shard ${file.shard.shard}/${file.shard.of}` : 'the whole sweep';
  if (want !== has) return `${file.name} holds ${has}, not ${want}`;
  return null;
}

/**
 * Joins shard files (any order) into the full sweep's CSV, byte for byte the file an unsharded
 * sweep writes. Every file is validated (see `readSweepFile`); all must come from the same
 * scenario and code (identical stamp, grid and header), and together cover every point once.
 */
export function mergeSweepCsv(files: readonly { name: string; text: string }[]): string {
  if (files.length === 0) throw new SweepFileError('merge: no files given');
  const parsed = files.map((f) => readSweepFile(f.name, f.text));
  const first = parsed[0];
  const rows = new Map<number, { text: string; from: string }>();
  for (const p of parsed) {
    if (p.partial) {
      throw new SweepFileError(`merge: ${p.name} is a partial file (an interrupted sweep); finish it with \`ferrosim sweep … --resume\` first`);
    }
    if (p !== first) {
      const differs = p.head.findIndex((l, k) => l !== first.head[k]);
      if (differs >= 0 || p.head.length !== first.head.length) {
        throw new SweepFileError(`merge: ${p.name} comes from a different scenario, model or code version than ${first.name} (line ${differs >= 0 ? differs + 1 : Math.min(p.head.length, first.head.length) + 1} differs)`);
      }
      if (p.header !== first.header) throw new SweepFileError(`merge: ${p.name} has a different table header than ${first.name}`);
    }
    for (const r of p.rows) {
      const prior = rows.get(r.index);
      if (prior) throw new SweepFileError(`merge: point ${r.index} appears in both ${prior.from} and ${p.name}:${r.line}`);
      rows.set(r.index, { text: r.text, from: p.name });
    }
  }
  const total = first.total;
  const missing: number[] = [];
  for (let i = 0; i < total && missing.length < 10; i++) if (!rows.has(i)) missing.push(i);
  if (missing.length > 0) {
    throw new SweepFileError(`merge: ${total - rows.size} of ${total} points are missing (first: ${missing.join(', ')}); is a shard file missing?`);
  }
  const lines = [...first.head, first.header];
  for (let i = 0; i < total; i++) lines.push(rows.get(i)!.text);
  return assemble(lines, total);
}
