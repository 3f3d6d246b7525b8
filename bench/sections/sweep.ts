/**
 * Sweep throughput: solves per second of the IFN-γ × erastin 72-h scenario (scenarios/ifng-erastin
 * .yaml) on a 100 × 100 log grid, with 1 and 2 workers (threads computing), and the extrapolated time
 * of the full 10 000-point sweep against the 10-s target. Points are taken spread over the whole grid (a
 * stride through the index range), so easy and hard corners are both represented.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import type { BenchContext } from '../lib/context.ts';
import { median } from '../lib/timing.ts';
import { parseScenario, requireModel, sweepSize } from '../../src/scenario/index.ts';
import { runSweepPoints } from '../../src/cli/pool.ts';
import { applySweepPoint, sweepPointAt } from '../../src/scenario/sweep.ts';
import { runScenarioWith, sharedCheckpoints } from '../../src/scenario/run.ts';
import type { Scenario } from '../../src/scenario/types.ts';

const TARGET_S = 10;

function gridScenarioText(): string {
  const path = fileURLToPath(new URL('../../scenarios/ifng-erastin.yaml', import.meta.url));
  const text = readFileSync(path, 'utf8');
  // Same scenario, a 100 × 100 grid, no expectations (they name points of the shipped grid).
  const head = text.slice(0, text.indexOf('\nsweep:'));
  return `${head}
sweep:
  IFNG: { from: 0.01, to: 100, points: 100, scale: log }
  erastin: { from: 0.01, to: 100, points: 100, scale: log }
  readout: { output: viability, at: 72 }
`;
}

export default async function sweepSection(ctx: BenchContext): Promise<string> {
  const text = gridScenarioText();
  const parsed = parseScenario(text, 'ifng-erastin-100x100.yaml');
  if (!parsed.scenario) throw new Error(parsed.errors.map((e) => e.message).join('; '));
  const scenario = parsed.scenario;
  requireModel(scenario.model); // compile outside the timed region
  const total = sweepSize(scenario);
  // Enough points that the second half of the run has every thread computing (a worker thread
  // needs about a second to start, during which the calling thread computes alone).
  const subset = ctx.quick ? 60 : 2000;
  const stride = Math.floor(total / subset);
  const indices = Array.from({ length: subset }, (_, k) => k * stride + (k % stride));
  const source = { text, fileName: 'ifng-erastin-100x100.yaml' };

  const rows: { workers: number; points: number; seconds: number; startupS: number; solvesPerS: number; fullS: number }[] = [];
  for (const workers of [1, 2]) {
    ctx.log(`sweep: ${subset} of ${total} points with ${workers} worker${workers === 1 ? '' : 's'}…`);
    if (workers === 1) await runSweepPoints(scenario, source, indices.slice(0, 5), { workers: 1 }); // JIT warm-up
    // Throughput is measured over the second half of the points, when start-up is over; the full
    // sweep is the time to reach that half plus the rest of the grid at that rate. Start-up is the
    // time before the first result beyond what that result's points cost at the measured rate.
    let tFirst = 0;
    let dFirst = 0;
    let tMid = 0;
    let dMid = 0;
    const t0 = performance.now();
    const results = await runSweepPoints(scenario, source, indices, {
      workers,
      onProgress: (d) => {
        const now = performance.now();
        if (dFirst === 0) {
          dFirst = d;
          tFirst = now;
        }
        if (dMid === 0 && d >= subset / 2) {
          dMid = d;
          tMid = now;
        }
      },
    });
    const tEnd = performance.now();
    const seconds = (tEnd - t0) / 1000;
    const failed = results.filter((r) => r.status !== 'success').length;
    if (failed > 0) ctx.log(`sweep: ${failed} of ${subset} solves failed`);
    const solvesPerS = (subset - dMid) / Math.max((tEnd - tMid) / 1000, 1e-9);
    const startupS = Math.max(0, (tFirst - t0) / 1000 - dFirst / solvesPerS);
    const fullS = (tMid - t0) / 1000 + (total - dMid) / solvesPerS;
    rows.push({ workers, points: subset, seconds, startupS, solvesPerS, fullS });
  }
  const shared = checkpointComparison(scenario, ctx.quick ? 100 : 400, ctx.quick ? 1 : 5);
  ctx.saveJson('sweep', { scenario: 'ifng-erastin 100x100', total, rows, checkpoints: shared, target_s: TARGET_S, cpus: os.cpus().length, node: process.version });

  const lines = [
    '## Sweep throughput (IFN-γ × erastin, 72 h, 100 × 100 grid)',
    '',
    `Measured on ${subset} of ${total} grid points spread over the grid; solves/s over the second half of them; the full-sweep time ` +
      'is the time to that half plus the rest of the grid at that rate. With 2 workers the calling thread computes while the worker thread starts.',
    '',
    '| workers | points | wall [s] | start-up [s] | solves/s | full 100×100 [s] | target ≤ 10 s |',
    '|---:|---:|---:|---:|---:|---:|:---:|',
    ...rows.map((r) => `| ${r.workers} | ${r.points} | ${r.seconds.toFixed(2)} | ${r.startupS.toFixed(2)} | ${r.solvesPerS.toFixed(1)} | ${r.fullS.toFixed(1)} | ${r.fullS <= TARGET_S ? 'yes' : 'no'} |`),
    '',
    `Shared beginnings (src/scenario/checkpoints.ts), one thread, ${shared.points / 100} whole IFN-γ rows spread over the grid (${shared.points} points in grid order), ` +
      `${shared.repeats} alternating repeats: ms per point without checkpoints ${shared.offMs.map((x) => x.toFixed(3)).join(', ')}; ` +
      `with ${shared.onMs.map((x) => x.toFixed(3)).join(', ')}; ratio of medians **${shared.ratio.toFixed(2)}×**; readouts and step counts identical: ${shared.identical ? 'yes' : '**NO**'}.`,
    '',
    `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}.`,
  ];
  return lines.join('\n');
}

/**
 * The same points solved in this thread with and without checkpoints, alternating, so the ratio
 * comes from one run on one machine state; the readouts and step counts must be identical.
 */
