/**
 * A sweep worker: parses the scenario text it was given (so it sees exactly what the main thread
 * parsed), compiles the model once, then evaluates batches of grid indices on request.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { evaluateSweepPointDetailed, parseScenario, requireModel, sweepPointAt } from '../scenario/index.ts';

interface Init {
  text: string;
  fileName: string;
}

const { text, fileName } = workerData as Init;
const port = parentPort!;
try {
  const parsed = parseScenario(text, fileName);
  if (!parsed.scenario) throw new Error(`worker could not parse ${fileName}: ${parsed.errors.map((e) => e.message).join('; ')}`);
  const scenario = parsed.scenario;
  const model = requireModel(scenario.model);
  port.on('message', (msg: { indices: number[] }) => {
    try {
      const results = msg.indices.map((i) => evaluateSweepPointDetailed(scenario, sweepPointAt(scenario, i), model));
      port.postMessage({ type: 'results', results });
    } catch (e) {
      port.postMessage({ type: 'error', message: (e as Error).stack ?? String(e) });
    }
  });
  port.postMessage({ type: 'ready' });
} catch (e) {
  port.postMessage({ type: 'error', message: (e as Error).stack ?? String(e) });
}
