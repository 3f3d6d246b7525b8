/**
 * Runs that share their beginning share its solve (src/scenario/checkpoints.ts), and that never
 * shows in the numbers: every bundled scenario and a sweep of the shipped IFN-γ × erastin grid give
 * bit for bit the same outputs and solver statistics with checkpoints as without, whether a run
 * resumes or starts at t = 0. Runs that differ before a switch never share one.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runScenarioWith, sharedCheckpoints, type ScenarioResult } from '../../src/scenario/run.ts';
import { loadScenarioFile } from '../../src/scenario/load-file.ts';
import { applySweepPoint, sweepGrid } from '../../src/scenario/sweep.ts';
import { requireModel } from '../../src/scenario/registry.ts';
import { CheckpointCache } from '../../src/scenario/checkpoints.ts';
import type { Checkpoint } from '../../src/solver/types.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import { decayModel, parseDecay } from './fixtures.ts';

const DIR = join(import.meta.dirname, '..', '..', 'scenarios');

function load(file: string): Scenario {
  const r = loadScenarioFile(join(DIR, file));
  if (!r.scenario) throw new Error(`${file}: ${r.errors.map((e) => e.message).join('; ')}`);
  return r.scenario;
}

function expectIdentical(a: ScenarioResult, b: ScenarioResult): void {
  expect(b.status).toBe(a.status);
  expect(b.stats).toEqual(a.stats);
  expect(Array.from(b.times)).toEqual(Array.from(a.times));
  for (const [k, o] of a.outputs.entries()) expect(Array.from(b.outputs[k].values)).toEqual(Array.from(o.values)); // Object.is per value
}

describe('checkpoints shared between scenario runs', () => {
  beforeEach(() => sharedCheckpoints.clear());

  const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));
  it.each(files)('%s: the same numbers from t = 0, with checkpoints left, and resumed from one', (file) => {
    const s = load(file);
    const model = requireModel(s.model);
    const plain = runScenarioWith(model, s, { checkpoints: false });
    expect(sharedCheckpoints.size).toBe(0);
    const first = runScenarioWith(model, s); // leaves a checkpoint at every switch
    const resumed = runScenarioWith(model, s); // starts at the last switch
    expectIdentical(plain, first);
    expectIdentical(plain, resumed);
    const switches = new Set(Object.values(s.inputs).flatMap((steps) => steps.map((x) => x.at).filter((t) => t > 0 && t < s.end))).size;
    expect(sharedCheckpoints.size).toBe(switches);
    expect(sharedCheckpoints.hits).toBe(switches > 0 ? 1 : 0);
  });

  it('leave the readouts of a sweep bit for bit as they are, while most points resume at the 24-h dose', () => {
    const s = load('ifng-erastin.yaml');
    const model = requireModel(s.model);
    const readout = (withCheckpoints: boolean) =>
      sweepGrid(s).map((p) => {
        const r = runScenarioWith(model, applySweepPoint(s, p), { outputs: ['viability'], times: [72], checkpoints: withCheckpoints });
        return [r.outputs[0].values[0], r.stats.steps];
      });
    const plain = readout(false);
    const shared = readout(true);
    expect(shared).toEqual(plain);
    // 4 IFN-γ rows × 9 erastin doses: each row's first point solves 0–24 h, the other 8 resume.
    expect(sharedCheckpoints.misses).toBe(4);
    expect(sharedCheckpoints.hits).toBe(32);
  });

  it('are not shared by runs that differ before the switch, nor across end times or output times', () => {
    const model = decayModel();
    const head = 'name: d\ndescription: d\nmodel: decay\n';
    const a = parseDecay(`${head}time: { end: 10, points: 11 }\ninputs:\n  drug: [{ at: 2, value: 1 }, { at: 5, value: 3 }]\n`);
    runScenarioWith(model, a);
    expect(sharedCheckpoints.size).toBe(2);
    const variants = [
      `time: { end: 10, points: 11 }\ninputs:\n  drug: [{ at: 1, value: 1 }, { at: 5, value: 3 }]\n`, // a dose from 1 h on
      `time: { end: 12, points: 13 }\ninputs:\n  drug: [{ at: 2, value: 1 }, { at: 5, value: 3 }]\n`, // another end time bounds h differently
      `time: { end: 10, points: 21 }\ninputs:\n  drug: [{ at: 2, value: 1 }, { at: 5, value: 3 }]\n`, // other output rows before 2 h
      `parameters: { k: 0.6 }\ntime: { end: 10, points: 11 }\ninputs:\n  drug: [{ at: 2, value: 1 }, { at: 5, value: 3 }]\n`,
    ];
    for (const v of variants) {
      const hits = sharedCheckpoints.hits;
      const s = parseDecay(head + v);
      expectIdentical(runScenarioWith(model, s, { checkpoints: false }), runScenarioWith(model, s));
      expect(sharedCheckpoints.hits).toBe(hits);
    }
    // Differing from 5 h on, a run resumes at 5 h; differing from 2 h on (a checkpoint holds the
    // state on arrival, before the switch), at 2 h.
    for (const [v, at] of [['{ at: 2, value: 1 }, { at: 5, value: 7 }', 5], ['{ at: 2, value: 4 }, { at: 5, value: 3 }', 2]] as const) {
      const b = parseDecay(`${head}time: { end: 10, points: 11 }\ninputs:\n  drug: [${v}]\n`);
      const hits = sharedCheckpoints.hits;
      expectIdentical(runScenarioWith(model, b, { checkpoints: false }), runScenarioWith(model, b));
      expect(sharedCheckpoints.hits).toBe(hits + 1);
      expect(sharedCheckpoints.lastResumedAt).toBe(at);
    }
  });
});

describe('CheckpointCache', () => {
  const cp = (rows: number): Checkpoint => ({
    t: 1, y: new Float64Array(4), h: 0.1, stats: { steps: 1, accepted: 1, rejected: 0, rhsEvals: 8, jacobianEvals: 1, factorizations: 1, linearSolves: 8 },
    rowsT: new Float64Array(rows), rowsY: new Float64Array(rows * 4),
  });

  it('evicts the least recently used entry when full, by count and by size', () => {
    const c = new CheckpointCache(2, 1000);
    c.set('a', cp(0));
    c.set('b', cp(0));
    c.get('a');
    c.set('c', cp(0));
    expect([c.has('a'), c.has('b'), c.has('c')]).toEqual([true, false, true]);
    c.set('big', cp(150)); // 4 + 150 + 600 doubles: room for one more entry by count
    expect([c.has('a'), c.has('c'), c.has('big')]).toEqual([false, true, true]);
    c.set('big2', cp(150)); // two of these exceed 1000 doubles: only the new one stays
    expect([c.has('c'), c.has('big'), c.has('big2')]).toEqual([false, false, true]);
    c.set('huge', cp(400)); // larger than the whole budget: not kept
    expect(c.has('huge')).toBe(false);
    expect(c.size).toBe(1);
  });
});
