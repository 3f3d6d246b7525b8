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
import { compileModeOf, ensureModels, resolveCompiledModel } from './model-cache.ts';
import { decimate } from './decimate.ts';
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

export function runText(text: string, fileName: string, maxPoints: number, id: number, csv = false, given?: Scenario): RunResultMessage {
  compileMsPending += ensureModels();
  const { scenario, ms: parseMs } = given ? { scenario: given, ms: 0 } : parseCached(text, fileName);
  const { model } = resolveCompiledModel(scenario.model);
  const compileMs = compileMsPending;
  compileMsPending = 0;
  const t0 = performance.now();
  const result = runScenario(scenario, { model });
  const solveMs = performance.now() - t0;
  const outputs: OutputSeries[] = result.outputs.map((o) => {
    const s = maxPoints > 0 ? decimate(result.times, o.values, maxPoints) : { t: result.times, y: o.values };
    // Each series owns its buffers, so all of them can be transferred.
    return { id: o.id, unit: o.unit, t: s.t === result.times ? Float64Array.from(s.t) : s.t, values: s.y };
  });
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
    compileMode: compileModeOf(model),
    ...(csv ? { csv: resultToWideCsv(result, browserStamp(scenario, model.hash, scenarioHash(scenario))) } : {}),
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
