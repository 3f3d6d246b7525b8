/**
 * Steady states of a compiled model: damped Newton on the analytic Jacobian, with integration to
 * steady state as the fallback. Scenarios start from the untreated steady state.
 *
 * Convergence is judged per state on the scaled residual |f_i(y)| / s_i, where the scale s_i is the
 * larger of |y_i|, the declared initial value and a floor of 1e-6 (states that rest at zero, such
 * as damage or an absent drug, must then have |f_i| below 1e-12 per hour).
 */
import { luFactor, luSolve } from '../solver/lu.ts';
import { solve } from '../solver/index.ts';
import { suggest } from './suggest.ts';
import type { CompiledModel } from './types.ts';

export interface SteadyStateOptions {
  inputs?: Record<string, number>;
  parameters?: Record<string, number>;
  /** Start of the search; default the model's declared initial values. */
  y0?: Float64Array;
  /** Largest scaled residual accepted, in 1/h; default 1e-6. */
  tol?: number;
}

export interface SteadyStateResult {
  y: Float64Array;
  ok: boolean;
  method: 'newton' | 'integration';
  /** max_i |f_i(y)| / s_i at the returned y, in 1/h. */
  maxScaledResidual: number;
  /** What was done, and on failure which state is furthest from steady. */
  message: string;
}

const SCALE_FLOOR = 1e-6;
const MAX_NEWTON = 200;

function fillVector(kind: string, ids: readonly string[], base: Float64Array, values: Record<string, number> | undefined) {
  const out = Float64Array.from(base);
  for (const [id, v] of Object.entries(values ?? {})) {
    const i = ids.indexOf(id);
    if (i < 0) throw new RangeError(`steadyState: unknown ${kind} '${id}'${suggest(id, ids)}`);
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`steadyState: ${kind} '${id}' must be a finite number. Value: ${String(v)}`);
    out[i] = v;
  }
  return out;
}

/**
 * Finds a steady state of `model` under constant inputs and parameters. A state with a negative
 * concentration beyond the solver's tolerance is not physical, whatever its residual: it is
 * refused (ok: false) with the species named, so no run starts from it.
 */
export function steadyState(model: CompiledModel, options: SteadyStateOptions = {}): SteadyStateResult {
  const found = searchSteadyState(model, options);
  if (!found.ok) return found;
  const negative = negativeSpecies(model, found.y);
  return negative ? { ...found, ok: false, message: `${negative} (${found.message})` } : found;
}

/** Slack for round-off below zero: the default solver tolerances (atol 1e-9, rtol 1e-6) at the species' scale. */
const NEGATIVE_ATOL = 1e-9;
const NEGATIVE_RTOL = 1e-6;

/**
 * The species that are negative beyond tolerance in `y`, most negative first, or null. Species
 * declared with a negative initial value (a potential, a signed quantity) may be negative.
 */
function negativeSpecies(model: CompiledModel, y: Float64Array): string | null {
  const bad: { id: string; value: number }[] = [];
  for (let i = 0; i < y.length; i++) {
    if (model.y0[i] < 0) continue;
    const slack = NEGATIVE_ATOL + NEGATIVE_RTOL * Math.max(Math.abs(model.y0[i]), SCALE_FLOOR);
    if (y[i] < -slack) bad.push({ id: model.speciesIds[i], value: y[i] });
  }
  if (bad.length === 0) return null;
  bad.sort((a, b) => a.value - b.value);
  const units = model.definition.species as Record<string, { unit?: string }>;
  const list = bad.map((b) => `${b.id} = ${b.value.toPrecision(6)}${units[b.id]?.unit ? ` ${units[b.id].unit}` : ''}`).join(', ');
  return `the steady state has negative concentrations: ${list}; the parameters allow no physical steady state (a rate constant set to 0?)`;
}

