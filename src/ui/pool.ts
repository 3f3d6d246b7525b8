/**
 * The page's side of the workers: a pool for sweeps, sized to the machine, with dynamic
 * scheduling (one point at a time to whichever worker is free) and a hard cancel that
 * terminates the workers, so a long solve cannot keep a core busy after the user said stop.
 */
import type { Scenario } from '../scenario/types.ts';
import type { ErrorMessage, LocatedError, RunRequest, RunResultMessage, SweepPointMessage, WorkerRequest, WorkerResponse } from './protocol.ts';

export type WorkerFactory = () => Worker;

export function defaultWorkerFactory(): Worker {
  return new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'ferrosim-worker' });
}

/** A failed request: scenario errors carry lines; otherwise `message` says what went wrong. */
export class WorkerRequestError extends Error {
  readonly errors: LocatedError[];
  constructor(message: string, errors: LocatedError[] = []) {
    super(message);
    this.name = 'WorkerRequestError';
    this.errors = errors;
  }
}

export class SweepCancelled extends Error {
  constructor() {
    super('sweep cancelled');
    this.name = 'SweepCancelled';
  }
}

export interface SweepHandle {
  done: Promise<void>;
  cancel(): void;
}

let nextRequestId = 1;

function workerErrorText(ev: ErrorEvent | Event): string {
  const e = ev as ErrorEvent;
  return e.message ? `simulation worker failed: ${e.message}` : 'simulation worker failed to start (see the browser console)';
}

export class WorkerPool {
  readonly size: number;
  private workers: (Worker | null)[];
  private readonly factory: WorkerFactory;
  private current: { cancel(): void } | null = null;

  constructor(size: number, factory: WorkerFactory = defaultWorkerFactory) {
    this.size = Math.max(1, Math.floor(size));
    this.factory = factory;
    this.workers = new Array(this.size).fill(null);
  }

  /** Number of live workers (0 right after a cancel). */
  liveWorkers(): number {
    return this.workers.filter((w) => w !== null).length;
  }

  private worker(k: number): Worker {
    let w = this.workers[k];
    if (!w) {
      w = this.factory();
      this.workers[k] = w;
    }
    return w;
  }

  /** Starts every worker and has it compile the model, ahead of the first sweep. */
  warm(): void {
    for (let k = 0; k < this.size; k++) {
      if (this.workers[k]) continue;
      this.worker(k).postMessage({ type: 'warm', id: nextRequestId++ } satisfies WorkerRequest);
    }
  }

  /** Terminates every worker; the next sweep starts fresh ones (and recompiles the model). */
  terminateAll(): void {
    for (const w of this.workers) w?.terminate();
    this.workers.fill(null);
  }

  /**
   * Evaluates points 0..total-1 of the scenario's sweep grid. `onPoint` sees each result as it
   * arrives (out of order). Only one sweep runs at a time; starting one cancels the previous.
   */
  sweep(
    text: string,
    fileName: string,
    total: number,
    onPoint: (point: SweepPointMessage) => void,
  ): SweepHandle {
    this.current?.cancel();
    let next = 0;
    let finished = 0;
    let settled = false;
    let rejectDone: (e: Error) => void = () => {};
    let resolveDone: () => void = () => {};
    const done = new Promise<void>((res, rej) => {
      resolveDone = res;
      rejectDone = rej;
    });
    const listeners: { w: Worker; msg: (ev: MessageEvent) => void; err: (ev: Event) => void }[] = [];
    const detach = () => {
      for (const l of listeners) {
        l.w.removeEventListener('message', l.msg);
        l.w.removeEventListener('error', l.err);
      }
      listeners.length = 0;
    };
    const fail = (e: Error, terminate: boolean) => {
      if (settled) return;
      settled = true;
      detach();
      if (terminate) this.terminateAll();
      this.current = null;
      rejectDone(e);
    };
    const handle = {
      cancel: () => fail(new SweepCancelled(), true),
    };
    this.current = handle;

    const ids = new Map<number, number>(); // request id → worker slot
    const dispatch = (k: number) => {
      if (settled || next >= total) return;
      const id = nextRequestId++;
      ids.set(id, k);
      const req: WorkerRequest = { type: 'sweep', id, text, fileName, indices: [next++] };
      this.worker(k).postMessage(req);
    };
    const workerCount = Math.min(this.size, Math.max(1, total));
    for (let k = 0; k < workerCount; k++) {
      const w = this.worker(k);
      const msg = (ev: MessageEvent) => {
        const m = ev.data as WorkerResponse;
        if (settled || !ids.has(m.id)) return;
        if (m.type === 'sweep-point') {
          finished++;
          onPoint(m);
          if (finished === total) {
            settled = true;
            detach();
            this.current = null;
            resolveDone();
          }
        } else if (m.type === 'sweep-done') {
          ids.delete(m.id);
          dispatch(k);
        } else if (m.type === 'error') {
          fail(new WorkerRequestError(m.message, m.errors), false);
        }
      };
      const err = (ev: Event) => {
        ev.preventDefault();
        fail(new WorkerRequestError(workerErrorText(ev)), true);
      };
      w.addEventListener('message', msg);
      w.addEventListener('error', err);
      listeners.push({ w, msg, err });
    }
    if (total === 0) {
      settled = true;
      detach();
      this.current = null;
      resolveDone();
    } else {
      for (let k = 0; k < workerCount; k++) dispatch(k);
    }
    return { done, cancel: handle.cancel };
  }
}

