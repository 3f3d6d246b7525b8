/**
 * Helpers for the phenomena suite: run the built-in model through the public API (compileModel,
 * steadyState, toProblem, solve) as a sequence of constant-input segments, starting from the
 * untreated steady state of the (possibly modified) cell, and measure dose responses.
 */
import { compileModel, ferroptosis, steadyState } from '../../../src/model/index.ts';
import type { CompiledModel } from '../../../src/model/index.ts';
import { solve } from '../../../src/solver/index.ts';
import { fitHill, type HillFit } from '../../../src/scenario/hill.ts';

export type Inputs = Record<string, number>;
export interface Segment {
  /** Hours. */
  duration: number;
  inputs: Inputs;
}
export interface Cell {
  model: CompiledModel;
  parameters: Record<string, number>;
  /** Untreated steady state of this cell. */
  y0: Float64Array;
  index(id: string): number;
}

let compiled: CompiledModel | undefined;
/** The compiled built-in model, compiled once per test file. */
export function model(): CompiledModel {
  compiled ??= compileModel(ferroptosis);
  return compiled;
}

/** A cell line: the default model, or one with gene multipliers/parameters changed, at its untreated steady state. */
export function cell(parameters: Record<string, number> = {}): Cell {
  const m = model();
  const ss = steadyState(m, { parameters });
  if (!ss.ok) throw new Error(`no untreated steady state for ${JSON.stringify(parameters)}: ${ss.message}`);
  return { model: m, parameters, y0: ss.y, index: (id) => speciesIndex(m, id) };
}

export function speciesIndex(m: CompiledModel, id: string): number {
  const i = m.speciesIds.indexOf(id);
  if (i < 0) throw new RangeError(`unknown species '${id}'`);
  return i;
}

export interface Trajectory {
  t: number[];
  /** Row per saved time, full state. */
  y: Float64Array[];
  get(id: string): number[];
  at(id: string, time: number): number;
  final(id: string): number;
}

/** Runs the segments one after another; `dt` is the output spacing (h). Throws on solver failure. */
export function run(c: Cell, segments: Segment[], dt = 0.25): Trajectory {
  const m = c.model;
  const n = m.speciesIds.length;
  const t: number[] = [0];
  const y: Float64Array[] = [Float64Array.from(c.y0)];
  let state: Float64Array = Float64Array.from(c.y0);
  let t0 = 0;
  for (const seg of segments) {
    const t1 = t0 + seg.duration;
    const saveAt: number[] = [];
    for (let s = t0 + dt; s < t1 - 1e-9; s += dt) saveAt.push(s);
    saveAt.push(t1);
    const problem = m.toProblem({ tspan: [t0, t1], y0: state, parameters: c.parameters, inputs: seg.inputs });
    const sol = solve(problem, { saveAt });
    if (sol.status !== 'success') throw new Error(`solve failed for ${JSON.stringify(seg.inputs)} on [${t0}, ${t1}] h: ${sol.message}`);
    for (let k = 0; k < sol.t.length; k++) {
      t.push(sol.t[k]);
      y.push(sol.y.slice(k * n, (k + 1) * n));
    }
    state = y[y.length - 1];
    t0 = t1;
  }
  return {
    t,
    y,
    get: (id) => {
      const i = c.index(id);
      return y.map((row) => row[i]);
    },
    at: (id, time) => {
      const i = c.index(id);
      let k = 0;
      while (k < t.length - 1 && t[k + 1] < time) k++;
      if (k === t.length - 1) return y[k][i];
      const w = (time - t[k]) / (t[k + 1] - t[k]);
      return y[k][i] * (1 - w) + y[k + 1][i] * w;
    },
    final: (id) => y[y.length - 1][c.index(id)],
  };
}

/** Final value of one species after the segments (only the end point is saved). */
export function finalValue(c: Cell, segments: Segment[], id = 'viability'): number {
  const m = c.model;
  const n = m.speciesIds.length;
  let state: Float64Array = c.y0;
  let t0 = 0;
  for (const seg of segments) {
    const t1 = t0 + seg.duration;
    const problem = m.toProblem({ tspan: [t0, t1], y0: state, parameters: c.parameters, inputs: seg.inputs });
    const sol = solve(problem, { saveAt: [t1] });
    if (sol.status !== 'success') throw new Error(`solve failed for ${JSON.stringify(seg.inputs)} on [${t0}, ${t1}] h: ${sol.message}`);
    state = sol.y.slice(sol.y.length - n);
    t0 = t1;
  }
  return state[c.index(id)];
}

