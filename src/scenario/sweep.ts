/** Evaluating sweep points: one solve per grid point (see grid.ts for the grid itself). */
import type { CompiledModel } from '../model/types.ts';
import { runScenarioWith } from './run.ts';
import { applySweepPoint, readoutLabel, readoutTimes, seriesStat, type PointResult, type SweepPoint } from './grid.ts';
import type { Scenario } from './types.ts';

export * from './grid.ts';

/** Solves one grid point and returns its readout (NaN, with the status, if the solve failed). */
export function evaluateSweepPointWith(model: CompiledModel, scenario: Scenario, point: SweepPoint): PointResult {
  const readout = scenario.sweep!.readout;
  const times = readoutTimes(scenario, readout);
  const r = runScenarioWith(model, applySweepPoint(scenario, point), { outputs: [readout.output], times });
  const series = r.outputs[0].values;
  const ok = r.status === 'success';
  const value = !ok ? NaN : readout.at !== undefined ? series[0] : seriesStat(r.times, series, readout.stat!);
  if (ok && !Number.isFinite(value)) {
    // Finite samples can still sum to a non-finite AUC (overflow): a failure too, never an Inf row.
    return { index: point.index, value: NaN, status: 'non-finite-output', message: `${readoutLabel(readout)} is ${value}`, steps: r.stats.steps };
  }
  return { index: point.index, value, status: r.status, message: r.message, steps: r.stats.steps };
}
