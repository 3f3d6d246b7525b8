/** `ferrosim run FILE`: one simulation, a summary, and optional CSV/JSON/HTML outputs. */
import { LIMITS } from '../../scenario/limits.ts';
import { populationLabel } from '../../scenario/population.ts';
import { extname } from 'node:path';
import {
  checkRunExpectations, expectationTimes, modelOrigin, requireModel, type ModelOrigin, resultToLongCsv, resultToWideCsv, runScenario, scenarioToYaml, stampLines,
  type ScenarioResult,
} from '../../scenario/core.ts';
import { FailureError, UserError } from '../errors.ts';
import { loadOrThrow } from '../load.ts';
import { makeStamp } from '../stamp.ts';
import { fmt, table } from '../table.ts';
import { checkOutputPath, writeOutput } from '../output.ts';
import { htmlReport } from '../html.ts';
import { applySets } from '../set-option.ts';

/** The description's first line, clipped: a summary never echoes a whole file back. */
function firstLine(description: string): string {
  const line = description.trim().split('\n')[0];
  const max = LIMITS.descriptionShown;
  return line.length <= max ? line : `${line.slice(0, max)}… (${line.length} characters; see the file)`;
}

export function statsLine(r: ScenarioResult): string {
  const s = r.stats;
  return `${s.steps} steps (${s.accepted} accepted, ${s.rejected} rejected), ${s.rhsEvals} f evals, ${s.jacobianEvals} Jacobians, ${s.factorizations} LU, ${s.linearSolves} solves`;
}

const ORIGIN_TEXT: Record<ModelOrigin, string> = {
  precompiled: 'compiled code stored by the package build',
  compiled: 'compiled at start',
  registered: 'registered',
};

export async function runCommand(file: string, opts: { out?: string; long?: boolean; html?: string; set?: string[] }): Promise<void> {
  const outExt = opts.out ? extname(opts.out).toLowerCase() : '';
  if (opts.out && outExt !== '.csv' && outExt !== '.json') {
    throw new UserError(`--out must end in .csv or .json (got '${opts.out}')`);
  }
  if (opts.out) checkOutputPath(opts.out, '--out', [file]);
  if (opts.html) checkOutputPath(opts.html, '--html', [file]);
  if (opts.out && opts.html && opts.out === opts.html) throw new UserError(`--out and --html name the same file ${opts.out}`);
  const loaded = await loadOrThrow(file);
  const model = requireModel(loaded.scenario.model);
  const scenario = applySets(loaded.scenario, model, opts.set ?? []);
  const stamp = makeStamp(model, scenario);
  const result = runScenario(scenario, { model });
  const expectations = result.status === 'success' && scenario.expect.length > 0 && !scenario.sweep
    ? checkRunExpectations(scenario, runScenario(scenario, {
      model,
      outputs: [...new Set([...scenario.outputs, ...scenario.expect.map((e) => e.output!)])],
      times: [...new Set([...scenario.times, ...expectationTimes(scenario)])].sort((a, b) => a - b),
    }))
    : [];

  const out: string[] = [];
  out.push(`${scenario.name}: ${firstLine(scenario.description)}`);
  if (scenario.sweep) out.push('(this file has a sweep; `run` simulates it without the sweep. Use `ferrosim sweep` for the grid.)');
  out.push(`start: ${result.start.kind === 'steady' ? `untreated steady state (${result.start.method})` : 'declared initial values'}`);
  if (scenario.population) out.push(`population: ${populationLabel(scenario.population)}`);
  const last = result.times.length - 1;
  out.push(`final values at t = ${fmt(result.times[last])} ${result.timeUnit}:`);
  out.push(table(['output', 'value', 'unit'], result.outputs.map((o) => [o.id, fmt(o.values[last]), o.unit || '1'])).replace(/^/gm, '  '));
  out.push(`solver: ${scenario.solver.method}, rtol ${scenario.solver.rtol.toExponential()}, atol ${scenario.solver.atol.toExponential()}: ${statsLine(result)}`);
  out.push(`wall time: ${result.wallMs.toFixed(1)} ms`);
  const origin = modelOrigin(scenario.model);
  if (origin) out.push(`model: ${scenario.model} (${ORIGIN_TEXT[origin]})`);
  if (expectations.length) {
    const passed = expectations.filter((e) => e.pass).length;
    out.push(`expectations: ${passed}/${expectations.length} pass`);
    for (const e of expectations) out.push(`  ${e.pass ? 'pass' : 'FAIL'}  ${e.what} = ${fmt(e.value, 4)} (want ${e.bound})`);
  }
  process.stdout.write(`${out.join('\n')}\n`);

  if (opts.out) {
    if (outExt === '.json') {
      writeOutput(opts.out, `${JSON.stringify({
        stamp, stampText: stampLines(stamp), scenario: { ...scenario, yaml: scenarioToYaml(scenario) },
        result: {
          status: result.status, message: result.message, start: result.start, stats: result.stats, wallMs: result.wallMs,
          times: Array.from(result.times),
          outputs: result.outputs.map((o) => ({ id: o.id, unit: o.unit, kind: o.kind, values: Array.from(o.values) })),
        },
        expectations,
      }, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 1)}\n`);
    } else {
      writeOutput(opts.out, opts.long ? resultToLongCsv(result, stamp) : resultToWideCsv(result, stamp));
    }
    process.stdout.write(`wrote ${opts.out}\n`);
  }
  if (opts.html) {
    writeOutput(opts.html, await htmlReport(scenario, result, stamp, expectations));
    process.stdout.write(`wrote ${opts.html}\n`);
  }
  if (result.status !== 'success') throw new FailureError(`the solve failed: ${result.status}: ${result.message}`);
}
