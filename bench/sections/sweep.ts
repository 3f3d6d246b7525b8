/**
 * Sweep throughput: solves per second of the IFN-γ × erastin 72-h scenario (scenarios/ifng-erastin
 * .yaml) on a 100 × 100 log grid, with 1 and 2 workers, and the extrapolated time of the full
 * 10 000-point sweep against the 10-s target. Points are taken spread over the whole grid (a
 * stride through the index range), so easy and hard corners are both represented.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import type { BenchContext } from '../lib/context.ts';
import { parseScenario, requireModel, sweepSize } from '../../src/scenario/index.ts';
import { runSweepPoints } from '../../src/cli/pool.ts';

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
  const subset = ctx.quick ? 60 : 400;
  const stride = Math.floor(total / subset);
  const indices = Array.from({ length: subset }, (_, k) => k * stride + (k % stride));
  const source = { text, fileName: 'ifng-erastin-100x100.yaml' };

  const rows: { workers: number; points: number; seconds: number; startupS: number; solvesPerS: number; fullS: number }[] = [];
  for (const workers of [1, 2]) {
    ctx.log(`sweep: ${subset} of ${total} points with ${workers} worker${workers === 1 ? '' : 's'}…`);
    if (workers === 1) await runSweepPoints(scenario, source, indices.slice(0, 5), { workers: 1 }); // JIT warm-up
    // Throughput is measured from the first finished batch to the last, so worker start-up
    // (loading the compiler, compiling the model, the steady state) is reported separately.
    let tFirst = 0;
    let dFirst = 0;
    const t0 = performance.now();
    const results = await runSweepPoints(scenario, source, indices, {
      workers,
      onProgress: (d) => {
        if (dFirst === 0) {
          dFirst = d;
          tFirst = performance.now();
        }
      },
    });
    const tEnd = performance.now();
    const seconds = (tEnd - t0) / 1000;
    const failed = results.filter((r) => r.status !== 'success').length;
    if (failed > 0) ctx.log(`sweep: ${failed} of ${subset} solves failed`);
    const solvesPerS = (subset - dFirst) / Math.max((tEnd - tFirst) / 1000, 1e-9);
    const startupS = Math.max(0, (tFirst - t0) / 1000 - dFirst / solvesPerS);
    rows.push({ workers, points: subset, seconds, startupS, solvesPerS, fullS: startupS + total / solvesPerS });
  }
  ctx.saveJson('sweep', { scenario: 'ifng-erastin 100x100', total, rows, target_s: TARGET_S, cpus: os.cpus().length, node: process.version });

  const lines = [
    '## Sweep throughput (IFN-γ × erastin, 72 h, 100 × 100 grid)',
    '',
    `Measured on ${subset} of ${total} grid points spread over the grid; the full-sweep time is extrapolated.`,
    '',
    '| workers | points | wall [s] | start-up [s] | solves/s | full 100×100 [s] | target ≤ 10 s |',
    '|---:|---:|---:|---:|---:|---:|:---:|',
    ...rows.map((r) => `| ${r.workers} | ${r.points} | ${r.seconds.toFixed(2)} | ${r.startupS.toFixed(2)} | ${r.solvesPerS.toFixed(1)} | ${r.fullS.toFixed(1)} | ${r.fullS <= TARGET_S ? 'yes' : 'no'} |`),
    '',
    `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}.`,
  ];
  return lines.join('\n');
}
