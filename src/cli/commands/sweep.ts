/** `ferrosim sweep FILE`. */
import { existsSync, unlinkSync } from 'node:fs';
import { populationLabel } from '../../scenario/population.ts';
import {
  blissExcess, readoutLabel, requireModel, shardRange, sweepSize, sweepToCsv, sweepPointAt,
  type HillFit, type PointResult, type Scenario, type ShardSpec,
} from '../../scenario/core.ts';
import { readMatching } from '../shard-file.ts';
import { FailureError, UserError } from '../errors.ts';
import { loadOrThrow } from '../load.ts';
import { SMALL_SWEEP, defaultWorkers, prestartWorkers, releasePrestartedWorkers, runSweepPoints } from '../pool.ts';
import { createProgress } from '../progress.ts';
import { makeStamp } from '../stamp.ts';
import { fmt, table } from '../table.ts';
import { checkOutputPath, writeOutput } from '../output.ts';
import { hillFitOf, sweepUnits } from '../evaluate.ts';

export function hillTable(scenario: Scenario, fit: HillFit, units: { axis: string; readout: string }): string {
  const axis = scenario.sweep!.axes[0].id;
  return table(['Hill fit', 'value', 'unit'], [
    ['EC50', fmt(fit.ec50, 4), units.axis || '1'],
    ['EC50 95% CI', `${fmt(fit.ec50CI[0], 3)}–${fmt(fit.ec50CI[1], 3)}`, units.axis || '1'],
    ['slope', fmt(fit.slope, 4), '1'],
    ['slope 95% CI', `${fmt(fit.slopeCI[0], 3)}–${fmt(fit.slopeCI[1], 3)}`, '1'],
    [`top (${axis} → 0)`, fmt(fit.top, 4), units.readout || '1'],
    [`bottom (${axis} → ∞)`, fmt(fit.bottom, 4), units.readout || '1'],
    ['rmse', fmt(fit.rmse, 3), units.readout || '1'],
    ['r²', fmt(fit.r2, 5), '1'],
  ]) + (fit.ok ? (fit.message ? `\n(note: ${fit.message})` : '') : `\n(fit not reliable: ${fit.message})`) + (fit.caveat ? `\n(caveat: ${fit.caveat})` : '');
}

function resultTable(scenario: Scenario, results: readonly PointResult[], units: { axes: string[]; readout: string }): string {
  const sweep = scenario.sweep!;
  const label = `${readoutLabel(sweep.readout)} [${units.readout || '1'}]`;
  if (sweep.axes.length === 2 && sweep.axes[0].values.length <= 25 && sweep.axes[1].values.length <= 12) {
    const [a, b] = sweep.axes;
    const header = [`${a.id} \\ ${b.id}`, ...b.values.map((v) => fmt(v, 3))];
    const rows = a.values.map((va, i) => [fmt(va, 3), ...b.values.map((_, j) => fmt(results[i * b.values.length + j].value, 4))]);
    return `${label}, rows ${a.id} [${units.axes[0] || '1'}], columns ${b.id} [${units.axes[1] || '1'}]:\n${table(header, rows)}`;
  }
  if (results.length > 60) return `${results.length} points (see the CSV for every value)`;
  const header = [...sweep.axes.map((a, i) => `${a.id} [${units.axes[i] || '1'}]`), label];
  // Failed points stay in the table, with their status.
  const withStatus = results.some((r) => r.status !== 'success');
  return table(withStatus ? [...header, 'status'] : header, results.map((r) => [
    ...sweepPointAt(scenario, r.index).values.map((v) => fmt(v, 4)), fmt(r.value, 6), ...(withStatus ? [r.status] : []),
  ]));
}

