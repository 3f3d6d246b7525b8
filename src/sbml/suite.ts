/**
 * Runs SBML Test Suite case folders (NNNNN/ with the SBML file, settings and expected results):
 * import, compile, solve at tight tolerances with output at the listed times, and compare with the
 * suite's rule. Each case ends as pass, fail (with the worst point) or unsupported (with the
 * constructs named), never as a silently wrong simulation.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileModel } from '../model/index.ts';
import { solve } from '../solver/index.ts';
import { convertModel } from './convert.ts';
import { readSbml } from './read.ts';
import { createRuntime, type SbmlRuntime } from './runtime.ts';
import { compareResults, parseResults, parseSettings, type Comparison, type WorstPoint } from './suite-files.ts';

export type CaseStatus = 'pass' | 'fail' | 'unsupported';

export interface CaseResult {
  id: string;
  /** The level of the file the case ran from (l3v2 also stands for a case's L3V1 fallback). */
  level: SuiteLevel;
  /** From cases.tsv next to the cases folder, when present. */
  tier: number | null;
  status: CaseStatus;
  /** For fail and unsupported: why. */
  reason: string;
  worst: WorstPoint | null;
  line: string;
  ms: number;
}

export interface SuiteResult {
  passed: number;
  failed: number;
  unsupported: number;
  /** Cases that have no file at the requested level. */
  missing: number;
  lines: string[];
  results: CaseResult[];
}

export interface SuiteOptions {
  /** Called with each case's line as it finishes (not with the summary, which ends `lines`). */
  log?: (line: string) => void;
  /** Case ids to run (default: every NNNNN folder in dir). */
  cases?: string[];
  /**
   * The level to run each case from (default l3v2), or 'all': every level a case has a file for.
   * A case without a file at the chosen level is not run; `missing` counts them.
   */
  level?: SuiteLevel | 'all';
}

/** Relative tolerance of the solver; the suite's usual relative tolerance is 1e-4. */
const SOLVER_RTOL = 1e-10;
/** The solver's absolute tolerance is this fraction of the case's absolute tolerance. */
const ATOL_FRACTION = 1e-4;

export async function runSbmlSuite(dir: string, options: SuiteOptions = {}): Promise<SuiteResult> {
  if (!existsSync(dir)) throw new Error(`sbml-suite: directory '${dir}' does not exist`);
  const all = readdirSync(dir).filter((d) => /^\d{5}$/.test(d)).sort();
  let ids = all;
  if (options.cases) {
    const unknown = options.cases.filter((c) => !all.includes(c));
    if (unknown.length > 0) throw new Error(`sbml-suite: no case folder ${unknown.join(', ')} in '${dir}'`);
    ids = options.cases;
  }
  const tiers = readTiers(dir);
  const level = options.level ?? 'l3v2';
  const out: SuiteResult = { passed: 0, failed: 0, unsupported: 0, missing: 0, lines: [], results: [] };
  for (const id of ids) {
    const levels = level === 'all' ? levelsOf(join(dir, id)) : [level];
    if (levels.length === 0) out.missing++;
    for (const l of levels) {
      // runCase never throws: whatever goes wrong in one case is that case's failure.
      const r = runCase(join(dir, id), id, tiers.get(id) ?? null, l);
      if (r === null) {
        out.missing++;
        continue;
      }
      out.results.push(r);
      if (r.status === 'pass') out.passed++;
      else if (r.status === 'fail') out.failed++;
      else out.unsupported++;
      out.lines.push(r.line);
      options.log?.(r.line);
    }
  }
  // The summary ends `lines`; callers print it themselves (the CLI does), so it is not logged.
  out.lines.push(suiteSummary(out, level));
  return out;
}

