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
      options.onProgress?.(k + 1);
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
  const take = (size: number): number[] => {
    const chunk = indices.slice(next, next + size);
    next += chunk.length;
    return chunk;
  };

  const pool: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (e: Error): void => {
        failed = true;
        reject(e);
      };
      const land = (batchResults: PointResult[]): void => {
        for (const r of batchResults) results[slotOf.get(r.index)!] = r;
        done += batchResults.length;
        options.onProgress?.(done);
        if (done === indices.length) resolve();
      };
      const feed = (w: Worker): void => {
        if (next < indices.length) w.postMessage({ indices: take(batch) });
      };
      for (const w of started) {
        pool.push(w);
        w.on('message', (msg: { type: string; results?: PointResult[]; message?: string }) => {
          if (msg.type === 'error') {
            fail(new Error(`sweep worker failed: ${msg.message}`));
            return;
          }
          if (msg.type === 'results') {
            land(msg.results!);
            feed(w);
          } else if (msg.type === 'ready') {
            // Two batches in flight: a worker never waits for this thread to finish its own points.
            feed(w);
            feed(w);
          }
        });
        w.on('error', fail);
        w.on('exit', (code) => {
          if (code !== 0 && done < indices.length) fail(new Error(`sweep worker exited with code ${code}`));
        });
        w.postMessage(init);
      }
      // A couple of points at a time, yielding in between so worker messages are handled promptly.
      const local = (): void => {
        if (failed || next >= indices.length) return;
        try {
          land(take(LOCAL_BATCH).map(evaluate));
        } catch (e) {
          fail(e as Error);
          return;
        }
        setImmediate(local);
      };
      if (callerComputes) setImmediate(local);
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}
