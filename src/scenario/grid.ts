/**
 * Sweep grids: pure data, no solver, so `merge` and the UI can use them cheaply. The grid order
 * is fixed (first axis outermost), and every point is solved independently from the same start,
 * so any split of the points over workers, shards or browser Web Workers gives bit-identical
 * readouts.
 */
import type { RunStatus } from './run.ts';
import type { Readout, Scenario, Stat } from './types.ts';

export interface SweepPoint {
  /** Position in the grid (row-major, first axis outermost). */
  index: number;
  /** Axis values, in axis order. */
  values: number[];
}

export function sweepSize(scenario: Scenario): number {
  if (!scenario.sweep) return 0;
  return scenario.sweep.axes.reduce((n, a) => n * a.values.length, 1);
}

/** The grid point with index `index`. */
export function sweepPointAt(scenario: Scenario, index: number): SweepPoint {
  const axes = scenario.sweep?.axes;
  if (!axes) throw new RangeError(`sweepPointAt: scenario '${scenario.name}' has no sweep`);
  const size = sweepSize(scenario);
  if (!Number.isInteger(index) || index < 0 || index >= size) {
    throw new RangeError(`sweepPointAt: index must be an integer in [0, ${size}). Value: ${index}`);
  }
  const values = new Array<number>(axes.length);
  let rest = index;
  for (let a = axes.length - 1; a >= 0; a--) {
    const len = axes[a].values.length;
    values[a] = axes[a].values[rest % len];
    rest = Math.floor(rest / len);
  }
  return { index, values };
}

/** Every grid point, in the fixed order. */
export function sweepGrid(scenario: Scenario): SweepPoint[] {
  return Array.from({ length: sweepSize(scenario) }, (_, i) => sweepPointAt(scenario, i));
}

/**
 * The scenario at one grid point. A swept input that has a schedule keeps its timing: the swept
 * value replaces every non-zero value of the schedule (so `RSL3: [{ at: 48, value: 1 }]` swept
 * over doses means "add the swept dose at 48 h"). Otherwise it is constant from t = 0. A swept
 * parameter overrides the parameter (and so also the steady start).
 */
export function applySweepPoint(scenario: Scenario, point: SweepPoint): Scenario {
  const axes = scenario.sweep?.axes ?? [];
  const inputs = { ...scenario.inputs };
  const parameters = { ...scenario.parameters };
  axes.forEach((axis, a) => {
    const v = point.values[a];
    if (axis.kind === 'parameter') {
      parameters[axis.id] = v;
      return;
    }
    const schedule = inputs[axis.id];
    if (schedule && !(schedule.length === 1 && schedule[0].at === 0)) {
      inputs[axis.id] = schedule.map((s) => ({ at: s.at, value: s.value !== 0 ? v : 0 }));
    } else {
      inputs[axis.id] = [{ at: 0, value: v }];
    }
  });
  return { ...scenario, inputs, parameters };
}

/** Sample times a readout needs: one time for `at`/`final`, the output grid for the others. */
export function readoutTimes(scenario: Scenario, readout: Readout): number[] {
  if (readout.at !== undefined) return [readout.at];
  if (readout.stat === 'final') return [scenario.end];
  return scenario.times[scenario.times.length - 1] === scenario.end ? scenario.times : [...scenario.times, scenario.end];
}

/** A statistic of a sampled series. AUC is the trapezoid rule over the sample times. */
export function seriesStat(times: ArrayLike<number>, values: ArrayLike<number>, stat: Stat): number {
  const n = values.length;
  if (n === 0) return NaN;
  switch (stat) {
    case 'final':
      return values[n - 1];
    case 'min': {
      let m = Infinity;
      for (let i = 0; i < n; i++) m = Math.min(m, values[i]);
      return m;
    }
    case 'max': {
      let m = -Infinity;
      for (let i = 0; i < n; i++) m = Math.max(m, values[i]);
      return m;
    }
    case 'auc': {
      let s = 0;
      for (let i = 1; i < n; i++) s += 0.5 * (values[i] + values[i - 1]) * (times[i] - times[i - 1]);
      return s;
    }
  }
}

export interface PointResult {
  index: number;
  value: number;
  status: RunStatus;
  message: string;
  steps: number;
}

/** "viability at 48 h" / "AUC of LIP". */
export function readoutLabel(readout: Readout): string {
  if (readout.at !== undefined) return `${readout.output} at ${readout.at} h`;
  const word = { final: 'final', min: 'minimum', max: 'maximum', auc: 'AUC' }[readout.stat!];
  return `${word} ${readout.output}`;
}

/** Deterministic slice I (1-based) of N: contiguous index ranges, sizes differing by at most 1. */
export function shardRange(total: number, shard: number, of: number): [number, number] {
  if (!Number.isInteger(of) || of < 1) throw new RangeError(`shard count must be a positive integer. Value: ${of}`);
  if (!Number.isInteger(shard) || shard < 1 || shard > of) throw new RangeError(`shard must be in 1..${of}. Value: ${shard}`);
  const lo = Math.floor(((shard - 1) * total) / of);
  const hi = Math.floor((shard * total) / of);
  return [lo, hi];
}
