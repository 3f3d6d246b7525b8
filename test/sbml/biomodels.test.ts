/**
 * The five published iron-metabolism models in ../shared/biomodels (see its README), each run from
 * a scenario file as published (`model:` naming the SBML file, declared initial values, the
 * model's own time unit) and compared with its independently computed reference time course by
 * the SBML Test Suite's rule: |x − ref| ≤ 1e-6·max|ref| + 1e-4·|ref| for every species and row.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/index.ts';
import { loadScenarioFile } from '../../src/scenario/load-file.ts';
import { requireExternal } from '../support/suites.ts';

const dir = requireExternal('biomodels');

/** Model, horizon in its time unit, and the unit the scenario's output header must carry. */
const MODELS = [
  { id: 'BIOMD0000000498', end: 100000, timeUnit: 's' },
  { id: 'BIOMD0000000259', end: 100, timeUnit: 's' },
  { id: 'BIOMD0000000737', end: 100, timeUnit: 'd' },
  { id: 'MODEL1805140003', end: 60, timeUnit: 'd' },
  { id: 'MODEL2211030001', end: 86400, timeUnit: 's' },
] as const;

function readReference(file: string): { columns: string[]; rows: number[][] } {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  return { columns: header.split(',').slice(1), rows: lines.map((l) => l.split(',').map(Number)) };
}

const tmp = mkdtempSync(join(tmpdir(), 'ferrosim-biomodels-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!dir)('published BioModels iron models match their reference time courses', () => {
  it.each(MODELS)('$id', ({ id, end, timeUnit }) => {
    const ref = readReference(join(dir!, 'reference', `${id}.csv`));
    const scenarioFile = join(tmp, `${id}.yaml`);
    writeFileSync(scenarioFile, [
      `name: ${id.toLowerCase()}`,
      `description: ${id} as published`,
      `model: ${join(dir!, `${id}.xml`)}`,
      'start: initial',
      `time: { end: ${end}, points: 101 }`,
      'solver: { rtol: 1.0e-10, atol: 1.0e-20 }',
      `outputs: [${ref.columns.join(', ')}]`,
      '',
    ].join('\n'));
    const loaded = loadScenarioFile(scenarioFile);
    expect(loaded.errors).toEqual([]);
    const result = runScenario(loaded.scenario!);
    expect(result.status, result.message).toBe('success');
    expect(result.timeUnit).toBe(timeUnit);
    let worst = { ratio: 0, where: '' };
    ref.columns.forEach((col, j) => {
      const values = result.outputs.find((o) => o.id === col)!.values;
      const atol = 1e-6 * Math.max(...ref.rows.map((r) => Math.abs(r[j + 1])));
      ref.rows.forEach((row, i) => {
        expect(result.times[i]).toBeCloseTo(row[0], 9);
        const ratio = Math.abs(values[i] - row[j + 1]) / (atol + 1e-4 * Math.abs(row[j + 1]));
        if (ratio > worst.ratio) worst = { ratio, where: `${col} at t = ${row[0]}: ${values[i]} vs ${row[j + 1]}` };
      });
    });
    // The worst point as a fraction of the tolerance (the closing note quotes these).
    console.log(`${id}: worst point at ${worst.ratio.toPrecision(3)} of the tolerance (${worst.where})`);
    expect(worst.ratio, worst.where).toBeLessThanOrEqual(1);
  }, 120_000);
});