/** Bliss excess over a 2-D viability grid whose axes both start at dose 0 (> 0: synergy). */
function blissTable(scenario: Scenario, results: readonly PointResult[]): string | null {
  const sweep = scenario.sweep!;
  if (sweep.axes.length !== 2 || sweep.readout.output !== 'viability') return null;
  const [a, b] = sweep.axes;
  if (a.values[0] !== 0 || b.values[0] !== 0 || a.values.length > 25 || b.values.length > 12) return null;
  if (results.some((r) => !Number.isFinite(r.value)) || !(results[0].value > 0)) return null;
  const excess = blissExcess(a.values, b.values, results.map((r) => r.value));
  const header = [`${a.id} \\ ${b.id}`, ...b.values.map((v) => fmt(v, 3))];
  const rows = a.values.map((va, i) => [fmt(va, 3), ...b.values.map((_, j) => (excess[i * b.values.length + j]).toFixed(3))]);
  return `Bliss excess of the effect (1 − viability relative to untreated; > 0 synergy, < 0 antagonism):\n${table(header, rows)}`;
}

/** Exit codes of a sweep stopped by a signal: 128 + the signal number, as shells report it. */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * The points an earlier, interrupted run of this sweep finished (`OUT.partial`), validated against
 * this scenario, code and shard. Only successful points are kept: any other is computed again
 * (a failure may have been a dying worker), which gives the same bytes as an uninterrupted run.
 */
function resumeFrom(partialPath: string, scenario: Scenario, shard: ShardSpec | null): PointResult[] {
  if (!existsSync(partialPath)) return [];
  const read = readMatching(partialPath, scenario, shard);
  if (!read.ok) throw new UserError(`cannot resume from ${partialPath}: ${read.problem}; delete it to start afresh`);
  return read.file.rows
    .filter((r) => r.status === 'success')
    .map((r) => ({ index: r.index, value: r.value, status: r.status, message: '', steps: 0 }));
}

type SweepOptions = { workers?: number; shard?: ShardSpec; out?: string; quiet?: boolean; resume?: boolean };

export async function sweepCommand(file: string, opts: SweepOptions): Promise<void> {
  if (opts.out && !/\.csv$/i.test(opts.out)) throw new UserError(`--out must end in .csv (got '${opts.out}')`);
  if (opts.resume && !opts.out) throw new UserError('--resume needs --out OUT: it continues from OUT.partial');
  if (opts.out) {
    checkOutputPath(opts.out, '--out', [file]);
    checkOutputPath(`${opts.out}.partial`, '--out', [file]);
  }
  const workers = opts.workers ?? defaultWorkers();
  // The worker threads load their code while this thread reads and parses the scenario.
  if (workers > 1) prestartWorkers(workers - 1);
  try {
    await sweepWith(file, workers, opts);
  } finally {
    await releasePrestartedWorkers();
  }
}

