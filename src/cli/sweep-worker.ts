/**
 * A sweep worker. It starts without loading the compiler, mathjs, YAML or the schema: the pool
 * sends it the scenario its caller parsed (a structured clone of the same object) and the compiled
 * model as plain data (generated code and tables, `CompiledModel.serialized`), which it turns back
 * into the model with `new Function`. Then it evaluates batches of grid indices on request.
 *
 * Messages in: { type: 'init', kind, scenario, model, definition } once, then { indices } batches.
 * Messages out: { type: 'ready' } after init, { type: 'results', results }, { type: 'error', message }.
 */
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
    const results = (msg as { indices: number[] }).indices.map(evaluate);
    port.postMessage({ type: 'results', results });
  } catch (e) {
    port.postMessage({ type: 'error', message: (e as Error).stack ?? String(e) });
  }
});