/** What a time-course run plots: which outputs, and whether sampled adaptively (protocol.ts). */
export type PlotRequest = Pick<RunRequest, 'outputs' | 'adaptive'>;

/**
 * One worker for time courses. Requests are serialised; while one runs, newer requests replace
 * any waiting one (a dragged slider only needs its latest position solved).
 */
export class LiveRunner {
  private worker: Worker | null = null;
  private readonly factory: WorkerFactory;
  private inFlight: { id: number; resolve: (r: RunResultMessage | null) => void; reject: (e: Error) => void } | null = null;
  private waiting: { req: Omit<RunRequest, 'type' | 'id'>; resolve: (r: RunResultMessage | null) => void; reject: (e: Error) => void } | null = null;

  constructor(factory: WorkerFactory = defaultWorkerFactory) {
    this.factory = factory;
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = this.factory();
    w.addEventListener('message', (ev: MessageEvent) => this.onMessage(ev.data as WorkerResponse));
    w.addEventListener('error', (ev) => {
      ev.preventDefault();
      const e = new WorkerRequestError(workerErrorText(ev));
      this.inFlight?.reject(e);
      this.inFlight = null;
      this.worker?.terminate();
      this.worker = null;
      this.pump();
    });
    this.worker = w;
    return w;
  }

  /**
   * Solves the scenario. Resolves with the result, or with null when a newer request superseded
   * this one before it started; rejects with WorkerRequestError for scenario errors.
   */
  run(text: string, fileName: string, maxPoints: number, csv = false, plot: PlotRequest = {}): Promise<RunResultMessage | null> {
    return new Promise((resolve, reject) => {
      this.waiting?.resolve(null);
      this.waiting = { req: { text, fileName, maxPoints, csv, ...plot }, resolve, reject };
      this.pump();
    });
  }

  /** Like `run`, with a validated scenario object instead of text (live edits). */
  runScenario(scenario: Scenario, maxPoints: number, plot: PlotRequest = {}): Promise<RunResultMessage | null> {
    return new Promise((resolve, reject) => {
      this.waiting?.resolve(null);
      this.waiting = { req: { text: '', fileName: scenario.file, scenario, maxPoints, ...plot }, resolve, reject };
      this.pump();
    });
  }

  private pump(): void {
    if (this.inFlight || !this.waiting) return;
    const { req, resolve, reject } = this.waiting;
    this.waiting = null;
    const id = nextRequestId++;
    this.inFlight = { id, resolve, reject };
    this.ensure().postMessage({ type: 'run', id, ...req } satisfies RunRequest);
  }

  private onMessage(m: WorkerResponse): void {
    const f = this.inFlight;
    if (!f || m.id !== f.id) return;
    this.inFlight = null;
    if (m.type === 'run-result') f.resolve(m);
    else if (m.type === 'error') f.reject(new WorkerRequestError((m as ErrorMessage).message, m.errors));
    this.pump();
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}
