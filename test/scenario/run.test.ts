import { describe, expect, it } from 'vitest';
import { runScenarioWith } from '../../src/scenario/run.ts';
import { resultToWideCsv, parseCsv, parseNumber, splitHeader } from '../../src/scenario/csv.ts';
import { decayModel, exactA, parseDecay } from './fixtures.ts';

const base = `name: decay-test
description: drug pulse on a linear model
model: decay
solver: { rtol: 1.0e-10, atol: 1.0e-12 }
`;

describe('runScenario', () => {
  it('starts from the untreated steady state and follows a drug pulse exactly (switches are tstops)', () => {
    const s = parseDecay(`${base}time: { end: 10, points: 41 }\ninputs:\n  drug: [{ at: 2, value: 1 }, { at: 5, value: 0 }]\n`);
    const r = runScenarioWith(decayModel(), s);
    expect(r.status).toBe('success');
    expect(r.start).toMatchObject({ kind: 'steady', ok: true });
    const A = r.outputs.find((o) => o.id === 'A')!;
    expect(A.unit).toBe('µM');
    const schedule = [{ at: 2, value: 1 }, { at: 5, value: 0 }];
    let worst = 0;
    r.times.forEach((t, i) => (worst = Math.max(worst, Math.abs(A.values[i] - exactA(t, 2, schedule)))));
    expect(worst).toBeLessThan(1e-7);
    expect(A.values[0]).toBeCloseTo(2, 9); // steady state A* = p0/k
  });

  it('starts from the declared initial values with start: initial, with initial overrides on top', () => {
    const s = parseDecay(`${base}start: initial\ninitial: { B: 3 }\ntime: { at: [0, 1, 3] }\n`);
    const r = runScenarioWith(decayModel(), s);
    const A = r.outputs.find((o) => o.id === 'A')!.values;
    const B = r.outputs.find((o) => o.id === 'B')!.values;
    expect(Array.from(r.times)).toEqual([0, 1, 3]);
    expect(A[0]).toBe(1);
    expect(B[0]).toBe(3);
    expect(A[2]).toBeCloseTo(exactA(3, 1, []), 8);
  });

  it('evaluates observables with the inputs in force at each output time', () => {
    const s = parseDecay(`${base}time: { at: [0, 1, 2, 3] }\ninputs: { drug: [{ at: 2, value: 4 }] }\noutputs: [drugSeen, total]\n`);
    const r = runScenarioWith(decayModel(), s);
    expect(Array.from(r.outputs[0].values)).toEqual([0, 0, 4, 4]);
    expect(r.outputs[1].kind).toBe('observable');
    expect(r.outputs[1].values[0]).toBeCloseTo(6, 9);
  });

  it('applies parameter overrides to the steady start too', () => {
    const s = parseDecay(`${base}parameters: { k: 0.25 }\ntime: { end: 1, points: 2 }\n`);
    const r = runScenarioWith(decayModel(), s);
    expect(r.outputs.find((o) => o.id === 'A')!.values[0]).toBeCloseTo(4, 8);
  });

  it('round-trips through the wide CSV exactly: parsed values equal the in-memory solution', () => {
    const s = parseDecay(`${base}time: { end: 7, points: 29 }\ninputs: { drug: [{ at: 1.5, value: 0.3 }] }\n`);
    const r = runScenarioWith(decayModel(), s);
    const table = parseCsv(resultToWideCsv(r));
    expect(table.header.map((h) => splitHeader(h))).toEqual([
      { id: 'time', unit: 'h' }, { id: 'A', unit: 'µM' }, { id: 'B', unit: 'µM' }, { id: 'total', unit: 'µM' }, { id: 'drugSeen', unit: 'µM' },
    ]);
    table.rows.forEach((row, i) => {
      expect(parseNumber(row[0])).toBe(r.times[i]);
      r.outputs.forEach((o, k) => expect(parseNumber(row[k + 1])).toBe(o.values[i]));
    });
  });
});
