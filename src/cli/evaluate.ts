/**
 * Computes what `check` and `golden` compare: the golden-form CSV of a scenario (its run, or its
 * sweep table), plus its expectations and, for 1-D sweeps, the Hill fit.
 */
import { dirname, join } from 'node:path';
import {
  checkRunExpectations, checkSweepExpectations, expectationTimes, fitHill, requireModel, resultToWideCsv, runScenario, sweepSize,
  sweepToCsv, unitOf, type ExpectationOutcome, type HillFit, type PointResult, type Scenario, type ScenarioResult,
  type SweepUnits,
} from '../scenario/core.ts';
import type { CompiledModel } from '../model/types.ts';
import type { Loaded } from './load.ts';
import { runSweepPoints } from './pool.ts';
import { makeStamp } from './stamp.ts';
import { createProgress } from './progress.ts';

export interface Evaluated {
  scenario: Scenario;
  model: CompiledModel;
  csv: string;
  result?: ScenarioResult;
  sweep?: { results: PointResult[]; fit: HillFit | null; units: SweepUnits };
  expectations: ExpectationOutcome[];
  /** Solver failures (empty when every solve succeeded). */
  failures: string[];
}

export function goldenPath(loaded: Loaded): string {
  return join(dirname(loaded.path), 'golden', `${loaded.scenario.name}.csv`);
}

import { sweepUnits } from '../scenario/sweep-csv.ts';
export { sweepUnits };

export function hillFitOf(scenario: Scenario, results: readonly PointResult[]): HillFit | null {
  if (!scenario.sweep || scenario.sweep.axes.length !== 1) return null;
  const xs: number[] = [];
  const ys: number[] = [];
  scenario.sweep.axes[0].values.forEach((x, i) => {
    if (Number.isFinite(results[i].value)) {
      xs.push(x);
      ys.push(results[i].value);
    }
  });
  try {
    return fitHill(xs, ys);
  } catch {
    return null; // too few usable points or doses: no fit, which the expectations report as NaN
  }
}

export async function evaluateLoaded(loaded: Loaded, options: { workers?: number; quiet?: boolean } = {}): Promise<Evaluated> {
  const scenario = loaded.scenario;
  const model = requireModel(scenario.model);
  const stamp = makeStamp(model, scenario);
  if (scenario.sweep) {
    const total = sweepSize(scenario);
    const progress = createProgress(total, scenario.name, process.stderr, options.quiet ?? false);
    const indices = Array.from({ length: total }, (_, i) => i);
    // A worker starts in about 0.1 s (it receives the compiled model and loads no compiler), but
    // the calling thread finishes small sweeps before that pays. The numbers are identical either way.
    const workers = options.workers ?? (total >= 200 ? undefined : 1);
    const results = await runSweepPoints(scenario, { text: loaded.text, fileName: loaded.scenario.file }, indices, {
      workers, onProgress: (d) => progress.tick(d),
    });
    progress.finish();
    const units = sweepUnits(model, scenario);
    const fit = hillFitOf(scenario, results);
    const failures = results.filter((r) => r.status !== 'success').map((r) => `point ${r.index}: ${r.status} ${r.message}`);
    return {
      scenario, model, csv: sweepToCsv(scenario, units, results, stamp), sweep: { results, fit, units },
      expectations: checkSweepExpectations(scenario, results.map((r) => r.value), fit), failures,
    };
  }
  const result = runScenario(scenario, { model });
  const failures = result.status === 'success' ? [] : [`${result.status}: ${result.message}`];
  // Expectations may name outputs or times the golden table does not carry: run those separately,
  // so the golden table is exactly what `ferrosim run` writes.
  const needOutputs = [...new Set([...scenario.outputs, ...scenario.expect.map((e) => e.output!)])];
  const needTimes = [...new Set([...scenario.times, ...expectationTimes(scenario)])].sort((a, b) => a - b);
  const covered = needOutputs.length === scenario.outputs.length && needTimes.length === scenario.times.length;
  const forExpect = covered ? result : runScenario(scenario, { model, outputs: needOutputs, times: needTimes });
  return {
    scenario, model, csv: resultToWideCsv(result, stamp), result,
    expectations: checkRunExpectations(scenario, forExpect), failures,
  };
}
