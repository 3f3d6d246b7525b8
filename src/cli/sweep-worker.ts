/**
 * A sweep worker. It starts without loading the compiler, mathjs, YAML or the schema: the pool
 * sends it the scenario its caller parsed (a structured clone of the same object) and the compiled
 * model as plain data (generated code and tables, `CompiledModel.serialized`), which it turns back
 * into the model with `new Function`. Then it evaluates batches of grid indices on request.
 *
 * Messages in: { type: 'init', kind, scenario, model, definition } once, then { indices } batches.
 * Messages out: { type: 'ready' } after init, { type: 'results', results }, { type: 'error', message }.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { instantiateModel, type SerializedModel } from '../model/serialized.ts';
import type { CompiledModel, ModelDefinition } from '../model/types.ts';
import type { PointResult } from '../scenario/grid.ts';
import type { Scenario } from '../scenario/types.ts';
import { pointEvaluator, type PointKind } from './point-kind.ts';

interface Init {
  type: 'init';
  /** What the indices mean (default: sweep grid points). */
  kind?: PointKind;
  scenario: Scenario;
  model: SerializedModel;
  definition: ModelDefinition;
}

/**
 * Fault injection for the pool's crash tests: FERROSIM_FAULT_KILL_POINT=<index>[,<marker file>]
 * makes the worker that is asked for that point die (exit 70): every time, or, with a marker
 * file, only the first time (the marker records that it happened). Unset in normal use.
 */
const fault = /^(\d+)(?:,(.+))?$/.exec(process.env.FERROSIM_FAULT_KILL_POINT ?? '');
function maybeDie(index: number): void {
  if (!fault || Number(fault[1]) !== index) return;
  if (fault[2]) {
    if (existsSync(fault[2])) return;
    writeFileSync(fault[2], `killed the worker computing point ${index}\n`);
  }
  process.exit(70);
}

const port = parentPort!;
let scenario: Scenario | undefined;
let model: CompiledModel | undefined;
let evaluate: ((index: number) => PointResult) | undefined;

port.on('message', (msg: Init | { indices: number[] }) => {
  try {
    if ('type' in msg && msg.type === 'init') {
      scenario = msg.scenario;
      model = instantiateModel(msg.model, msg.definition);
      evaluate = pointEvaluator(msg.kind ?? 'sweep', scenario, model);
      port.postMessage({ type: 'ready' });
      return;
    }
    if (!evaluate) throw new Error('sweep worker: points requested before init');
    const run = evaluate;
    const results = (msg as { indices: number[] }).indices.map((i) => (maybeDie(i), run(i)));
    port.postMessage({ type: 'results', results });
  } catch (e) {
    port.postMessage({ type: 'error', message: (e as Error).stack ?? String(e) });
  }
});
