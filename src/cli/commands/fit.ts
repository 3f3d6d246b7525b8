/** `ferrosim fit FILE`: the scenario's `fit:` block against its data CSV, as a table and JSON. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { runFit } from '../../analysis/fit.ts';
import { FitDataError, parseFitData } from '../../analysis/fit-data.ts';
import { requireModel, unitOf } from '../../scenario/core.ts';
import { UserError } from '../errors.ts';
import { loadOrThrow } from '../load.ts';
import { checkOutputPath, writeOutput } from '../output.ts';
import { fmt, table } from '../table.ts';

export async function fitCommand(file: string, opts: { out?: string; quiet?: boolean }): Promise<void> {
  if (opts.out && !/\.json$/i.test(opts.out)) throw new UserError(`--out must end in .json (got '${opts.out}')`);
  if (opts.out) checkOutputPath(opts.out, '--out', [file]);
  const loaded = await loadOrThrow(file);
  const scenario = loaded.scenario;
  const spec = scenario.fit;
  if (!spec) throw new UserError(`${file} has no fit: block (data, parameters, starts)`);
  const model = requireModel(scenario.model);
  const dataPath = resolve(dirname(file), spec.data);
  let text: string;
  try {
    text = readFileSync(dataPath, 'utf8');
  } catch (e) {
    throw new UserError(`${file}: fit.data: cannot read ${spec.data} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); the path is relative to the scenario file`);
  }
  let data;
  try {
    data = parseFitData(text, spec.data, scenario, scenario.outputs, (id) => unitOf(model, id));
  } catch (e) {
    if (e instanceof FitDataError) throw new UserError(e.message);
    throw e;
  }
  const t0 = performance.now();
  const res = runFit(model, scenario, data, opts.quiet ? undefined : (what) => process.stderr.write(`\r${scenario.name}: ${what}        `));
  if (!opts.quiet) process.stderr.write('\n');
  const seconds = (performance.now() - t0) / 1000;
  const rows = Object.entries(res.parameters).map(([id, p]) => [
    id, fmt(p.value, 4), p.unit || '1',
    p.ci95[0] === null ? '(open)' : fmt(p.ci95[0], 4), p.ci95[1] === null ? '(open)' : fmt(p.ci95[1], 4),
    p.identifiable ? 'identifiable' : `NOT identifiable: the profile stays below the 95% threshold ${p.ci95[0] === null && p.ci95[1] === null ? 'on both sides' : p.ci95[0] === null ? 'down to the lower bound' : 'up to the upper bound'}`,
  ]);
  process.stdout.write([
    `${scenario.name}: fit of ${Object.keys(res.parameters).length} parameters to ${res.points} points of ${spec.data}`,
    `χ² = ${fmt(res.objective, 5)} (residuals in sd units; ${res.converged} of ${res.starts} starts converged; ${res.solves} solves in ${seconds.toFixed(1)} s)`,
    table(['parameter', 'value', 'unit', '95% lower', '95% upper', 'profile likelihood'], rows),
  ].join('\n') + '\n');
  if (opts.out) {
    writeOutput(opts.out, `${JSON.stringify(res, null, 2)}\n`);
    process.stdout.write(`wrote ${opts.out}\n`);
  }
}
