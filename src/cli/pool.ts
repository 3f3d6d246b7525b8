/**
 * Runs sweep points on a worker_threads pool. Points are handed out in small batches as workers
 * become free; each result lands at its grid index, so the output never depends on the number of
 * workers or the order they finish in.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { evaluateSweepPointDetailed, requireModel, sweepPointAt, type PointResult, type Scenario } from '../scenario/index.ts';

export interface PoolOptions {
  /** Worker threads; 1 runs in this thread. Default: the number of cores. */
  workers?: number;
  onProgress?: (done: number) => void;
}

let workerScriptPath: Promise<string> | undefined;

/**
 * The worker's entry script. Loading TypeScript through tsx in every worker costs seconds, so
 * the worker is bundled once with esbuild into plain JS under node_modules/.cache/ferrosim/
 * (where bare imports such as mathjs still resolve), named by a hash of its content. Without
 * esbuild it falls back to a tsx bootstrap.
 */
function workerScript(): Promise<string> {
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

/** Evaluates `indices` of the scenario's grid. `text`/`fileName` are what the scenario was parsed from. */
export async function runSweepPoints(
  scenario: Scenario,
  source: { text: string; fileName: string },
  indices: readonly number[],
  options: PoolOptions = {},
): Promise<PointResult[]> {
  const workers = Math.max(1, Math.min(options.workers ?? defaultWorkers(), indices.length || 1));
  const results: PointResult[] = new Array(indices.length);
  if (workers === 1) {
    const model = requireModel(scenario.model);
    for (let k = 0; k < indices.length; k++) {
      results[k] = evaluateSweepPointDetailed(scenario, sweepPointAt(scenario, indices[k]), model);
      options.onProgress?.(k + 1);
    }
    return results;
  }

  const batch = Math.max(1, Math.min(32, Math.ceil(indices.length / (workers * 8))));
  const entry = await workerScript();
  let next = 0;
  let done = 0;
  const slotOf = new Map<number, number>();
  indices.forEach((idx, k) => slotOf.set(idx, k));

  const pool: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let finished = 0;
      const feed = (w: Worker): boolean => {
        if (next >= indices.length) return false;
        const chunk = indices.slice(next, next + batch);
        next += chunk.length;
        w.postMessage({ indices: chunk });
        return true;
      };
      for (let i = 0; i < workers; i++) {
        const w = new Worker(entry, { workerData: source });
        pool.push(w);
        w.on('message', (msg: { type: string; results?: PointResult[]; message?: string }) => {
          if (msg.type === 'error') {
            reject(new Error(`sweep worker failed: ${msg.message}`));
            return;
          }
          if (msg.type === 'results') {
            for (const r of msg.results!) results[slotOf.get(r.index)!] = r;
            done += msg.results!.length;
            options.onProgress?.(done);
          }
          if (!feed(w)) {
            finished++;
            if (finished === workers) resolve();
          }
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (code !== 0 && done < indices.length) reject(new Error(`sweep worker exited with code ${code}`));
        });
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}
