/**
 * Start-up: what a user waits for before any work, measured on the built package (dist/lib, as
 * `npm ci` leaves it), each in a fresh process (cold Node start, module loading, first use):
 *
 * - `ferrosim --help`;
 * - `ferrosim run scenarios/baseline.yaml` (wall time of the whole command, output included);
 * - the first result of a sweep worker: a fresh process starts the pool with worker threads only
 *   (the calling thread computes nothing) and reports the time from the pool's start to the first
 *   point a worker returns.
 *
 * Targets on the team's 2-core machine (issue 10): --help ≤ 0.25 s, baseline run ≤ 0.6 s, first
 * worker result ≤ 0.3 s. Medians of fresh processes, interleaved so load changes hit all three.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from '../lib/context.ts';
import { median } from '../lib/timing.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist', 'lib', 'cli.js');
const TARGETS = { help: 250, run: 600, worker: 300 } as const;

function wallMs(args: string[], cwd: string): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return ms;
}

/** A script that times the pool's first worker result in its own process and prints it (ms). */
function firstWorkerScript(dir: string): string {
  const file = join(dir, 'first-worker.mjs');
  const lib = new URL('../../dist/lib/index.js', import.meta.url).href;
  const scenario = join(ROOT, 'scenarios', 'erastin-dose-response.yaml');
  writeFileSync(file, `
import { readFileSync } from 'node:fs';
const { parseScenario, runSweepPoints } = await import(${JSON.stringify(lib)});
const text = readFileSync(${JSON.stringify(scenario)}, 'utf8');
const { scenario } = parseScenario(text, 'erastin-dose-response.yaml');
let first = NaN;
const t0 = performance.now();
await runSweepPoints(scenario, { text, fileName: 'erastin-dose-response.yaml' }, [0], {
  workers: 1, callerComputes: false, onProgress: () => { if (Number.isNaN(first)) first = performance.now() - t0; },
});
console.log(first);
`);
  return file;
}

export default async function startupSection(ctx: BenchContext): Promise<string> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (npm ci does it through prepare)`);
  const runs = ctx.quick ? 3 : 11;
  const dir = mkdtempSync(join(tmpdir(), 'ferrosim-startup-'));
  const load0 = loadavg()[0];
  const help: number[] = [];
  const run: number[] = [];
  const worker: number[] = [];
  try {
    const script = firstWorkerScript(dir);
    wallMs([CLI, '--help'], dir); // the file system cache, not Node, is what a first call would measure
    for (let i = 0; i < runs; i++) {
      ctx.log(`[bench] start-up ${i + 1}/${runs}`);
      help.push(wallMs([CLI, '--help'], dir));
      run.push(wallMs([CLI, 'run', join(ROOT, 'scenarios', 'baseline.yaml')], dir));
      const r = spawnSync(process.execPath, [script], { cwd: dir, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`first-worker script failed: ${r.stderr}`);
      worker.push(Number(r.stdout.trim().split('\n').at(-1)));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const rows = [
    ['`ferrosim --help`', help, TARGETS.help],
    ['`ferrosim run scenarios/baseline.yaml`', run, TARGETS.run],
    ['first sweep point from a worker, after the pool starts', worker, TARGETS.worker],
  ] as const;
  const fmt = (x: number): string => x.toFixed(0);
  ctx.saveJson('startup', { runs, loadBefore: load0, loadAfter: loadavg()[0], help, run, worker });
  return '## Start-up (built package, fresh processes)\n\n' +
    `${runs} fresh processes each, interleaved; load average ${load0.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after.\n\n` +
    '| what | median ms | min ms | max ms | target ms | met |\n|---|---:|---:|---:|---:|---|\n' +
    rows.map(([what, t, target]) => {
      const m = median(t);
      return `| ${what} | ${fmt(m)} | ${fmt(Math.min(...t))} | ${fmt(Math.max(...t))} | ${target} | ${m <= target ? 'yes' : 'no'} |`;
    }).join('\n') + '\n';
}