function checkpointComparison(scenario: Scenario, points: number, repeats: number) {
  const model = requireModel(scenario.model);
  const readout = scenario.sweep!.readout;
  // Whole IFN-γ rows spread over the grid (rows of 100 erastin doses, in grid order).
  const rows = points / 100;
  const indices = Array.from({ length: points }, (_, k) => Math.floor(((Math.floor(k / 100) + 0.5) * 100) / rows) * 100 + (k % 100));
  const scenarios = indices.map((i) => applySweepPoint(scenario, sweepPointAt(scenario, i)));
  for (const s of scenarios.slice(0, 20)) runScenarioWith(model, s, { outputs: [readout.output], times: [readout.at ?? s.end] }); // JIT warm-up
  const offMs: number[] = [];
  const onMs: number[] = [];
  let identical = true;
  let reference: number[] | null = null;
  for (let r = 0; r < repeats; r++) {
    for (const on of [false, true]) {
      sharedCheckpoints.clear();
      const values: number[] = [];
      const t0 = performance.now();
      for (const s of scenarios) {
        const res = runScenarioWith(model, s, { outputs: [readout.output], times: [readout.at ?? s.end], checkpoints: on });
        values.push(res.outputs[0].values[0], res.stats.steps);
      }
      (on ? onMs : offMs).push((performance.now() - t0) / points);
      if (reference === null) reference = values;
      else identical &&= values.every((v, i) => Object.is(v, reference![i]));
    }
  }
  sharedCheckpoints.clear();
  return { points, repeats, offMs, onMs, ratio: median(onMs) / median(offMs), identical };
}
