/**
 * The simulation worker: answers 'run' and 'sweep' requests (protocol.ts). Scenario problems go
 * back located (file:line:column); anything unexpected goes back as a message, so the page never
 * waits on a worker that has silently failed.
 */
import { runText, sweepPointText, ScenarioTextError } from './engine.ts';
import { ensureModels } from './model-cache.ts';
import type { ErrorMessage, WorkerRequest, WorkerResponse } from './protocol.ts';

const scope = self as unknown as {
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (ev: MessageEvent<WorkerRequest>) => void): void;
};

function errorMessage(id: number, err: unknown): ErrorMessage {
  if (err instanceof ScenarioTextError) return { type: 'error', id, errors: err.errors, message: err.message };
  const message = err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
  return { type: 'error', id, errors: [], message };
}

scope.addEventListener('message', (ev) => {
  const req = ev.data;
  try {
    if (req.type === 'run') {
      const result = runText(req.text, req.fileName, req.maxPoints, req.id, {
        csv: req.csv === true, given: req.scenario, outputs: req.outputs, adaptive: req.adaptive === true,
      });
      const transfer: Transferable[] = [];
      for (const o of result.outputs) transfer.push(o.t.buffer as ArrayBuffer, o.values.buffer as ArrayBuffer);
      scope.postMessage(result, transfer);
    } else if (req.type === 'warm') {
      ensureModels();
    } else if (req.type === 'sweep') {
      for (const index of req.indices) scope.postMessage(sweepPointText(req.text, req.fileName, index, req.id));
      scope.postMessage({ type: 'sweep-done', id: req.id });
    }
  } catch (err) {
    scope.postMessage(errorMessage(req.id, err));
  }
});
