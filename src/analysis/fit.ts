/**
 * `fit:` blocks: weighted least squares of a scenario against data, by a projected
 * Levenberg–Marquardt iteration on log parameters (linear ones for `scale: lin`) whose Jacobian
 * comes from the solver's forward sensitivities; deterministic multi-start (the scenario's values,
 * then scrambled Sobol' points in the box); then the profile likelihood of each parameter.
 *
 * Why our own LM and not ml-levenberg-marquardt: that package differentiates by finite
 * differences of a scalar model function per data point, has no bounds in the transformed space
 * and no access to the exact sensitivities, so each iteration would cost (parameters + 1) solves
 * per data point instead of one sensitivity solve; the damped normal equations for ≤ 20
 * parameters are a few lines.
 *
 * Objective χ² = Σ ((model − data)/sd)², with sd from the data's sd columns, else the block's
 * relative `sd` times |data|. Profile 95% intervals: where χ² rises by 3.84 (the χ²₁ 0.95
 * quantile) above its minimum, re-optimising the other parameters at each step; a profile that
 * stays below within the bounds gives `identifiable: false` and an open (null) end.
 */
import type { CompiledModel } from '../model/types.ts';
import { luFactor, luSolve } from '../solver/lu.ts';
import type { FitSpec, ParameterRange } from '../scenario/analysis-blocks.ts';
import { applySweepPoint, readoutTimes } from '../scenario/grid.ts';
import { unitOf } from '../scenario/run.ts';
import type { Scenario } from '../scenario/types.ts';
import type { FitData } from './fit-data.ts';
import { forwardSensitivities } from './forward.ts';
import { scrambledSobol } from './sobol-sequence.ts';

/** χ²₁ 0.95 quantile: the profile-likelihood threshold of a 95% interval for one parameter. */
export const CHI2_1_95 = 3.841458820694124;

export interface FitParameter {
  value: number;
  ci95: [number | null, number | null];
  identifiable: boolean;
  unit: string;
  from: number;
  to: number;
  scale: 'lin' | 'log';
}

export interface FitResult {
  parameters: Record<string, FitParameter>;
  /** χ² at the optimum (dimensionless: residuals in sd units). */
  objective: number;
  /** Data points used. */
  points: number;
  starts: number;
  /** Starts whose iteration converged (step or decrease below tolerance before the iteration limit). */
  converged: number;
  /** Profiles: parameter values and χ² along each. */
  profiles: Record<string, { values: number[]; objective: number[] }>;
  /** Solves done (each a forward-sensitivity solve). */
  solves: number;
}

interface Problem {
  ids: string[];
  ranges: ParameterRange[];
  /** Residuals r (length m) and Jacobian ∂r/∂θ (m × d, row-major); false when a solve failed. */
  evaluate(theta: Float64Array, r: Float64Array, J: Float64Array | null): boolean;
  m: number;
  solves: number;
}

const toTheta = (r: ParameterRange, p: number) => (r.scale === 'log' ? Math.log(p) : p);
const fromTheta = (r: ParameterRange, t: number) => (r.scale === 'log' ? Math.exp(t) : t);

export function makeFitProblem(model: CompiledModel, scenario: Scenario, spec: FitSpec, data: FitData): Problem {
  const ids = spec.parameters.map((p) => p.id);
  const ranges = spec.parameters;
  const outputs = data.series.map((s) => s.output);
  // Weighted residual slots: (series k, x index i) with a value.
  const slots: { k: number; i: number; y: number; sd: number }[] = [];
  data.series.forEach((s, k) => {
    let scale = 0;
    for (const v of s.values) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
    for (let i = 0; i < s.values.length; i++) {
      const y = s.values[i];
      if (!Number.isFinite(y)) continue;
      const sd = Number.isFinite(s.sd[i]) ? s.sd[i] : spec.sd * (Math.abs(y) > 0 ? Math.abs(y) : scale || 1);
      slots.push({ k, i, y, sd });
    }
  });
  const d = ids.length;
  const problem: Problem = {
    ids, ranges, m: slots.length, solves: 0,
    evaluate(theta, r, J) {
      const values: Record<string, number> = {};
      ranges.forEach((rg, j) => { values[rg.id] = fromTheta(rg, theta[j]); });
      const sc = { ...scenario, parameters: { ...scenario.parameters, ...values } };
      // model[k][i] and ∂model/∂p[k][i][j]
      const nx = data.xs.length;
      const mv = new Float64Array(outputs.length * nx).fill(NaN);
      const md = new Float64Array(outputs.length * nx * d).fill(NaN);
      if (data.x === 'time') {
        const f = forwardSensitivities(model, sc, { parameters: ids, outputs, times: Array.from(data.xs) });
        problem.solves++;
        if (f.status !== 'success') return false;
        outputs.forEach((_, k) => {
          for (let i = 0; i < nx; i++) {
            mv[k * nx + i] = f.outputs[k].values[i];
            for (let j = 0; j < d; j++) md[(k * nx + i) * d + j] = f.derivatives[(k * nx + i) * d + j];
          }
        });
      } else {
        const readout = sc.sweep!.readout;
        for (let i = 0; i < nx; i++) {
          const point = applySweepPoint(sc, { index: i, values: [data.xs[i]] });
          const times = readoutTimes(point, readout);
          const f = forwardSensitivities(model, point, { parameters: ids, outputs, times: [times[times.length - 1]] });
          problem.solves++;
          if (f.status !== 'success') return false;
          mv[i] = f.outputs[0].values[0];
          for (let j = 0; j < d; j++) md[i * d + j] = f.derivatives[j];
        }
      }
      slots.forEach((s, q) => {
        const at = s.k * nx + s.i;
        r[q] = (mv[at] - s.y) / s.sd;
        if (J) for (let j = 0; j < d; j++) J[q * d + j] = (md[at * d + j] * (ranges[j].scale === 'log' ? values[ranges[j].id] : 1)) / s.sd;
      });
      for (let q = 0; q < slots.length; q++) if (!Number.isFinite(r[q])) return false;
      return true;
    },
  };
  return problem;
}

