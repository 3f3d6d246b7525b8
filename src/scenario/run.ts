/**
 * Runs one scenario: start state (steady or declared), input schedule as solver tstops, outputs
 * sampled by dense output at the requested times, observables evaluated with the inputs in force.
 */
import { createWorkspace, solve } from '../solver/index.ts';
import type { SolveOptions, SolverStats, SolverWorkspace } from '../solver/types.ts';
import type { CompiledModel, ModelProblem } from '../model/types.ts';
import { steadyState } from '../model/steady-state.ts';
import { buildTimeline, inputsAt, makeSwitcher } from './schedule.ts';
import type { PopulationSpec, Scenario } from './types.ts';
import { populationFactors } from './population.ts';
import { canonicalJson } from '../model/hash.ts';
import { CheckpointCache, checkpointKeys } from './checkpoints.ts';

export interface OutputSeries {
  id: string;
  unit: string;
  kind: 'species' | 'observable';
  values: Float64Array;
}

export { RUN_STATUSES, type RunStatus } from './status.ts';
import type { RunStatus } from './status.ts';

export interface StartInfo {
  kind: 'steady' | 'initial';
  ok: boolean;
  /** 'newton' | 'integration' for a steady start, 'declared' otherwise. */
  method: string;
  message: string;
}

export interface ScenarioResult {
  scenario: string;
  model: string;
  modelHash: string;
  /** Unit of `times`: the model's time unit (h for the built-in model). */
  timeUnit: string;
  times: Float64Array;
  outputs: OutputSeries[];
  status: RunStatus;
  /** Empty on success; otherwise what failed, where. */
  message: string;
  stats: SolverStats;
  wallMs: number;
  start: StartInfo;
}

export interface RunOptions {
  /** The compiled model; default: resolved from `scenario.model` by the registry. */
  model?: CompiledModel;
  /** Outputs to compute instead of `scenario.outputs`. */
  outputs?: readonly string[];
  /** Sample times instead of `scenario.times`; integration stops at the last one. */
  times?: ArrayLike<number>;
  /**
   * Start from the latest checkpoint of an earlier run that agrees with this one up to an input
   * switch, and leave checkpoints for later runs (default true; see checkpoints.ts). The results
   * are bit for bit the same either way.
   */
  checkpoints?: boolean;
}

/** Checkpoints at input switches, shared by every run in this thread (sweeps, live edits). */
export const sharedCheckpoints = new CheckpointCache();

const ZERO_STATS: SolverStats = {
  steps: 0, accepted: 0, rejected: 0, rhsEvals: 0, jacobianEvals: 0, factorizations: 0, linearSolves: 0,
};

/** Steady states by model hash and parameter overrides: a sweep over inputs solves it once. */
const steadyCache = new Map<string, { y: Float64Array; ok: boolean; method: string; message: string }>();
const STEADY_CACHE_MAX = 256;

/** One solver workspace per model, reused by every solve of a sweep (the solver allocates nothing then). */
const workspaces = new WeakMap<CompiledModel, SolverWorkspace>();
function workspaceFor(model: CompiledModel): SolverWorkspace {
  let ws = workspaces.get(model);
  if (!ws) {
    ws = createWorkspace(model.speciesIds.length);
    workspaces.set(model, ws);
  }
  return ws;
}

function startState(model: CompiledModel, scenario: Scenario): { y: Float64Array; info: StartInfo } {
  if (scenario.start === 'initial') {
    return { y: Float64Array.from(model.y0), info: { kind: 'initial', ok: true, method: 'declared', message: '' } };
  }
  const key = `${model.hash}|${canonicalJson(scenario.parameters)}`;
  let hit = steadyCache.get(key);
  if (!hit) {
    const ss = steadyState(model, { parameters: scenario.parameters });
    hit = { y: Float64Array.from(ss.y), ok: ss.ok, method: ss.method, message: ss.message };
    if (steadyCache.size >= STEADY_CACHE_MAX) steadyCache.delete(steadyCache.keys().next().value!);
    steadyCache.set(key, hit);
  }
  return { y: Float64Array.from(hit.y), info: { kind: 'steady', ok: hit.ok, method: hit.method, message: hit.message } };
}