/** `N passed, M failed, K unsupported`, plus how many cases have no file at a chosen level. */
export function suiteSummary(r: Pick<SuiteResult, 'passed' | 'failed' | 'unsupported' | 'missing'>, level: SuiteLevel | 'all' = 'l3v2'): string {
  const base = `${r.passed} passed, ${r.failed} failed, ${r.unsupported} unsupported`;
  return r.missing === 0 ? base : `${base} (${r.missing} case${r.missing === 1 ? ' has' : 's have'} no ${level === 'all' ? 'SBML' : level.toUpperCase()} file)`;
}

/** Every level the case folder has a file for, L3V2 (or its L3V1 fallback) first. */
function levelsOf(folder: string): SuiteLevel[] {
  let files: string[];
  try {
    files = readdirSync(folder);
  } catch {
    return ['l3v2']; // runCase reports the unreadable folder
  }
  const have = SUITE_LEVELS.filter((l) => l !== 'l3v1' && caseFile(files, l) !== undefined);
  // A case with only an L3V1 file runs it as its l3v2 entry; one with both runs L3V1 as well.
  if (files.some((f) => f.endsWith('-sbml-l3v2.xml')) && caseFile(files, 'l3v1')) have.push('l3v1');
  return have.sort((a, b) => (a === 'l3v2' ? -1 : b === 'l3v2' ? 1 : a.localeCompare(b)));
}

/** Tiers from `cases.tsv` (case_id, tier, …) in the cases folder or its parent. */
function readTiers(dir: string): Map<string, number> {
  const tiers = new Map<string, number>();
  for (const f of [join(dir, 'cases.tsv'), join(dir, '..', 'cases.tsv')]) {
    if (!existsSync(f)) continue;
    for (const line of readFileSync(f, 'utf8').split(/\r?\n/).slice(1)) {
      const [id, tier] = line.split('\t');
      if (id && tier) tiers.set(id.trim(), Number(tier));
    }
    break;
  }
  return tiers;
}

/** The levels a case folder may hold, as in its file names (`NNNNN-sbml-l2v4.xml`). */
export const SUITE_LEVELS = ['l2v1', 'l2v2', 'l2v3', 'l2v4', 'l2v5', 'l3v1', 'l3v2'] as const;
export type SuiteLevel = (typeof SUITE_LEVELS)[number];

/**
 * The case's SBML file for `level`. l3v2 is the default level, and a case that has no L3V2 file
 * (11 here) is run from its L3V1 file then, as before levels could be chosen.
 */
export function caseFile(files: readonly string[], level: SuiteLevel): string | undefined {
  const of = (l: string): string | undefined => files.find((f) => f.endsWith(`-sbml-${l}.xml`));
  return level === 'l3v2' ? of('l3v2') ?? of('l3v1') : of(level);
}

const fmt = (x: number): string => (Number.isFinite(x) ? x.toPrecision(6) : String(x));

