/**
 * Forward sensitivities of a scenario's outputs: ∂output(t)/∂p for chosen parameters, from the
 * solver (src/solver/sensitivity.ts) and the generated parameter derivatives
 * (src/model/sensitivity-codegen.ts), including the start: from a steady state y*(p),
 * f(y*, p) = 0 gives ∂y*∕∂p = −J⁻¹·∂f∕∂p; from declared initial values the start does not move.
 * A population scenario averages its cells' sensitivities (the mean's derivative), with the chain
 * rule for the varied parameter (each cell's value is base·factor).
 */
import { sensitivityKernels } from '../model/sensitivity-codegen.ts';
import { steadyState } from '../model/steady-state.ts';
import type { CompiledModel } from '../model/types.ts';
import { luFactor, luSolve } from '../solver/lu.ts';
import { solveSensitivities } from '../solver/sensitivity.ts';
import type { SolveStatus } from '../solver/types.ts';
import { populationFactors } from '../scenario/population.ts';
import { unitOf } from '../scenario/run.ts';
import { buildTimeline, inputsAt, makeSwitcher } from '../scenario/schedule.ts';
import type { Scenario } from '../scenario/types.ts';

export interface ForwardOptions {
  /** Parameter ids to differentiate by; default every parameter of the model. */
  parameters?: readonly string[];
  /** Output ids (species or observables); default the scenario's. */
  outputs?: readonly string[];
  /** Times (h), increasing, within [0, scenario end]; default the scenario's. */
  times?: readonly number[];
}

export interface ForwardResult {
  parameters: string[];
  times: Float64Array;
  outputs: { id: string; unit: string; values: Float64Array }[];
  /** ∂output_k(times[r])/∂p_j at [(k·times.length + r)·parameters.length + j]. */
  derivatives: Float64Array;
  status: SolveStatus | 'steady-state-failed';
  message: string;
  /** Work of the sensitivity solves (summed over cells). */
  steps: number;
}

export function forwardSensitivities(model: CompiledModel, scenario: Scenario, options: ForwardOptions = {}): ForwardResult {
  const pop = scenario.population;
  if (!pop) return oneCell(model, scenario, options);
  const base = scenario.parameters[pop.parameter] ?? model.p0[model.parameterIds.indexOf(pop.parameter)];
  const factors = populationFactors(pop.cv, pop.cells);
  const { population: _, ...single } = scenario;
  let sum: ForwardResult | null = null;
  for (let c = 0; c < factors.length; c++) {
    const r = oneCell(model, { ...single, parameters: { ...scenario.parameters, [pop.parameter]: base * factors[c] } }, options);
    const j = r.parameters.indexOf(pop.parameter);
    if (j >= 0) for (let q = j; q < r.derivatives.length; q += r.parameters.length) r.derivatives[q] *= factors[c];
    if (sum === null) sum = r;
    else {
      for (let k = 0; k < r.outputs.length; k++) for (let i = 0; i < r.times.length; i++) sum.outputs[k].values[i] += r.outputs[k].values[i];
      for (let q = 0; q < r.derivatives.length; q++) sum.derivatives[q] += r.derivatives[q];
      sum.steps += r.steps;
      if (sum.status === 'success' && r.status !== 'success') {
        sum.status = r.status;
        sum.message = `cell ${c + 1} of ${factors.length}: ${r.message}`;
      }
    }
  }
  const out = sum!;
  for (const o of out.outputs) for (let i = 0; i < o.values.length; i++) o.values[i] /= factors.length;
  for (let q = 0; q < out.derivatives.length; q++) out.derivatives[q] /= factors.length;
  return out;
}

