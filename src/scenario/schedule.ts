/**
 * Piecewise-constant input schedules → the input vector at t = 0 and the list of switches, each of
 * which becomes a solver tstop. Before an input's first step it keeps the model's default.
 */
import type { InputSchedule } from './types.ts';

export interface Switch {
  t: number;
  /** Index into the model's input vector. */
  index: number;
  value: number;
}

export interface Timeline {
  /** Input vector at t = 0 (model defaults with every step at t = 0 applied). */
  u0: Float64Array;
  /** Switches with 0 < t < end, sorted by time (stable in input order for equal times). */
  switches: Switch[];
  /** Distinct switch times, strictly increasing: the solver's tstops. */
  tstops: Float64Array;
}

export function buildTimeline(
  inputIds: readonly string[],
  defaults: Float64Array,
  inputs: Record<string, InputSchedule>,
  end: number,
): Timeline {
  const u0 = Float64Array.from(defaults);
  const switches: Switch[] = [];
  for (const [id, schedule] of Object.entries(inputs)) {
    const index = inputIds.indexOf(id);
    if (index < 0) throw new RangeError(`buildTimeline: unknown input '${id}'`);
    for (const step of schedule) {
      if (step.at <= 0) u0[index] = step.value;
      else if (step.at < end) switches.push({ t: step.at, index, value: step.value });
    }
  }
  switches.sort((a, b) => a.t - b.t || a.index - b.index);
  const tstops = Float64Array.from(new Set(switches.map((s) => s.t)));
  return { u0, switches, tstops };
}

/** The input vector in force at time t (right-continuous: a step at `at` applies from `at` on). */
export function inputsAt(timeline: Timeline, t: number, out: Float64Array): Float64Array {
  out.set(timeline.u0);
  for (const s of timeline.switches) {
    if (s.t > t) break;
    out[s.index] = s.value;
  }
  return out;
}

/**
 * An `onTstop` hook that applies every switch up to the tstop just reached. It keeps a cursor, so
 * a solve applies each switch exactly once and in order.
 */
export function makeSwitcher(timeline: Timeline, u: Float64Array): (t: number) => void {
  let next = 0;
  const { switches } = timeline;
  return (t: number) => {
    // Tolerate the last ulp: the integrator lands on the tstop exactly, but be safe about it.
    const limit = t + 4 * Number.EPSILON * Math.max(1, Math.abs(t));
    while (next < switches.length && switches[next].t <= limit) {
      u[switches[next].index] = switches[next].value;
      next++;
    }
  };
}