function searchSteadyState(model: CompiledModel, options: SteadyStateOptions): SteadyStateResult {
  const n = model.speciesIds.length;
  const p = fillVector('parameter', model.parameterIds, model.p0, options.parameters);
  const u = fillVector('input', model.inputIds, model.u0, options.inputs);
  const tol = options.tol ?? 1e-6;
  if (!(tol > 0)) throw new RangeError(`steadyState: tol must be > 0. Value: ${tol}`);
  if (options.y0 && options.y0.length !== n) throw new RangeError(`steadyState: y0 must have ${n} values (one per species). Value: ${options.y0.length}`);
  const start = Float64Array.from(options.y0 ?? model.y0);

  const f = new Float64Array(n);
  const scale = new Float64Array(n);
  const residual = (y: Float64Array): number => {
    model.rhs(0, y, p, u, f);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const r = Math.abs(f[i]) / scale[i];
      if (!(r <= worst)) worst = r; // NaN propagates as the worst
    }
    return worst;
  };
  const setScale = (y: Float64Array) => {
    for (let i = 0; i < n; i++) scale[i] = Math.max(Math.abs(y[i]), Math.abs(model.y0[i]), SCALE_FLOOR);
  };
  const worstState = (y: Float64Array) => {
    model.rhs(0, y, p, u, f);
    let k = 0;
    for (let i = 1; i < n; i++) if (Math.abs(f[i]) / scale[i] > Math.abs(f[k]) / scale[k]) k = i;
    return `${model.speciesIds[k]} (d/dt = ${f[k].toExponential(3)} at ${y[k].toPrecision(6)})`;
  };

  /**
   * Damped Newton as pseudo-transient continuation: solve (D⁻¹/Δτ − J) dx = f, with Δτ growing as
   * the residual falls (switched evolution relaxation), so the iteration becomes plain Newton near
   * the solution. The 1/Δτ shift keeps the step finite along neutral directions — viability is
   * steady at any value while damage is zero, which makes J singular.
   */
  const newton = (y: Float64Array): { y: Float64Array; res: number; iterations: number } => {
    const J = new Float64Array(n * n);
    const ipiv = new Int32Array(n);
    const dx = new Float64Array(n);
    const trial = new Float64Array(n);
    setScale(y);
    let res = residual(y);
    let dtau = 1e-2;
    let it = 0;
    for (; it < MAX_NEWTON && res > tol * 1e-3; it++) {
      model.rhs(0, y, p, u, f);
      model.jacobian(0, y, p, u, J);
      let accepted = false;
      for (let k = 0; k < 12 && !accepted; k++) {
        // Scaled unknowns z = D⁻¹ dx: (1/Δτ − J·D) z = f keeps µM- and mM-scale states comparable.
        const A = trial;
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) dxMatrix[i * n + j] = -J[i * n + j] * scale[j];
          dxMatrix[i * n + i] += 1 / dtau;
          dx[i] = f[i];
        }
        if (luFactor(n, dxMatrix, ipiv) !== 0) {
          dtau *= 0.25;
          continue;
        }
        luSolve(n, dxMatrix, ipiv, dx);
        // Keep concentrations non-negative: go at most 90% of the way to zero.
        let lambda = 1;
        for (let i = 0; i < n; i++) {
          dx[i] *= scale[i];
          if (y[i] >= 0 && y[i] + dx[i] < 0) lambda = Math.min(lambda, (0.9 * y[i]) / -dx[i]);
        }
        for (let i = 0; i < n; i++) A[i] = y[i] + lambda * dx[i];
        const r = residual(A);
        if (r < 2 * res || r <= tol * 1e-3) {
          y.set(A);
          dtau = Math.min(1e14, r < res ? dtau * Math.max(2, Math.min(1e3, res / Math.max(r, 1e-300))) : dtau);
          accepted = true;
        } else dtau *= 0.25;
      }
      if (!accepted) break;
      setScale(y);
      res = residual(y);
    }
    return { y, res, iterations: it };
  };
  const dxMatrix = new Float64Array(n * n);

  const first = newton(Float64Array.from(start));
  if (first.res <= tol) {
    return { y: first.y, ok: true, method: 'newton', maxScaledResidual: first.res, message: `Newton converged in ${first.iterations} iterations` };
  }

  // Fallback: integrate (the relaxation follows the stable branch), then polish with Newton.
  const problem = model.toProblem({ tspan: [0, 1], y0: start, parameters: paramsRecord(model, p), inputs: inputsRecord(model, u) });
  let y = Float64Array.from(start);
  let horizon = 100;
  let last = '';
  for (let attempt = 0; attempt < 4; attempt++, horizon *= 10) {
    problem.tspan = [0, horizon];
    problem.y0 = y;
    const sol = solve(problem, { saveAt: [horizon], rtol: 1e-8, atol: 1e-12, maxSteps: 5000 });
    if (sol.status !== 'success') {
      last = `integration over ${horizon} h failed: ${sol.message}`;
      break;
    }
    y = Float64Array.from(sol.y.subarray(sol.y.length - n));
    const polished = newton(Float64Array.from(y));
    if (polished.res <= tol) {
      return {
        y: polished.y, ok: true, method: 'integration', maxScaledResidual: polished.res,
        message: `Newton from the start failed (scaled residual ${first.res.toExponential(2)}); integrated ${horizon} h, then Newton converged`,
      };
    }
    setScale(y);
    const r = residual(y);
    if (r <= tol) return { y, ok: true, method: 'integration', maxScaledResidual: r, message: `integrated ${horizon} h to steady state` };
    last = `after ${horizon} h of integration the scaled residual is ${r.toExponential(2)}`;
  }
  setScale(y);
  const r = residual(y);
  return {
    y, ok: false, method: 'integration', maxScaledResidual: r,
    message: `no steady state found: Newton stalled at scaled residual ${first.res.toExponential(2)}; ${last}; furthest from steady: ${worstState(y)}`,
  };
}

function paramsRecord(model: CompiledModel, p: Float64Array): Record<string, number> {
  const out: Record<string, number> = {};
  model.parameterIds.forEach((id, i) => (out[id] = p[i]));
  return out;
}

function inputsRecord(model: CompiledModel, u: Float64Array): Record<string, number> {
  const out: Record<string, number> = {};
  model.inputIds.forEach((id, i) => (out[id] = u[i]));
  return out;
}