function oneCell(model: CompiledModel, scenario: Scenario, options: ForwardOptions): ForwardResult {
  const n = model.speciesIds.length;
  const ids = [...(options.parameters ?? model.parameterIds)];
  const column = new Map<string, number>();
  ids.forEach((id, j) => {
    if (!model.parameterIds.includes(id)) throw new RangeError(`forwardSensitivities: unknown parameter '${id}'`);
    column.set(id, j);
  });
  const np = ids.length;
  const outputIds = [...(options.outputs ?? scenario.outputs)];
  const times = Float64Array.from(options.times ?? scenario.times);
  const nt = times.length;
  const kernels = sensitivityKernels(model);
  const fpCol = Int32Array.from(kernels.fp.col, (k) => column.get(model.parameterIds[k]) ?? -1);

  const problem = model.toProblem({ parameters: scenario.parameters, tspan: [0, Math.max(scenario.end, times[nt - 1] ?? 0)] });
  const p = problem.p;
  const outputs = outputIds.map((id) => ({ id, unit: unitOf(model, id), values: new Float64Array(nt).fill(NaN) }));
  const derivatives = new Float64Array(outputIds.length * nt * np).fill(NaN);
  const fail = (status: ForwardResult['status'], message: string): ForwardResult => ({ parameters: ids, times, outputs, derivatives, status, message, steps: 0 });

  // Start state and its sensitivities.
  const s0 = new Float64Array(np * n);
  const fpv = new Float64Array(fpCol.length);
  if (scenario.start === 'steady') {
    const ss = steadyState(model, { parameters: scenario.parameters });
    if (!ss.ok) return fail('steady-state-failed', `no untreated steady state for the scenario's parameters: ${ss.message}`);
    problem.y0.set(ss.y);
    const J = new Float64Array(n * n);
    const u = Float64Array.from(model.u0);
    model.jacobian(0, ss.y, p, u, J);
    kernels.fp.eval(0, ss.y, p, u, fpv);
    const neutral = neutralStates(n, J, ss.y, fpv, kernels.fp.row, kernels.fp.col, p);
    for (const i of neutral) {
      for (let m = 0; m < n; m++) J[i * n + m] = 0;
      J[i * n + i] = 1;
    }
    const ipiv = new Int32Array(n);
    if (luFactor(n, J, ipiv) !== 0) {
      return fail('steady-state-failed', 'the Jacobian at the steady state is singular, so its sensitivities are not defined (a conserved total? start: initial avoids it)');
    }
    for (let e = 0; e < fpv.length; e++) if (fpCol[e] >= 0 && !neutral.has(kernels.fp.row[e])) s0[fpCol[e] * n + kernels.fp.row[e]] -= fpv[e];
    for (let j = 0; j < np; j++) luSolve(n, J, ipiv, s0.subarray(j * n, (j + 1) * n));
  } else problem.y0.set(model.y0);
  for (const [id, v] of Object.entries(scenario.initial)) {
    const i = model.speciesIds.indexOf(id);
    problem.y0[i] = v;
    for (let j = 0; j < np; j++) s0[j * n + i] = 0;
  }

  const timeline = buildTimeline(model.inputIds, problem.u, scenario.inputs, problem.tspan[1]);
  problem.u.set(timeline.u0);
  const switcher = makeSwitcher(timeline, problem.u);
  const sol = solveSensitivities(problem, {
    np, row: kernels.fp.row, col: fpCol, eval: (t, y, out) => kernels.fp.eval(t, y, p, problem.u, out),
  }, {
    rtol: scenario.solver.rtol, atol: scenario.solver.atol, times, tstops: timeline.tstops, onTstop: (t) => switcher(t), s0,
    ...(scenario.solver.maxSteps !== undefined ? { maxSteps: scenario.solver.maxSteps } : {}),
  });

  // Outputs and their derivatives: species directly, observables by the chain rule.
  const obs = new Float64Array(model.observableIds.length);
  const oy = new Float64Array(kernels.oy.row.length);
  const op = new Float64Array(kernels.op.row.length);
  const u = new Float64Array(model.inputIds.length);
  const opCol = Int32Array.from(kernels.op.col, (k) => column.get(model.parameterIds[k]) ?? -1);
  for (let r = 0; r < nt; r++) {
    if (!(r < sol.t.length) || Number.isNaN(sol.y[r * n])) break;
    const y = sol.y.subarray(r * n, (r + 1) * n);
    const S = sol.s.subarray(r * np * n, (r + 1) * np * n);
    inputsAt(timeline, times[r], u);
    model.observables(times[r], y, p, u, obs);
    kernels.oy.eval(times[r], y, p, u, oy);
    kernels.op.eval(times[r], y, p, u, op);
    outputIds.forEach((id, k) => {
      const base = (k * nt + r) * np;
      const si = model.speciesIds.indexOf(id);
      if (si >= 0) {
        outputs[k].values[r] = y[si];
        for (let j = 0; j < np; j++) derivatives[base + j] = S[j * n + si];
        return;
      }
      const oi = model.observableIds.indexOf(id);
      outputs[k].values[r] = obs[oi];
      for (let j = 0; j < np; j++) derivatives[base + j] = 0;
      for (let e = 0; e < oy.length; e++) {
        if (kernels.oy.row[e] !== oi) continue;
        const i = kernels.oy.col[e];
        for (let j = 0; j < np; j++) derivatives[base + j] += oy[e] * S[j * n + i];
      }
      for (let e = 0; e < op.length; e++) if (kernels.op.row[e] === oi && opCol[e] >= 0) derivatives[base + opCol[e]] += op[e];
    });
  }
  return { parameters: ids, times, outputs, derivatives, status: sol.status, message: sol.message, steps: sol.stats.accepted };
}

/** Rates below this (relative to the state's scale, per hour) count as no dynamics at all. */
const NEUTRAL_RATE = 1e-12;

/**
 * States whose rate does not respond to anything at the steady state: their Jacobian row and
 * ∂f/∂p row are negligible against the state's own scale (viability, at 1 with no damage:
 * ∂f/∂y ≈ 1e-40). Such a state sits at its declared value whatever the parameters (the Newton
 * search never moves it), so its sensitivity is 0, and keeping its row would make J numerically
 * singular (J⁻¹ would amplify rounding into nonsense).
 */
function neutralStates(n: number, J: Float64Array, y: Float64Array, fp: Float64Array, row: Int32Array, col: Int32Array, p: Float64Array): Set<number> {
  const scale = (i: number) => Math.max(Math.abs(y[i]), 1e-6);
  const activity = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let m = 0; m < n; m++) activity[i] = Math.max(activity[i], Math.abs(J[i * n + m]) * scale(m));
  for (let e = 0; e < fp.length; e++) activity[row[e]] = Math.max(activity[row[e]], Math.abs(fp[e] * p[col[e]]));
  const out = new Set<number>();
  for (let i = 0; i < n; i++) if (activity[i] <= NEUTRAL_RATE * scale(i)) out.add(i);
  return out;
}
