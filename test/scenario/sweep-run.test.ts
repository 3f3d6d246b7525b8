import { describe, expect, it } from 'vitest';
import { evaluateSweepPointWith, sweepGrid } from '../../src/scenario/sweep.ts';
import { decayModel, exactA, parseDecay } from './fixtures.ts';

const head = `name: decay-sweep
description: dose sweep on the linear model
model: decay
solver: { rtol: 1.0e-10, atol: 1.0e-12 }
time: { end: 10, points: 11 }
`;

describe('evaluateSweepPoint', () => {
  it('reads the output at the readout time, with the swept dose keeping the schedule timing', () => {
    const s = parseDecay(`${head}inputs: { drug: [{ at: 2, value: 1 }, { at: 6, value: 0 }] }\nsweep:\n  drug: [0, 0.5, 2]\n  readout: { output: A, at: 5 }\n`);
    const values = sweepGrid(s).map((p) => evaluateSweepPointWith(decayModel(), s, p));
    values.forEach((r, i) => {
      expect(r.status).toBe('success');
      const d = [0, 0.5, 2][i];
      expect(r.value).toBeCloseTo(exactA(5, 2, [{ at: 2, value: d }, { at: 6, value: 0 }]), 7);
    });
  });

  it('computes final, min, max and AUC readouts over the output times', () => {
    const make = (stat: string) => parseDecay(`${head}inputs: { drug: [{ at: 2, value: 1 }, { at: 6, value: 0 }] }\nsweep:\n  drug: [1, 2]\n  readout: { output: A, stat: ${stat} }\n`);
    const model = decayModel();
    const sched = (d: number) => [{ at: 2, value: d }, { at: 6, value: 0 }];
    const series = (d: number) => Array.from({ length: 11 }, (_, t) => exactA(t, 2, sched(d)));
    const p = sweepGrid(make('final'))[1];
    expect(evaluateSweepPointWith(model, make('final'), p).value).toBeCloseTo(series(2)[10], 7);
    expect(evaluateSweepPointWith(model, make('max'), p).value).toBeCloseTo(series(2)[6], 7);
    expect(evaluateSweepPointWith(model, make('min'), p).value).toBeCloseTo(2, 7);
    const s = series(2);
    let auc = 0;
    for (let i = 1; i < s.length; i++) auc += 0.5 * (s[i] + s[i - 1]);
    expect(evaluateSweepPointWith(model, make('auc'), p).value).toBeCloseTo(auc, 6);
  });

  it('sweeps a parameter, which also moves the steady start', () => {
    const s = parseDecay(`${head}sweep:\n  k: [0.25, 0.5, 1]\n  readout: { output: A, at: 0 }\n`);
    const values = sweepGrid(s).map((p) => evaluateSweepPointWith(decayModel(), s, p).value);
    expect(values[0]).toBeCloseTo(4, 7);
    expect(values[1]).toBeCloseTo(2, 7);
    expect(values[2]).toBeCloseTo(1, 7);
  });

  it('gives the same readout whatever was evaluated before (order independence, shared caches)', () => {
    const s = parseDecay(`${head}inputs: { drug: [{ at: 3, value: 1 }] }\nsweep:\n  drug: [0.1, 1, 10]\n  readout: { output: B, at: 7 }\n`);
    const grid = sweepGrid(s);
    const forward = grid.map((p) => evaluateSweepPointWith(decayModel(), s, p).value);
    const backward = [...grid].reverse().map((p) => evaluateSweepPointWith(decayModel(), s, p).value).reverse();
    expect(backward).toEqual(forward);
  });
});
