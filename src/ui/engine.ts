/**
 * The worker's side: scenario text in, numbers out, through exactly the library calls the CLI
 * makes (parseScenario → runScenario, sweepPointAt → evaluateSweepPointDetailed), so the page and
 * `ferrosim run` agree to the last digit. The compiled model is cached by its content hash
 * (model-cache.ts), parsed scenarios by their text: a slider move costs one YAML parse and one
 * solve.
 */
import {
  evaluateSweepPointDetailed, formatScenarioError, parseScenario, resultToWideCsv, runScenario, scenarioHash,
  sweepPointAt, sweepSize, type Scenario, type ScenarioError,
} from '../scenario/index.ts';
import { initialPlotTimes, refineTimes } from './adaptive-sampling.ts';
import { compileModeOf, ensureModels, resolveCompiledModel, ruleOutputId, withRuleOutputs } from './model-cache.ts';
import { decimate } from './decimate.ts';
import { switchTimes } from './edits.ts';
import type { LocatedError, OutputSeries, RunResultMessage, SweepPointMessage } from './protocol.ts';
import { browserStamp } from './stamp.ts';

export class ScenarioTextError extends Error {
  readonly errors: LocatedError[];
  constructor(errors: LocatedError[]) {
    super(errors.map((e) => e.text).join('\n'));
    this.name = 'ScenarioTextError';
    this.errors = errors;
  }
}

export function locate(errors: ScenarioError[]): LocatedError[] {
  return errors.map((e) => ({ line: e.line, column: e.column, path: e.path, message: e.message, text: formatScenarioError(e) }));
}

const parsed = new Map<string, Scenario>();
const PARSED_MAX = 64;
let compileMsPending = 0;

/** Parses (cached by file name and text); throws ScenarioTextError with every located problem. */
export function parseCached(text: string, fileName: string): { scenario: Scenario; ms: number } {
  // Compile (once) before the first parse, so the parse validates against the same model object.
  compileMsPending += ensureModels();
  const key = `${fileName}\n${text}`;
  const hit = parsed.get(key);
  if (hit) return { scenario: hit, ms: 0 };
  const t0 = performance.now();
  const { scenario, errors } = parseScenario(text, fileName);
  if (!scenario || errors.length > 0) throw new ScenarioTextError(locate(errors));
  if (parsed.size >= PARSED_MAX) parsed.delete(parsed.keys().next().value!);
  parsed.set(key, scenario);
  return { scenario, ms: performance.now() - t0 };
}

export interface RunTextOptions {
  csv?: boolean;
  /** The already-validated scenario (live edits); then `text` is not parsed. */
  given?: Scenario;
  /** Outputs to plot instead of the scenario's: species, observables and assignment rules. */
  outputs?: readonly string[];
  /** Sample the dense output adaptively for plotting (adaptive-sampling.ts). */
  adaptive?: boolean;
}

/**
 * Passes of the adaptive sampling: the dense first pass, then refinements. A fixed number (no
 * time budget), so the same scenario is always plotted at the same samples: a saved and re-opened
 * file draws exactly what was on the page. Each pass costs one more solve.
 */
const PLOT_PASSES = 2;

export function runText(text: string, fileName: string, maxPoints: number, id: number, options: RunTextOptions = {}): RunResultMessage {
  compileMsPending += ensureModels();
  const { scenario, ms: parseMs } = options.given ? { scenario: options.given, ms: 0 } : parseCached(text, fileName);
  const { model } = resolveCompiledModel(scenario.model);
  // Rules are plotted as observables of a model variant that declares them so (model-cache.ts).
  const wanted = options.outputs ?? scenario.outputs;
  const rules = new Set(Object.keys(model.definition.rules ?? {}));
  const needsRules = wanted.some((o) => rules.has(o) && !model.speciesIds.includes(o) && !model.observableIds.includes(o));
  const runModel = needsRules ? withRuleOutputs(model) : model;
  const runIds = wanted.map((o) => (needsRules && rules.has(o) && !model.speciesIds.includes(o) && !model.observableIds.includes(o) ? ruleOutputId(o) : o));
  const compileMs = compileMsPending;
  compileMsPending = 0;
  const t0 = performance.now();
  let result = runScenario(scenario, { model: runModel, outputs: runIds });
  const solveMs = performance.now() - t0;
  const first = result;
  let plotted = result;
  if (options.adaptive && result.status === 'success') {
    // Dense output is cheap: more sample times cost no extra steps, only one more pass.
    let times: Float64Array | null = initialPlotTimes(result.times, scenario.end, switchTimes(scenario));
    for (let pass = 0; times && pass < PLOT_PASSES; pass++) {
      const r = runScenario(scenario, { model: runModel, outputs: runIds, times });
      if (r.status !== 'success') break;
      plotted = r;
      times = pass + 1 < PLOT_PASSES ? refineTimes(r.times, r.outputs.map((o) => o.values)) : null;
    }
    result = first;
  }
  const outputs: OutputSeries[] = plotted.outputs.map((o, k) => {
    const s = maxPoints > 0 ? decimate(plotted.times, o.values, maxPoints) : { t: plotted.times, y: o.values };
    // Each series owns its buffers, so all of them can be transferred.
    return { id: wanted[k], unit: o.unit, t: s.t === plotted.times ? Float64Array.from(s.t) : s.t, values: s.y };
  });
  const stamp = browserStamp(scenario, model.hash, scenarioHash(scenario));
  return {
    type: 'run-result',
    id,
    status: result.status,
    message: result.message,
    outputs,
    stats: { ...result.stats },
    parseMs,
    compileMs,
    solveMs,
    samples: result.times.length,
    plotSamples: plotted.times.length,
    stamp,
    compileMode: compileModeOf(model),
    // The CSV is always the scenario's own outputs at its own times: what `ferrosim run` writes.
    ...(options.csv ? { csv: resultToWideCsv(options.outputs || needsRules ? runScenario(scenario, { model }) : result, stamp) } : {}),
  };
}

/** Evaluates one point of the scenario's sweep grid; a failed solve comes back as NaN with its status. */
export function sweepPointText(text: string, fileName: string, index: number, id: number): SweepPointMessage {
  const { scenario } = parseCached(text, fileName);
  if (!scenario.sweep) throw new RangeError(`scenario '${scenario.name}' has no sweep block`);
  const size = sweepSize(scenario);
  if (!(index >= 0 && index < size)) throw new RangeError(`sweep point ${index} is outside the grid (0..${size - 1})`);
  const { model } = resolveCompiledModel(scenario.model);
  const r = evaluateSweepPointDetailed(scenario, sweepPointAt(scenario, index), model);
  return { type: 'sweep-point', id, index, value: r.value, status: r.status, message: r.message, steps: r.steps };
}
