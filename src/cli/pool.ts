/**
 * Runs sweep points on this thread plus a worker_threads pool. Points are handed out in small
 * batches as threads become free; each result lands at its grid index, so the output never
 * depends on the number of workers or the order they finish in.
 *
 * Workers start fast: they receive the parsed scenario and the compiled model as data
 * (`CompiledModel.serialized`: generated code and tables), so they load neither the compiler nor
 * mathjs nor the YAML parser. `prestartWorkers` starts them before the scenario is even parsed;
 * a grid too small to pay for a worker's start runs on this thread alone.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { requireModel, type PointResult, type Scenario } from '../scenario/core.ts';
import { pointEvaluator, type PointKind } from './point-kind.ts';

/** Points this thread evaluates between looks at worker messages (a few ms of work). */
const LOCAL_BATCH = 2;

/**
 * Below this many points the calling thread does all the work: a worker takes about 0.1 s to
 * start (more under load) and a single-cell 72-h point about 3 ms, so a worker would return its
 * first point after this thread had done some thirty.
 */
export const SMALL_SWEEP = 32;

export interface PoolOptions {
  /**
   * Threads computing points: this thread plus workers − 1 worker threads (1: this thread only).
   * Default: the number of cores, or this thread alone for fewer than SMALL_SWEEP points.
   */
  workers?: number;
  /**
   * false: only worker threads compute (`workers` of them), e.g. to test the worker path on a grid
   * this thread would finish before a worker has started. Default true.
   */
  callerComputes?: boolean;
  onProgress?: (done: number) => void;
  /** What an index means: a point of the sweep grid (default) or of the `sensitivity:` design. */
  kind?: PointKind;
  /** Each finished point as it lands (so an interrupted sweep can keep what it has). */
  onResult?: (result: PointResult) => void;
}

/**
 * A point whose worker died while computing it is retried once, alone, on another worker; if that
 * one dies too, the point is reported with this status rather than dropped.
 */
function workerFailed(index: number, why: string): PointResult {
  return { index, value: NaN, status: 'worker-failed', message: `the worker computing this point died twice (${why})`, steps: 0 };
}

let workerScriptPath: Promise<string> | undefined;

/**
 * The worker's entry script. In the built package it is dist/lib/sweep-worker.js, built ahead with
 * everything else (scripts/build-package.ts), so nothing is compiled at run time. From the
 * TypeScript source (tests, tsx), where a worker cannot load .ts files, the worker is bundled once
 * with esbuild into plain JS under node_modules/.cache/ferrosim/ (where bare imports such as
 * mathjs still resolve), named by a hash of its content; without esbuild it falls back to a tsx
 * bootstrap.
 */