export function unitOf(model: CompiledModel, id: string): string {
  const def = model.definition;
  return (
    (def.species as Record<string, { unit: string }>)[id]?.unit ??
    (def.observables as Record<string, { unit: string }> | undefined)?.[id]?.unit ??
    (def.inputs as Record<string, { unit: string }>)[id]?.unit ??
    (def.parameters as Record<string, { unit: string }>)[id]?.unit ??
    ''
  );
}

/** Runs `scenario` with `model`. Numerical failure is reported in `status`, never thrown. */
export function runScenarioWith(model: CompiledModel, scenario: Scenario, options: RunOptions = {}): ScenarioResult {
  return scenario.population ? runPopulation(model, scenario, scenario.population, options) : runOneCell(model, scenario, options);
}

/**
 * A heterogeneous population (population.ts): one run per sub-population, each from its own
 * steady state, and every output the mean over them, summed in sub-population order so the result
 * is the same on every machine. The first failing sub-population (if any) gives the status, and
 * its outputs' NaNs carry into the mean from where it stopped.
 */
function runPopulation(model: CompiledModel, scenario: Scenario, pop: PopulationSpec, options: RunOptions): ScenarioResult {
  const t0 = performance.now();
  const index = model.parameterIds.indexOf(pop.parameter);
  if (index < 0) throw new RangeError(`runScenario: unknown population parameter '${pop.parameter}'`);
  const base = scenario.parameters[pop.parameter] ?? model.p0[index];
  const factors = populationFactors(pop.cv, pop.cells);
  const { population: _, ...single } = scenario;
  let sum: ScenarioResult | null = null;
  let failed: { k: number; value: number; result: ScenarioResult } | null = null;
  const stats: SolverStats = { ...ZERO_STATS };
  for (let k = 0; k < factors.length; k++) {
    const value = base * factors[k];
    const r = runOneCell(model, { ...single, parameters: { ...scenario.parameters, [pop.parameter]: value } }, options);
    for (const key of Object.keys(r.stats) as (keyof SolverStats)[]) stats[key] = (stats[key] ?? 0) + (r.stats[key] ?? 0);
    if (r.status !== 'success' && !failed) failed = { k, value, result: r };
    if (sum === null) sum = r;
    else for (const [j, o] of r.outputs.entries()) for (let i = 0; i < o.values.length; i++) sum.outputs[j].values[i] += o.values[i];
  }
  const out = sum!;
  for (const o of out.outputs) for (let i = 0; i < o.values.length; i++) o.values[i] /= factors.length;
  const where = failed ? `sub-population ${failed.k + 1} of ${factors.length} (${pop.parameter} = ${Number(failed.value.toPrecision(6))}): ` : '';
  return {
    ...out,
    scenario: scenario.name,
    status: failed ? failed.result.status : 'success',
    message: failed ? where + failed.result.message : '',
    start: failed && !failed.result.start.ok ? { ...failed.result.start, message: where + failed.result.start.message } : out.start,
    stats,
    wallMs: performance.now() - t0,
  };
}

