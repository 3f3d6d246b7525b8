/** Evaluation of a scenario's `expect` assertions against a run or a sweep. */
import type { HillFit } from './hill.ts';
import type { ScenarioResult } from './run.ts';
import { seriesStat } from './sweep.ts';
import type { Bound, Expectation, Scenario } from './types.ts';

export interface ExpectationOutcome {
  index: number;
  /** "viability at 72 h", "EC50 of the Hill fit", "viability at erastin = 10". */
  what: string;
  value: number;
  /** "< 0.5", "> 2 × (HAMP at 0 h = 1.3)", "in [0.3, 0.8]". */
  bound: string;
  pass: boolean;
  note?: string;
}

/** Resolves a bound to a number; `describe` says what it refers to. */
type Resolver = (b: Exclude<Bound, number>) => { value: number; describe: string };

function check(e: Expectation, v: number, resolve: Resolver): { bound: string; pass: boolean } {
  const parts: string[] = [];
  let pass = Number.isFinite(v);
  const side = (b: Bound, op: '<' | '>') => {
    let limit: number;
    let text: string;
    if (typeof b === 'number') {
      limit = b;
      text = String(b);
    } else {
      const ref = resolve(b);
      const k = b.times ?? 1;
      limit = k * ref.value;
      text = `${k === 1 ? '' : `${k} × `}(${ref.describe} = ${+ref.value.toPrecision(4)})`;
    }
    parts.push(`${op} ${text}`);
    if (!(op === '<' ? v < limit : v > limit)) pass = false;
  };
  if (e.above !== undefined) side(e.above, '>');
  if (e.below !== undefined) side(e.below, '<');
  if (e.between) {
    parts.push(`in [${e.between[0]}, ${e.between[1]}]`);
    if (!(v >= e.between[0] && v <= e.between[1])) pass = false;
  }
  return { bound: parts.join(' and '), pass };
}

/** Value at time `at`: the exact sample if present, else linear interpolation between samples. */
export function valueAtTime(times: ArrayLike<number>, values: ArrayLike<number>, at: number): number {
  const n = times.length;
  for (let i = 0; i < n; i++) {
    if (times[i] === at) return values[i];
    if (times[i] > at) {
      if (i === 0) return NaN;
      const w = (at - times[i - 1]) / (times[i] - times[i - 1]);
      return values[i - 1] + w * (values[i] - values[i - 1]);
    }
  }
  return NaN;
}

/** Times a time-course expectation needs sampled exactly (its `at` and those of reference bounds). */
export function expectationTimes(scenario: Scenario): number[] {
  const ts: number[] = [];
  for (const e of scenario.expect) {
    if (e.at !== undefined) ts.push(e.at);
    for (const b of [e.above, e.below]) if (b !== undefined && typeof b !== 'number' && b.at !== undefined) ts.push(b.at);
  }
  return ts;
}

/**
 * Checks time-course expectations. `result` must contain every output the expectations name and
 * every time they read among its times (see `expectationTimes`).
 */
export function checkRunExpectations(scenario: Scenario, result: ScenarioResult): ExpectationOutcome[] {
  return scenario.expect.map((e, index) => {
    const series = result.outputs.find((o) => o.id === e.output);
    const read = (at: number | undefined, stat: Expectation['stat']): number => {
      if (!series) return NaN;
      return at !== undefined ? valueAtTime(result.times, series.values, at) : seriesStat(result.times, series.values, stat!);
    };
    const value = read(e.at, e.stat);
    const what = e.at !== undefined ? `${e.output} at ${e.at} h` : `${e.stat} ${e.output}`;
    const { bound, pass } = check(e, value, (b) => ({
      value: read(b.at, b.stat),
      describe: b.at !== undefined ? `${e.output} at ${b.at} h` : `${b.stat} ${e.output}`,
    }));
    return { index, what, value, bound, pass, ...(e.note ? { note: e.note } : {}) };
  });
}

/** Checks sweep expectations against the readouts (grid order) and, for 1-D sweeps, the Hill fit. */
export function checkSweepExpectations(scenario: Scenario, readouts: ArrayLike<number>, fit: HillFit | null): ExpectationOutcome[] {
  const sweep = scenario.sweep!;
  const at = (where: Record<string, number>): number => {
    let flat = 0;
    for (const axis of sweep.axes) {
      const v = where[axis.id];
      const k = axis.values.findIndex((x) => Math.abs(x - v) <= 1e-9 * Math.max(1, Math.abs(v)));
      if (k < 0) return NaN;
      flat = flat * axis.values.length + k;
    }
    return readouts[flat];
  };
  const pointText = (where: Record<string, number>) =>
    `${sweep.readout.output} at ${sweep.axes.map((a) => `${a.id} = ${where[a.id]}`).join(', ')}`;
  return scenario.expect.map((e, index) => {
    let value = NaN;
    let what = '';
    if (e.fit) {
      value = fit && fit.ok ? fit[e.fit] : NaN;
      what = `${e.fit === 'ec50' ? 'EC50' : e.fit} of the Hill fit of ${sweep.readout.output} over ${sweep.axes[0].id}`;
    } else if (e.where) {
      value = at(e.where);
      what = pointText(e.where);
    }
    const { bound, pass } = check(e, value, (b) => ({ value: at(b.where!), describe: pointText(b.where!) }));
    return { index, what, value, bound, pass, ...(e.note ? { note: e.note } : {}) };
  });
}