function workerScript(): Promise<string> {
  if (typeof FERROSIM_BUILD !== 'undefined') return (workerScriptPath ??= Promise.resolve(fileURLToPath(new URL('./sweep-worker.js', import.meta.url))));
  workerScriptPath ??= (async () => {
    const here = fileURLToPath(new URL('.', import.meta.url));
    try {
      const esbuild = await import('esbuild');
      const out = await esbuild.build({
        entryPoints: [join(here, 'sweep-worker.ts')], bundle: true, platform: 'node', format: 'esm',
        packages: 'external', write: false, outfile: 'sweep-worker.mjs', logLevel: 'silent',
        // Some dependencies are CommonJS loaded with require(); give the ESM bundle a real one.
        banner: { js: "import { createRequire as __ferrosimRequire } from 'node:module'; const require = __ferrosimRequire(import.meta.url);" },
      });
      const code = out.outputFiles[0].text;
      const dir = join(here, '..', '..', 'node_modules', '.cache', 'ferrosim');
      const file = join(dir, `sweep-worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
      if (!existsSync(file)) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(file, code);
      }
      return file;
    } catch {
      return join(here, 'worker-entry.mjs');
    }
  })();
  return workerScriptPath;
}

export function defaultWorkers(): number {
  return availableParallelism();
}

/** Workers started ahead (by `prestartWorkers`), waiting for their first sweep. */
const idle: Promise<Worker>[] = [];

function spawnWorker(): Promise<Worker> {
  return workerScript().then((entry) => new Worker(entry));
}

/**
 * Starts `count` worker threads now, so that they load their code while the caller parses the
 * scenario; the next `runSweepPoints` adopts them (and terminates them when it ends). Workers
 * that no sweep adopts are ended by `releasePrestartedWorkers` (the CLI calls it before exit).
 */
export function prestartWorkers(count: number): void {
  for (let i = 0; i < count; i++) idle.push(spawnWorker());
}

export async function releasePrestartedWorkers(): Promise<void> {
  const waiting = idle.splice(0);
  await Promise.all(waiting.map(async (w) => (await w).terminate()));
}

/**
 * Evaluates `indices` of the scenario's grid. The second argument (the text the scenario was
 * parsed from) is no longer needed: workers receive the parsed scenario itself.
 */
export async function runSweepPoints(
  scenario: Scenario,
  _source: { text: string; fileName: string } | undefined,
  indices: readonly number[],
  options: PoolOptions = {},
): Promise<PointResult[]> {
  const callerComputes = options.callerComputes ?? true;
  // Without an explicit worker count, a grid too small to pay for a worker's start stays here.
  const small = callerComputes && options.workers === undefined && indices.length < SMALL_SWEEP;
  const workers = small ? 1 : Math.max(1, Math.min(options.workers ?? defaultWorkers(), indices.length || 1));
  const results: PointResult[] = new Array(indices.length);
  const kind = options.kind ?? 'sweep';
  if (workers === 1 && callerComputes) {
    await releasePrestartedWorkers();
    const model = requireModel(scenario.model);
    const evaluate = pointEvaluator(kind, scenario, model);
    for (let k = 0; k < indices.length; k++) {
      results[k] = evaluate(indices[k]);
      options.onResult?.(results[k]);
      options.onProgress?.(k + 1);
      // Let signal handlers run between points (SIGINT keeps the finished ones).
      await new Promise<void>((r) => setImmediate(r));
    }
    return results;
  }

  // This thread computes too while workers − 1 worker threads start and then run beside it: on
  // 2 cores that keeps both busy from the start instead of idling through two start-ups.
  const model = requireModel(scenario.model);
  const evaluate = pointEvaluator(kind, scenario, model);
  const init = { type: 'init', kind, scenario, model: model.serialized, definition: model.definition };
  if (!init.model) throw new Error(`model '${scenario.model}' has no serialized form to hand to workers`);
  const batch = Math.max(1, Math.min(32, Math.ceil(indices.length / (workers * 8))));
  const threads = callerComputes ? workers - 1 : workers;
  const starting = [...idle.splice(0, threads)];
  while (starting.length < threads) starting.push(spawnWorker());
  const started = await Promise.all(starting);
  await releasePrestartedWorkers();
  let next = 0;
  let done = 0;
  const slotOf = new Map<number, number>();
  indices.forEach((idx, k) => slotOf.set(idx, k));
  // Points of a dead worker's batches, retried one at a time, before any new point, on a worker
  // (never on this thread: a point that kills its thread must not take the whole sweep with it).
  const retry: number[] = [];
  const attempts = new Map<number, number>();
  const take = (size: number, retries = true): number[] => {
    if (retries && retry.length > 0) return [retry.shift()!];
    const chunk = indices.slice(next, next + size);
    next += chunk.length;
    return chunk;
  };
  const hasWork = (retries = true): boolean => (retries && retry.length > 0) || next < indices.length;

  const pool = new Set<Worker>();
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      let localRunning = false;
      let respawns = 0;
      const fail = (e: Error): void => {
        failed = true;
        reject(e);
      };
      const land = (batchResults: PointResult[]): void => {
        for (const r of batchResults) {
          results[slotOf.get(r.index)!] = r;
          options.onResult?.(r);
        }
        done += batchResults.length;
        options.onProgress?.(done);
        if (done === indices.length) resolve();
      };
      /** Batches sent to each worker and not yet answered, oldest first. */
      const inflight = new Map<Worker, number[][]>();
      const feed = (w: Worker): void => {
        if (!hasWork()) return;
        const chunk = take(batch);
        inflight.get(w)!.push(chunk);
        w.postMessage({ indices: chunk });
      };
      // After a death: hand the retries to idle workers, and start this thread again if it stopped.
      const kick = (): void => {
        for (const w of pool) while (inflight.get(w)!.length < 2 && hasWork()) feed(w);
        if (callerComputes && !localRunning && hasWork(false)) {
          localRunning = true;
          setImmediate(local);
        }
        if (pool.size === 0) {
          // No worker left to retry on (or, without this thread, to compute at all): report those
          // points instead of waiting forever.
          const orphans = callerComputes ? retry.splice(0) : [...retry.splice(0), ...take(indices.length, false)];
          if (orphans.length > 0) land(orphans.map((i) => workerFailed(i, 'no worker left to retry on')));
        }
      };
      const died = (w: Worker, why: string): void => {
        if (failed || !pool.delete(w)) return; // 'error' and 'exit' both report one death
        // A worker answers its batches in order, so the oldest one is what it died on; the points
        // queued behind it had not started and go back without counting as an attempt.
        const [current = [], ...queued] = inflight.get(w)!;
        const lost: PointResult[] = [];
        for (const i of current) {
          const n = (attempts.get(i) ?? 0) + 1;
          attempts.set(i, n);
          if (n >= 2) lost.push(workerFailed(i, why));
          else retry.push(i);
        }
        retry.push(...queued.flat());
        if (lost.length > 0) land(lost);
        inflight.delete(w);
        if (done < indices.length && hasWork() && respawns < workers) {
          respawns++;
          spawnWorker().then(adopt, (e: Error) => fail(e));
        }
        kick();
      };
      const adopt = (w: Worker): void => {
        if (failed || done === indices.length) {
          void w.terminate();
          return;
        }
        pool.add(w);
        inflight.set(w, []);
        w.on('message', (msg: { type: string; results?: PointResult[]; message?: string }) => {
          if (msg.type === 'error') {
            fail(new Error(`sweep worker failed: ${msg.message}`));
            return;
          }
          if (msg.type === 'results') {
            inflight.get(w)?.shift();
            land(msg.results!);
            feed(w);
          } else if (msg.type === 'ready') {
            // Two batches in flight: a worker never waits for this thread to finish its own points.
            feed(w);
            feed(w);
          }
        });
        w.on('error', (e: Error) => died(w, e.message));
        w.on('exit', (code) => {
          if (done < indices.length) died(w, `exit code ${code}`);
        });
        w.postMessage(init);
      };
      for (const w of started) adopt(w);
      // A couple of points at a time, yielding in between so worker messages are handled promptly.
      const local = (): void => {
        if (failed || !hasWork(false)) {
          localRunning = false;
          return;
        }
        try {
          land(take(LOCAL_BATCH, false).map(evaluate));
        } catch (e) {
          fail(e as Error);
          return;
        }
        setImmediate(local);
      };
      if (callerComputes) {
        localRunning = true;
        setImmediate(local);
      }
    });
  } finally {
    await Promise.all([...pool].map((w) => w.terminate()));
  }
  return results;
}