/** First time (h) at which `values` crosses `level` in the given direction, linearly interpolated; NaN if never. */
export function crossingTime(tr: Trajectory, id: string, level: number, direction: 'down' | 'up'): number {
  const v = tr.get(id);
  for (let k = 1; k < v.length; k++) {
    const crossed = direction === 'down' ? v[k - 1] >= level && v[k] < level : v[k - 1] <= level && v[k] > level;
    if (crossed) return tr.t[k - 1] + ((level - v[k - 1]) / (v[k] - v[k - 1])) * (tr.t[k] - tr.t[k - 1]);
  }
  return NaN;
}

export interface DoseResponse {
  doses: number[];
  viability: number[];
  /** The 4-parameter Hill fit of src/scenario/hill.ts (may report `ok: false` on a near-step response). */
  fit: HillFit;
  /** EC50 (50% crossing, log-interpolated) and Hill slope from the 20%/80% crossings: model-free, for steep responses. */
  crossing: { ec50: number; slope: number };
}

export interface DoseResponseOptions {
  /** Dose range of the coarse log grid, in the drug's unit. */
  range: [number, number];
  /** Read-out time after the drug is added (h); default 24. */
  readout?: number;
  /** Segment before the drug (e.g. 24 h of IFN-γ); its inputs stay on during the drug segment. */
  pretreatment?: Segment;
  /** Inputs present together with the drug. */
  with?: Inputs;
}

const logGrid = (lo: number, hi: number, n: number) =>
  Array.from({ length: n }, (_, k) => Math.exp(Math.log(lo) + ((Math.log(hi) - Math.log(lo)) * k) / (n - 1)));

/**
 * Viability against dose, then a 4-parameter Hill fit (src/scenario/hill.ts). The response is a
 * steep threshold, so a coarse log grid (13 points) is refined with 13 more points between the
 * coarse doses that bracket 50% viability; without that, EC50 ratios would be quantised to the
 * coarse grid spacing.
 */
export function doseResponse(c: Cell, drug: string, options: DoseResponseOptions): DoseResponse {
  const readout = options.readout ?? 24;
  const pre = options.pretreatment;
  const v = (dose: number) => {
    const inputs = { ...(pre?.inputs ?? {}), ...(options.with ?? {}), [drug]: dose };
    return finalValue(c, [...(pre ? [pre] : []), { duration: readout, inputs }]);
  };
  const coarse = logGrid(options.range[0], options.range[1], 13);
  const points = coarse.map((d) => [d, v(d)] as [number, number]);
  const k = points.findIndex(([, y], i) => i > 0 && points[i - 1][1] >= 0.5 && y < 0.5);
  if (k > 0) {
    for (const d of logGrid(points[k - 1][0], points[k][0], 15).slice(1, -1)) points.push([d, v(d)]);
  }
  points.sort((a, b) => a[0] - b[0]);
  const doses = points.map((p) => p[0]);
  const viability = points.map((p) => p[1]);
  return { doses, viability, fit: fitHill(doses, viability), crossing: crossingEstimate(doses, viability) };
}

/** Dose where viability first falls through `level` (log-interpolated), NaN if it never does. */
function doseAt(doses: number[], v: number[], level: number): number {
  for (let i = 1; i < v.length; i++) {
    if (v[i - 1] >= level && v[i] < level) {
      const w = (v[i - 1] - level) / (v[i - 1] - v[i]);
      return Math.exp(Math.log(doses[i - 1]) + w * (Math.log(doses[i]) - Math.log(doses[i - 1])));
    }
  }
  return NaN;
}

/** For y = 1/(1 + (x/EC50)^n): x(20%)/x(80%) = 16^(1/n), so n = ln 16 / ln(x20/x80). */
function crossingEstimate(doses: number[], v: number[]): { ec50: number; slope: number } {
  const x80 = doseAt(doses, v, 0.8);
  const x20 = doseAt(doses, v, 0.2);
  return { ec50: doseAt(doses, v, 0.5), slope: Math.log(16) / Math.log(x20 / x80) };
}

/**
 * Hill slope of a dose response: the fitted slope when the fit converged below fitHill's slope cap
 * (30), otherwise the 20/80% crossing estimate — a near-step response drives Levenberg–Marquardt to
 * the cap, which then says only "at least 30".
 */
export function hillSlope(dr: DoseResponse): number {
  return dr.fit.ok && dr.fit.slope < 29.9 ? dr.fit.slope : dr.crossing.slope;
}

/**
 * EC50 of a dose response: the Hill fit's when it converged, otherwise the log-interpolated 50%
 * crossing of the refined grid. Throws with the data when viability does not cross 50% in range.
 */
export function ec50(dr: DoseResponse): number {
  const first = dr.viability[0];
  const last = dr.viability[dr.viability.length - 1];
  if (!(first > 0.5 && last < 0.5)) {
    throw new Error(`no EC50 inside [${dr.doses[0]}, ${dr.doses[dr.doses.length - 1]}]: viability ${first.toFixed(3)} → ${last.toFixed(3)}`);
  }
  return dr.fit.ok ? dr.fit.ec50 : dr.crossing.ec50;
}