function chi2(r: Float64Array): number {
  let s = 0;
  for (let q = 0; q < r.length; q++) s += r[q] * r[q];
  return s;
}

/**
 * Projected Levenberg–Marquardt from theta (modified in place) over the free components (`free[j]`
 * = 1); returns χ² and whether it converged.
 */
export function levenbergMarquardt(pr: Problem, theta: Float64Array, free: Uint8Array, maxIter = 60): { chi2: number; converged: boolean } {
  const d = pr.ids.length;
  const m = pr.m;
  const lo = Float64Array.from(pr.ranges, (r) => toTheta(r, r.from));
  const hi = Float64Array.from(pr.ranges, (r) => toTheta(r, r.to));
  const r = new Float64Array(m);
  const J = new Float64Array(m * d);
  const rt = new Float64Array(m);
  const trial = new Float64Array(d);
  if (!pr.evaluate(theta, r, J)) return { chi2: Infinity, converged: false };
  let f = chi2(r);
  let mu = 1e-3;
  const idx = Array.from({ length: d }, (_, j) => j).filter((j) => free[j] === 1);
  const nf = idx.length;
  if (nf === 0) return { chi2: f, converged: true };
  for (let iter = 0; iter < maxIter; iter++) {
    const A = new Float64Array(nf * nf);
    const g = new Float64Array(nf);
    const ipiv = new Int32Array(nf);
    for (let a = 0; a < nf; a++) {
      const ja = idx[a];
      let s = 0;
      for (let q = 0; q < m; q++) s += J[q * d + ja] * r[q];
      g[a] = s;
      for (let b = 0; b <= a; b++) {
        const jb = idx[b];
        let t = 0;
        for (let q = 0; q < m; q++) t += J[q * d + ja] * J[q * d + jb];
        A[a * nf + b] = t;
        A[b * nf + a] = t;
      }
    }
    let accepted = false;
    for (let tries = 0; tries < 12 && !accepted; tries++) {
      const M = Float64Array.from(A);
      for (let a = 0; a < nf; a++) M[a * nf + a] += mu * Math.max(A[a * nf + a], 1e-12);
      const step = Float64Array.from(g, (v) => -v);
      if (luFactor(nf, M, ipiv) !== 0) {
        mu *= 10;
        continue;
      }
      luSolve(nf, M, ipiv, step);
      trial.set(theta);
      let moved = 0;
      for (let a = 0; a < nf; a++) {
        const j = idx[a];
        const v = Math.min(hi[j], Math.max(lo[j], theta[j] + step[a]));
        moved = Math.max(moved, Math.abs(v - theta[j]));
        trial[j] = v;
      }
      if (moved < 1e-10) return { chi2: f, converged: true };
      if (pr.evaluate(trial, rt, null)) {
        const ft = chi2(rt);
        if (ft < f) {
          const decrease = f - ft;
          theta.set(trial);
          pr.evaluate(theta, r, J);
          f = chi2(r);
          mu = Math.max(mu / 3, 1e-9);
          accepted = true;
          if (decrease <= 1e-9 * (1 + f) || moved < 1e-8) return { chi2: f, converged: true };
          continue;
        }
      }
      mu *= 4;
    }
    if (!accepted) return { chi2: f, converged: mu > 1e6 };
  }
  return { chi2: f, converged: false };
}