async function sweepWith(file: string, workers: number, opts: SweepOptions): Promise<void> {
  const partialPath = opts.out ? `${opts.out}.partial` : null;
  const loaded = await loadOrThrow(file);
  const scenario = loaded.scenario;
  if (!scenario.sweep) throw new UserError(`${file} has no sweep section; use \`ferrosim run\` for a single simulation`);
  const model = requireModel(scenario.model);
  const total = sweepSize(scenario);
  const [lo, hi] = opts.shard ? shardRange(total, opts.shard.shard, opts.shard.of) : [0, total];
  const units = sweepUnits(model, scenario);
  const stamp = makeStamp(model, scenario);
  const reused = opts.resume ? resumeFrom(partialPath!, scenario, opts.shard ?? null) : [];
  if (opts.resume) {
    process.stderr.write(reused.length > 0
      ? `resuming from ${partialPath}: ${reused.length} of ${hi - lo} points already finished\n`
      : `nothing to resume in ${partialPath}${existsSync(partialPath!) ? '' : ' (no such file)'}; computing every point\n`);
  } else if (partialPath && existsSync(partialPath)) {
    process.stderr.write(`note: ${partialPath} holds an interrupted run of this sweep; \`--resume\` would continue it (this run replaces it)\n`);
  }
  const have = new Set(reused.map((r) => r.index));
  const indices: number[] = [];
  for (let i = lo; i < hi; i++) if (!have.has(i)) indices.push(i);

  // On SIGINT/SIGTERM: keep every finished point in OUT.partial (never in OUT), say so, exit 130/143.
  const finished: PointResult[] = [...reused];
  const onSignal = (signal: keyof typeof SIGNAL_EXIT): void => {
    process.stderr.write('\n');
    if (partialPath) {
      try {
        writeOutput(partialPath, sweepToCsv(scenario, units, finished, stamp, opts.shard, { partial: true }));
      } catch (e) {
        process.stderr.write(`ferrosim: interrupted by ${signal}, and the finished points could not be kept: ${(e as Error).message}\n`);
        process.exit(SIGNAL_EXIT[signal]);
      }
      const again = ['ferrosim sweep', file, ...(opts.shard ? ['--shard', `${opts.shard.shard}/${opts.shard.of}`] : []), '--out', opts.out!, '--resume'].join(' ');
      process.stderr.write(`ferrosim: interrupted by ${signal}: ${finished.length} of ${hi - lo} points finished, written to ${partialPath}; continue with \`${again}\`\n`);
    } else {
      process.stderr.write(`ferrosim: interrupted by ${signal}: ${finished.length} of ${hi - lo} points were finished but not kept (no --out given)\n`);
    }
    process.exit(SIGNAL_EXIT[signal]);
  };
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((sig) => [sig, () => onSignal(sig)] as const);
  for (const [sig, h] of handlers) process.once(sig, h);

  const progress = createProgress(indices.length, scenario.name, process.stderr, opts.quiet ?? false);
  const t0 = performance.now();
  let fresh: PointResult[];
  try {
    fresh = await runSweepPoints(scenario, { text: loaded.text, fileName: scenario.file }, indices, {
      workers: opts.workers, onProgress: (d) => progress.tick(d), onResult: (r) => finished.push(r),
    });
  } finally {
    for (const [sig, h] of handlers) process.off(sig, h);
  }
  progress.finish();
  const seconds = (performance.now() - t0) / 1000;
  const threads = opts.workers === undefined && indices.length < SMALL_SWEEP ? 1 : Math.min(workers, Math.max(1, indices.length));
  const results = [...reused, ...fresh].sort((a, b) => a.index - b.index);
  const csv = sweepToCsv(scenario, units, results, stamp, opts.shard);

  const out: string[] = [];
  const what = opts.shard ? `shard ${opts.shard.shard}/${opts.shard.of} (points ${lo}–${hi - 1} of ${total})` : `${total} points`;
  out.push(`${scenario.name}: ${what}, readout ${readoutLabel(scenario.sweep.readout)}`);
  if (scenario.population) out.push(`population: ${populationLabel(scenario.population)}; each point costs ${scenario.population.cells} solves`);
  if (reused.length > 0) out.push(`${reused.length} points taken from ${partialPath}`);
  out.push(`${indices.length} solves in ${seconds.toFixed(2)} s (${(indices.length / Math.max(seconds, 1e-9)).toFixed(1)} solves/s, ${threads} worker${threads === 1 ? '' : 's'})`);
  if (!opts.shard) {
    out.push(resultTable(scenario, results, units));
    const fit = hillFitOf(scenario, results);
    if (fit) out.push(hillTable(scenario, fit, { axis: units.axes[0], readout: units.readout }));
    const bliss = blissTable(scenario, results);
    if (bliss) out.push(bliss);
  }
  // A shard without --out writes its CSV to stdout (for `> part.csv`); the summary then goes to stderr.
  const csvToStdout = Boolean(opts.shard && !opts.out);
  (csvToStdout ? process.stderr : process.stdout).write(`${out.join('\n')}\n`);
  if (opts.out) {
    writeOutput(opts.out, csv);
    if (existsSync(partialPath!)) unlinkSync(partialPath!);
    process.stdout.write(`wrote ${opts.out}\n`);
  } else if (csvToStdout) {
    process.stdout.write(csv);
  }
  const failed = results.filter((r) => r.status !== 'success');
  if (failed.length > 0) {
    throw new FailureError(`${failed.length} of ${results.length} solves failed; first: point ${failed[0].index}: ${failed[0].status}: ${failed[0].message}`);
  }
}
