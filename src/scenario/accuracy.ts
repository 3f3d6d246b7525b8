/**
 * How accurate a scenario's golden outputs are at given solver tolerances: each output (every
 * output at every time of a run; every readout of a sweep) is compared with a tight reference
 * solve (rtol 1e-10), and the error is measured in units of the scenario's golden tolerance,
 * |x − ref| / (atol_g + rtol_g·|ref|), the same rule the golden check applies. A worst value of
 * 1 means the solver alone uses up the whole golden tolerance; the default solver tolerances are
 * chosen so that it is at most 1/3 for every shipped scenario (test/scenario/accuracy.test.ts,
 * scripts/accuracy-scan.ts).
 */
import type { CompiledModel } from '../model/types.ts';
import { runScenarioWith } from './run.ts';
import { evaluateSweepPointWith, sweepPointAt, sweepSize } from './sweep.ts';
import type { Scenario } from './types.ts';

/** The reference: far tighter than any golden tolerance (1e-4 relative, 1e-8 absolute). */
export const REFERENCE_TOLERANCE = { rtol: 1e-10, atol: 1e-14 } as const;

export interface AccuracyRow {
  rtol: number;
  atol: number;
  /** Largest error as a fraction of the golden tolerance. */
  worst: number;
  /** Where that error is: "GSH at t = 12 h" or "point 3". */
  where: string;
  /** Solver steps, summed over the run or all sweep points. */
  steps: number;
}

function withSolver(scenario: Scenario, tol: { rtol: number; atol: number }): Scenario {
  return { ...scenario, solver: { ...scenario.solver, rtol: tol.rtol, atol: tol.atol } };
}

/** Values a golden file holds for the scenario at the given tolerances, with their labels. */
function goldenValues(model: CompiledModel, scenario: Scenario): { values: number[]; labels: (k: number) => string; steps: number } {
  if (scenario.sweep) {
    const n = sweepSize(scenario);
    const values: number[] = [];
    let steps = 0;
    for (let i = 0; i < n; i++) {
      const r = evaluateSweepPointWith(model, scenario, sweepPointAt(scenario, i));
      values.push(r.value);
      steps += r.steps;
    }
    return { values, labels: (k) => `point ${k}`, steps };
  }
  const r = runScenarioWith(model, scenario, { checkpoints: false });
  const values: number[] = [];
  const labels: string[] = [];
  for (const o of r.outputs) {
    o.values.forEach((v, k) => {
      values.push(v);
      labels.push(`${o.id} at t = ${r.times[k]} h`);
    });
  }
  return { values, labels: (k) => labels[k]!, steps: r.stats.steps };
}

export function scenarioAccuracy(model: CompiledModel, scenario: Scenario, candidates: readonly { rtol: number; atol: number }[]): AccuracyRow[] {
  const ref = goldenValues(model, withSolver(scenario, REFERENCE_TOLERANCE));
  const { rtol: gr, atol: ga } = scenario.tolerance;
  return candidates.map((c) => {
    const got = goldenValues(model, withSolver(scenario, c));
    let worst = 0;
    let at = 0;
    got.values.forEach((v, k) => {
      const r = ref.values[k]!;
      const e = Number.isNaN(v) && Number.isNaN(r) ? 0 : Math.abs(v - r) / (ga + gr * Math.abs(r));
      if (!(e <= worst)) {
        worst = e;
        at = k;
      }
    });
    return { rtol: c.rtol, atol: c.atol, worst, where: ref.labels(at), steps: got.steps };
  });
}
