/**
 * ferrosim as a user gets it: `npm pack`, the tarball installed into an empty project, then the
 * installed `ferrosim` command and a plain-Node script that imports the package. Nothing here runs
 * the repository's source: only what the tarball holds.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let work: string;
let project: string;
let installed: string;
let tarballFiles: string[];

function run(cmd: string, args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 180_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ferrosim-pack-'));
  // The global set-up has rebuilt dist/ if any source was newer, so the tarball holds this
  // checkout's code; `prepare` is skipped so that other test files running the built command
  // meanwhile never see it rebuilt under them.
  const stdout = execFileSync(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const packed = JSON.parse(stdout.slice(stdout.search(/^\[/m))) as { filename: string; files: { path: string }[] }[];
  tarballFiles = packed[0].files.map((f) => f.path);
  project = join(work, 'project');
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-ferrosim', version: '1.0.0', private: true, type: 'module' }, null, 2));
  // Dependencies come from npm's cache when it has them (it does after `npm ci` here).
  const r = run(NPM, ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, packed[0].filename)], project);
  if (r.code !== 0) throw new Error(`npm install of the tarball failed:\n${r.stderr}`);
  installed = join(project, 'node_modules', 'ferrosim');
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed ferrosim package', () => {
  it('holds dist/, the scenarios with their schema, the README and the license, and nothing else', () => {
    const tops = new Set(tarballFiles.map((f) => f.split('/')[0]));
    expect([...tops].sort()).toEqual(['LICENSE', 'README.md', 'dist', 'package.json', 'scenarios']);
    expect(tarballFiles).toContain('dist/lib/cli.js');
    expect(tarballFiles).toContain('dist/lib/sweep-worker.js');
    expect(tarballFiles).toContain('dist/types/index.d.ts');
    expect(tarballFiles).toContain('scenarios/scenario.schema.json');
    expect(tarballFiles.filter((f) => /^(src|test|bench|scripts)\//.test(f) || f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('installs a `ferrosim` command that prints its help', () => {
    const r = run(join(project, 'node_modules', '.bin', 'ferrosim'), ['--help'], project);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: ferrosim/);
    expect(r.stdout).toContain('sweep');
  });

  it('runs a shipped scenario and stamps the output with the version and the commit it was built from', () => {
    const out = join(project, 'baseline.csv');
    const r = run(join(project, 'node_modules', '.bin', 'ferrosim'), ['run', join(installed, 'scenarios', 'baseline.yaml'), '--out', out], project);
    expect(r.code, r.stderr).toBe(0);
    const csv = readFileSync(out, 'utf8');
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(csv).toContain(`ferrosim ${version}`);
    const head = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    expect(csv).toContain(head);
    // The data rows: the untreated steady state keeps viability at 1.
    const header = csv.split('\n').find((l) => l.startsWith('time'))!;
    expect(header).toContain('viability [fraction]');
  });

  it('works from a plain-Node script: the README model solves, and a sweep runs on the prebuilt worker', () => {
    const script = join(project, 'example.mjs');
    writeFileSync(script, `
import { compileModel, defineModel, solve, parseScenario, runSweepPoints, sweepSize } from 'ferrosim';
import { readFileSync } from 'node:fs';
const model = defineModel({
  name: 'two-step',
  species: {
    A: { initial: 1, unit: 'µM', description: 'inactive kinase', source: 'assumed: example' },
    Aact: { initial: 0, unit: 'µM', description: 'active kinase', source: 'assumed: example' },
    R: { initial: 0, unit: 'µM', description: 'readout', source: 'assumed: example' },
  },
  parameters: {
    kon: { value: 0.5, unit: '1/µM/h', source: 'assumed: example' },
    koff: { value: 0.2, unit: '1/h', source: 'assumed: example' },
    Vr: { value: 2, unit: 'µM/h', source: 'assumed: example' },
    K: { value: 0.3, unit: 'µM', source: 'assumed: example' },
    n: { value: 2, unit: 'dimensionless', source: 'assumed: example' },
    kdeg: { value: 0.1, unit: '1/h', source: 'assumed: example' },
  },
  inputs: { drug: { unit: 'µM', default: 0, description: 'activating drug' } },
  rules: { drive: { expression: 'kon * drug', unit: '1/h' } },
  reactions: {
    activation: { rate: 'drive * A', stoichiometry: { A: -1, Aact: 1 } },
    inactivation: { rate: 'koff * Aact', stoichiometry: { Aact: -1, A: 1 } },
    production: { rate: 'Vr * hill(Aact, K, n)', stoichiometry: { R: 1 } },
    degradation: { rate: 'kdeg * R', stoichiometry: { R: -1 } },
  },
  observables: { activeShare: { expression: 'Aact / (A + Aact)', unit: 'fraction', description: 'share of active kinase' } },
});
const problem = compileModel(model).toProblem({ tspan: [0, 48], inputs: { drug: 1 } });
const sol = solve(problem, { saveAt: [0, 12, 24, 48], tstops: [24], onTstop: () => { problem.u[0] = 0; } });
const R = Array.from(sol.t, (_, k) => sol.y[k * problem.n + 2].toFixed(3));

const file = new URL('./node_modules/ferrosim/scenarios/erastin-dose-response.yaml', import.meta.url);
const text = readFileSync(file, 'utf8');
const { scenario } = parseScenario(text, 'erastin-dose-response.yaml');
const indices = [0, 1, 2, 3];
const points = await runSweepPoints(scenario, { text, fileName: 'erastin-dose-response.yaml' }, indices, { workers: 1 + 1, callerComputes: false });
console.log(JSON.stringify({ status: sol.status, R, sweepSize: sweepSize(scenario), points: points.map((p) => p.value) }));
`);
    const r = run(process.execPath, [script], project);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { status: string; R: string[]; sweepSize: number; points: number[] };
    expect(out.status).toBe('success');
    expect(out.R).toEqual(['0.000', '11.344', '15.297', '2.739']); // as the README says
    expect(out.sweepSize).toBe(25);
    // The lowest erastin doses leave the cells alive at the readout (worker results, not NaN).
    for (const v of out.points) expect(v).toBeGreaterThan(0.9);
  });

  it('keeps the schema line of every shipped scenario pointing at the installed JSON schema', () => {
    const dir = join(installed, 'scenarios');
    const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const first = readFileSync(join(dir, f), 'utf8').split('\n')[0];
      const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(m, `${f}: first line`).not.toBeNull();
      const schemaFile = resolve(dirname(join(dir, f)), m![1]);
      expect(existsSync(schemaFile), `${f}: ${m![1]}`).toBe(true);
      expect((JSON.parse(readFileSync(schemaFile, 'utf8')) as { $schema?: string }).$schema).toMatch(/json-schema/);
    }
  });
});