export function runCase(folder: string, id: string, tier: number | null, level: SuiteLevel = 'l3v2'): CaseResult | null {
  const t0 = performance.now();
  const done = (status: CaseStatus, reason: string, worst: WorstPoint | null = null): CaseResult => {
    const ms = performance.now() - t0;
    const head = `${id}${level === 'l3v2' ? '' : ` ${level}`}${tier === null ? '' : ` [tier ${tier}]`}`;
    const line =
      status === 'pass'
        ? `${head} pass (worst point at ${(worst?.ratio ?? 0).toFixed(3)} of the tolerance)`
        : status === 'fail'
          ? `${head} FAIL ${reason}`
          : `${head} unsupported: ${reason}`;
    return { id, level, tier, status, reason, worst, line, ms };
  };
  const failure = (cmp: Comparison): CaseResult => {
    const w = cmp.worst!;
    return done(
      'fail',
      `${cmp.failedPoints} point(s) out of tolerance; worst ${w.column} at t = ${w.time}: expected ${fmt(w.expected)}, got ${fmt(w.actual)} (${Number.isFinite(w.ratio) ? `${w.ratio.toPrecision(3)}×` : 'beyond'} the tolerance)`,
      w,
    );
  };
  let runtime: SbmlRuntime;
  let xmlFile: string | undefined;
  try {
    xmlFile = caseFile(readdirSync(folder), level);
  } catch (e) {
    return done('fail', `error: cannot read the case folder (${(e as Error).message})`);
  }
  if (!xmlFile) return null;
  try {
    const settings = parseSettings(readFileSync(join(folder, `${id}-settings.txt`), 'utf8'), `${id}-settings.txt`);
    const expected = parseResults(readFileSync(join(folder, `${id}-results.csv`), 'utf8'), `${id}-results.csv`);

    const model = readSbml(readFileSync(join(folder, xmlFile), 'utf8'));
    const imp = convertModel(model);
    if (imp.unsupported.length > 0) {
      const byConstruct = new Map<string, string[]>();
      for (const u of imp.unsupported) byConstruct.set(u.construct, [...(byConstruct.get(u.construct) ?? []), u.id]);
      return done('unsupported', [...byConstruct].map(([c, where]) => `${c} (${where.join(', ')})`).join('; '));
    }
    // Output times in ferrosim hours (the importer rescales a model declared in seconds).
    const times = expected.times.map((t) => t * imp.hoursPerTimeUnit);
    const tEnd = times[times.length - 1];
    const readRow = (t: number, y: Float64Array): Float64Array => {
      runtime.fill(t, y);
      return Float64Array.from(expected.columns, (col) =>
        runtime.read(col, settings.amount.has(col) ? 'amount' : settings.concentration.has(col) ? 'concentration' : 'value'),
      );
    };
    const rows: Float64Array[] = [];
    const { spec } = imp;
    if (Object.keys(spec.species).length === 0) {
      // Nothing changes in time except through rules of t: evaluate them, no ODE to solve.
      const ids = { speciesIds: [], parameterIds: Object.keys(spec.parameters), inputIds: Object.keys(spec.inputs) };
      const p = Float64Array.from(ids.parameterIds, (k) => spec.parameters[k].value);
      const u = Float64Array.from(ids.inputIds, (k) => spec.inputs[k].default);
      runtime = createRuntime(imp, ids, p, u);
      const none = new Float64Array(0);
      for (const t of times) rows.push(readRow(t, none));
      const cmp0 = compareResults(expected, rows, settings.absolute, settings.relative);
      return cmp0.pass ? done('pass', '', cmp0.worst) : failure(cmp0);
    }
    const compiled = compileModel(spec, { mode: 'codegen' });
    const problem = compiled.toProblem({ tspan: [0, Math.max(tEnd, 0)] });
    runtime = createRuntime(imp, compiled, problem.p, problem.u);
    const y0 = Float64Array.from(problem.y0);
    runtime.fireInitialEvents(0, y0);
    problem.y0.set(y0);

    if (tEnd <= 0) {
      for (const t of times) rows.push(readRow(t, problem.y0));
    } else {
      const solution = solve(problem, {
        rtol: SOLVER_RTOL,
        atol: settings.absolute * ATOL_FRACTION,
        saveAt: times,
        events: runtime.eventSpec,
        maxSteps: 200_000,
      });
      const n = compiled.speciesIds.length;
      for (let i = 0; i < solution.t.length; i++) rows.push(readRow(solution.t[i], solution.y.subarray(i * n, (i + 1) * n)));
      if (solution.status !== 'success') {
        return done('fail', `solver: ${solution.status} ${solution.message}`.trim());
      }
    }
    if (rows.length !== expected.times.length) return done('fail', `expected ${expected.times.length} output rows, got ${rows.length}`);
    const cmp = compareResults(expected, rows, settings.absolute, settings.relative);
    return cmp.pass ? done('pass', '', cmp.worst) : failure(cmp);
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n').slice(0, 3).join(' | ') : String(e);
    return done('fail', `error: ${message}`);
  }
}