/** Fits the scenario's `fit:` block to `data`. `onProgress(stage)` reports starts and profiles. */
export function runFit(model: CompiledModel, scenario: Scenario, data: FitData, onProgress?: (what: string) => void): FitResult {
  const spec = scenario.fit;
  if (!spec) throw new RangeError(`${scenario.file}: the scenario has no fit: block`);
  const pr = makeFitProblem(model, scenario, spec, data);
  const d = pr.ids.length;
  const lo = Float64Array.from(pr.ranges, (r) => toTheta(r, r.from));
  const hi = Float64Array.from(pr.ranges, (r) => toTheta(r, r.to));
  const free = new Uint8Array(d).fill(1);
  // Starts: the scenario's own values (clamped into the box), then scrambled Sobol' points.
  const starts: Float64Array[] = [Float64Array.from(pr.ranges, (r, j) => {
    const p = scenario.parameters[r.id] ?? model.p0[model.parameterIds.indexOf(r.id)];
    return Math.min(hi[j], Math.max(lo[j], toTheta(r, p > 0 || r.scale === 'lin' ? p : r.from)));
  })];
  const design = scrambledSobol(d, Math.max(1, spec.starts - 1), spec.seed);
  for (let s = 1; s < spec.starts; s++) starts.push(Float64Array.from({ length: d }, (_, j) => lo[j] + (hi[j] - lo[j]) * design[(s - 1) * d + j]));
  let best: { theta: Float64Array; chi2: number } | null = null;
  let converged = 0;
  starts.forEach((theta, s) => {
    const res = levenbergMarquardt(pr, theta, free);
    if (res.converged) converged++;
    if (best === null || res.chi2 < best.chi2) best = { theta: Float64Array.from(theta), chi2: res.chi2 };
    onProgress?.(`start ${s + 1}/${starts.length}`);
  });
  const opt = best!;
  const parameters: FitResult['parameters'] = {};
  const profiles: FitResult['profiles'] = {};
  pr.ranges.forEach((rg, j) => {
    const side = (dir: 1 | -1): { bound: number | null; values: number[]; chi2: number[] } => {
      const theta = Float64Array.from(opt.theta);

      const fixed = new Uint8Array(d).fill(1);
      fixed[j] = 0;
      const span = hi[j] - lo[j];
      let step = span / 40;
      const values: number[] = [];
      const chis: number[] = [];
      let prevT = opt.theta[j];
      let prevC = opt.chi2;

      for (let k = 0; k < 60; k++) {
        const t = Math.min(hi[j], Math.max(lo[j], prevT + dir * step));
        if (t === prevT) return { bound: null, values, chi2: chis };
        const from = Float64Array.from(theta);
        theta[j] = t;
        const c = levenbergMarquardt(pr, theta, fixed, 30).chi2;
        // A step that overshoots the threshold by far says little about where it was crossed:
        // go back and take a smaller one.
        if (c - opt.chi2 > 4 * CHI2_1_95 && step > span / 4000) {
          theta.set(from);
          step /= 4;
          continue;
        }
        values.push(fromTheta(rg, t));
        chis.push(c);
        if (c - opt.chi2 >= CHI2_1_95) {
          // Crossing between the last two points, interpolated in sqrt(Δχ²), which is linear in
          // the parameter where the profile is quadratic (near the optimum).
          const a = Math.sqrt(Math.max(0, prevC - opt.chi2));
          const b = Math.sqrt(c - opt.chi2);
          const f = (Math.sqrt(CHI2_1_95) - a) / (b - a);
          return { bound: fromTheta(rg, prevT + f * (t - prevT)), values, chi2: chis };
        }
        // Step so that the next rise is about a quarter of the threshold.
        const rise = c - prevC;
        step = rise > 1e-12 ? Math.min(span / 10, Math.max(span / 400, step * Math.sqrt((CHI2_1_95 / 4) / rise))) : Math.min(span / 10, step * 2);
        prevT = t;
        prevC = c;
      }
      return { bound: null, values, chi2: chis };
    };
    const down = side(-1);
    const up = side(1);
    onProgress?.(`profile ${rg.id}`);
    parameters[rg.id] = {
      value: fromTheta(rg, opt.theta[j]), ci95: [down.bound, up.bound], identifiable: down.bound !== null && up.bound !== null,
      unit: unitOf(model, rg.id), from: rg.from, to: rg.to, scale: rg.scale,
    };
    const pts = [...down.values.map((v, i) => [v, down.chi2[i]]).reverse(), [fromTheta(rg, opt.theta[j]), opt.chi2], ...up.values.map((v, i) => [v, up.chi2[i]])];
    profiles[rg.id] = { values: pts.map((p) => p[0]), objective: pts.map((p) => p[1]) };
  });
  return { parameters, objective: opt.chi2, points: pr.m, starts: starts.length, converged, profiles, solves: pr.solves };
}