function runOneCell(model: CompiledModel, scenario: Scenario, options: RunOptions): ScenarioResult {
  const t0 = performance.now();
  const outputIds = options.outputs ?? scenario.outputs;
  const times = Float64Array.from(options.times ?? scenario.times);
  const tEnd = options.times ? times[times.length - 1] : scenario.end;
  const nt = times.length;

  const { y: yStart, info: start } = startState(model, scenario);
  for (const [id, v] of Object.entries(scenario.initial)) {
    const i = model.speciesIds.indexOf(id);
    if (i < 0) throw new RangeError(`runScenario: unknown species '${id}' in initial`);
    yStart[i] = v;
  }

  const outputs: OutputSeries[] = outputIds.map((id) => ({
    id,
    unit: unitOf(model, id),
    kind: model.speciesIds.includes(id) ? 'species' : 'observable',
    values: new Float64Array(nt).fill(NaN),
  }));

  const base = {
    scenario: scenario.name, model: model.name, modelHash: model.hash, timeUnit: model.definition.timeUnit ?? 'h', times, outputs, start,
  };
  if (!start.ok) {
    return {
      ...base, status: 'steady-state-failed', stats: { ...ZERO_STATS }, wallMs: performance.now() - t0,
      message: `no untreated steady state for the scenario's parameters: ${start.message}`,
    };
  }

  const problem: ModelProblem = model.toProblem({ parameters: scenario.parameters, y0: yStart, tspan: [0, tEnd] });
  const timeline = buildTimeline(model.inputIds, problem.u, scenario.inputs, tEnd);
  problem.u.set(timeline.u0);
  const switcher = makeSwitcher(timeline, problem.u);
  const reuse = options.checkpoints !== false && scenario.solver.method === 'rodas5p' && timeline.tstops.length > 0;
  const keys = reuse ? checkpointKeys(model, scenario, timeline, times, tEnd) : [];
  const resume = reuse ? sharedCheckpoints.latest(keys) : undefined;
  // Checkpoints are left at every switch this run reaches (the one it resumed from is filed already).
  const onTstop: SolveOptions['onTstop'] = !reuse
    ? switcher
    : (t, y, checkpoint) => {
        const k = timeline.tstops.indexOf(t);
        if (k >= 0 && !sharedCheckpoints.has(keys[k])) sharedCheckpoints.set(keys[k], checkpoint());
        switcher(t);
      };

  const sol = solve(problem, {
    method: scenario.solver.method,
    rtol: scenario.solver.rtol,
    atol: scenario.solver.atol,
    ...(scenario.solver.maxSteps !== undefined ? { maxSteps: scenario.solver.maxSteps } : {}),
    saveAt: times,
    tstops: timeline.tstops,
    onTstop,
    ...(resume ? { resume } : {}),
    workspace: workspaceFor(model),
  });

  const n = model.speciesIds.length;
  const rows = Math.min(nt, sol.t.length);
  const obs = new Float64Array(model.observableIds.length);
  const u = new Float64Array(model.inputIds.length);
  const speciesIndex = outputs.map((o) => (o.kind === 'species' ? model.speciesIds.indexOf(o.id) : -1));
  const obsIndex = outputs.map((o) => (o.kind === 'observable' ? model.observableIds.indexOf(o.id) : -1));
  const needObs = obsIndex.some((i) => i >= 0);
  for (let r = 0; r < rows; r++) {
    const y = sol.y.subarray(r * n, (r + 1) * n);
    if (needObs) model.observables(sol.t[r], y, problem.p, inputsAt(timeline, sol.t[r], u), obs);
    for (let k = 0; k < outputs.length; k++) {
      outputs[k].values[r] = speciesIndex[k] >= 0 ? y[speciesIndex[k]] : obs[obsIndex[k]];
    }
  }
  const bad = sol.status === 'success' ? firstNonFinite(outputs, times, rows) : null;
  if (bad) return { ...base, status: 'non-finite-output', message: bad, stats: sol.stats, wallMs: performance.now() - t0 };
  return { ...base, status: sol.status, message: sol.message, stats: sol.stats, wallMs: performance.now() - t0 };
}

/**
 * A solve can succeed while an output is not a number: an observable dividing by a parameter set
 * to 0 (`lipidROS = PLOOH / PLOOH_ss`) is Inf from t = 0. Such a run is a failure, never a table
 * with Inf in it: this names the first output and time.
 */
function firstNonFinite(outputs: readonly OutputSeries[], times: Float64Array, rows: number): string | null {
  for (let r = 0; r < rows; r++) {
    for (const o of outputs) {
      const v = o.values[r];
      if (!Number.isFinite(v)) {
        return `output ${o.id} is ${Number.isNaN(v) ? 'NaN' : v > 0 ? 'Inf' : '-Inf'} at t = ${times[r]} h (first non-finite value; is a parameter it depends on 0 or out of range?)`;
      }
    }
  }
  return null;
}
