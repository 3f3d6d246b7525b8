/** `ferrosim sensitivity FILE`: the scenario's `sensitivity:` block, as a table and JSON. */
import { designSize, globalIndices, localSensitivities, type SensitivityResult } from '../../analysis/sensitivity.ts';
import type { MorrisIndex, SobolIndex } from '../../analysis/indices.ts';
import { requireModel } from '../../scenario/core.ts';
import { FailureError, UserError } from '../errors.ts';
import { loadOrThrow } from '../load.ts';
import { checkOutputPath, writeOutput } from '../output.ts';
import { defaultWorkers, runSweepPoints } from '../pool.ts';
import { createProgress } from '../progress.ts';
import { fmt, table } from '../table.ts';

function readoutText(r: SensitivityResult['readout']): string {
  const what = r.fit !== undefined ? `Hill-fit ${r.fit} of the sweep of ${r.output}` : r.at !== undefined ? `${r.output} at ${r.at} h` : `${r.stat} of ${r.output}`;
  return `${what} [${r.unit || '1'}]`;
}

const ci = (c: [number, number]) => `[${fmt(c[0], 3)}, ${fmt(c[1], 3)}]`;

/** The printed table: one row per parameter, strongest first, with units. */
export function sensitivityTable(res: SensitivityResult, limit = 40): string {
  const ids = Object.keys(res.indices);
  const unit = (id: string) => res.parameters[id]?.unit || '1';
  let rows: string[][];
  let header: string[];
  if (res.method === 'local') {
    const v = (id: string) => (res.indices[id] as { local: number | null }).local;
    ids.sort((a, b) => Math.abs(v(b) ?? 0) - Math.abs(v(a) ?? 0));
    header = ['parameter', 'value', 'unit', '∂ln r/∂ln p'];
    rows = ids.map((id) => [id, fmt(res.parameters[id].value!, 4), unit(id), v(id) === null ? 'n/a' : fmt(v(id)!, 4)]);
  } else if (res.method === 'morris') {
    const m = (id: string) => res.indices[id] as MorrisIndex;
    ids.sort((a, b) => m(b).mu_star - m(a).mu_star);
    header = ['parameter', 'range', 'unit', `mu* [${res.readout.unit || '1'}]`, 'mu', 'sigma'];
    rows = ids.map((id) => [id, `${fmt(res.parameters[id].from!, 3)}–${fmt(res.parameters[id].to!, 3)} ${res.parameters[id].scale}`, unit(id), fmt(m(id).mu_star, 4), fmt(m(id).mu, 4), fmt(m(id).sigma, 4)]);
  } else {
    const s = (id: string) => res.indices[id] as SobolIndex;
    ids.sort((a, b) => s(b).total - s(a).total);
    header = ['parameter', 'range', 'unit', 'first', '95% CI', 'total', '95% CI'];
    rows = ids.map((id) => [id, `${fmt(res.parameters[id].from!, 3)}–${fmt(res.parameters[id].to!, 3)} ${res.parameters[id].scale}`, unit(id), fmt(s(id).first, 3), ci(s(id).first_ci95), fmt(s(id).total, 3), ci(s(id).total_ci95)]);
  }
  const shown = rows.slice(0, limit);
  const more = rows.length > limit ? `\n(${rows.length - limit} more in the JSON)` : '';
  return table(header, shown) + more;
}

export async function sensitivityCommand(file: string, opts: { workers?: number; out?: string; quiet?: boolean }): Promise<void> {
  if (opts.out && !/\.json$/i.test(opts.out)) throw new UserError(`--out must end in .json (got '${opts.out}')`);
  if (opts.out) checkOutputPath(opts.out, '--out', [file]);
  const loaded = await loadOrThrow(file);
  const scenario = loaded.scenario;
  const spec = scenario.sensitivity;
  if (!spec) throw new UserError(`${file} has no sensitivity: block (method: local | morris | sobol, readout, parameters)`);
  const model = requireModel(scenario.model);
  const t0 = performance.now();
  let res: SensitivityResult;
  if (spec.method === 'local') {
    res = localSensitivities(scenario, model);
  } else {
    const total = designSize(scenario);
    const progress = createProgress(total, `${scenario.name} (${spec.method})`, process.stderr, opts.quiet ?? false);
    const indices = Array.from({ length: total }, (_, i) => i);
    const results = await runSweepPoints(scenario, { text: loaded.text, fileName: scenario.file }, indices, {
      workers: opts.workers ?? defaultWorkers(), kind: 'sensitivity', onProgress: (d) => progress.tick(d),
    });
    progress.finish();
    res = globalIndices(scenario, model, results);
  }
  const seconds = (performance.now() - t0) / 1000;
  const lines = [
    `${scenario.name}: ${spec.method} sensitivity of ${readoutText(res.readout)}${res.readout.value != null ? ` = ${fmt(res.readout.value, 6)}` : ''}`,
    `${res.evaluations} evaluation${res.evaluations === 1 ? '' : 's'} in ${seconds.toFixed(2)} s${res.via ? ` (${res.via})` : ''}`,
    sensitivityTable(res),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (opts.out) {
    writeOutput(opts.out, `${JSON.stringify(res, null, 2)}\n`);
    process.stdout.write(`wrote ${opts.out}\n`);
  }
  if (res.failed > 0) throw new FailureError(`${res.failed} of ${res.evaluations} evaluations failed (their readout is NaN; indices that need them are NaN/null)`);
}
