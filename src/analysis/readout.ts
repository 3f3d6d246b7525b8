/**
 * The number an analysis studies, for one parameter vector: a scenario output at a time, a
 * statistic of it, or a Hill-fit parameter of the scenario's 1-D sweep. Failures are NaN with a
 * status, never thrown, so one bad sample cannot sink a design.
 */
import type { CompiledModel } from '../model/types.ts';
import { fitHill } from '../scenario/hill.ts';
import { applySweepPoint, readoutTimes, seriesStat, type PointResult } from '../scenario/grid.ts';
import { runScenarioWith } from '../scenario/run.ts';
import type { AnalysisReadout } from '../scenario/analysis-blocks.ts';
import type { Scenario } from '../scenario/types.ts';

/** The scenario with parameters overridden, and its sweep removed unless the readout needs it. */
export function withParameters(scenario: Scenario, values: Record<string, number>): Scenario {
  return { ...scenario, parameters: { ...scenario.parameters, ...values } };
}

/** Evaluates the readout with these parameter values (design point `index`, for the result). */
export function evaluateReadout(model: CompiledModel, scenario: Scenario, readout: AnalysisReadout, values: Record<string, number>, index: number): PointResult {
  const sc = withParameters(scenario, values);
  if (readout.fit !== undefined) return fitReadout(model, sc, readout.fit, index);
  const times = readoutTimes(sc, { output: readout.output, ...(readout.at !== undefined ? { at: readout.at } : { stat: readout.stat! }) });
  const r = runScenarioWith(model, sc, { outputs: [readout.output], times });
  const series = r.outputs[0].values;
  const ok = r.status === 'success';
  const value = !ok ? NaN : readout.at !== undefined ? series[0] : seriesStat(r.times, series, readout.stat!);
  return { index, value, status: r.status, message: r.message, steps: r.stats.steps };
}

function fitReadout(model: CompiledModel, sc: Scenario, fit: NonNullable<AnalysisReadout['fit']>, index: number): PointResult {
  const sweep = sc.sweep!;
  const axis = sweep.axes[0];
  const ys: number[] = [];
  const xs: number[] = [];
  let steps = 0;
  for (let i = 0; i < axis.values.length; i++) {
    const point = applySweepPoint(sc, { index: i, values: [axis.values[i]] });
    const r = runScenarioWith(model, point, { outputs: [sweep.readout.output], times: readoutTimes(point, sweep.readout) });
    steps += r.stats.steps;
    if (r.status !== 'success') return { index, value: NaN, status: r.status, message: `${axis.id} = ${axis.values[i]}: ${r.message}`, steps };
    const v = sweep.readout.at !== undefined ? r.outputs[0].values[0] : seriesStat(r.times, r.outputs[0].values, sweep.readout.stat!);
    xs.push(axis.values[i]);
    ys.push(v);
  }
  try {
    const h = fitHill(xs, ys);
    return { index, value: h.ok ? h[fit] : NaN, status: 'success', message: h.ok ? '' : 'no Hill fit: the responses carry no dose dependence', steps };
  } catch (e) {
    return { index, value: NaN, status: 'success', message: `no Hill fit: ${(e as Error).message}`, steps };
  }
}
