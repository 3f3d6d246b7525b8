import { describe, expect, it } from 'vitest';
import { solve } from '../../src/solver/index.ts';
import type { EventSpec, OdeProblem } from '../../src/solver/types.ts';

const G = 9.81;

describe('events', () => {
  it('locate the impacts of a bouncing ball and restart after each bounce', () => {
    // y = [height, velocity]; impact when height crosses 0 downwards (g = −height goes − → +).
    const problem: OdeProblem = {
      n: 2, y0: new Float64Array([10, 0]), tspan: [0, 8], autonomous: true,
      rhs: (_t, y, f) => { f[0] = y[1]; f[1] = -G; },
      jacobian: (_t, _y, J) => { J[0] = 0; J[1] = 1; J[2] = 0; J[3] = 0; },
    };
    const e = 0.9;
    const events: EventSpec = {
      count: 1,
      g: (_t, y, out) => { out[0] = -y[0]; },
      onEvent: (_t, y, fired) => {
        expect(fired[0]).toBe(1);
        y[0] = 0;
        y[1] = -e * y[1];
      },
    };
    const sol = solve(problem, { rtol: 1e-10, atol: 1e-12, events, saveAt: [0, 1, 8] });
    expect(sol.status).toBe('success');
    // Analytic impact times: t1 = sqrt(2·h0/g), then intervals 2·e^k·v1/g.
    const t1 = Math.sqrt((2 * 10) / G);
    const v1 = G * t1;
    const expected = [t1];
    for (let k = 1; expected[expected.length - 1] < 8; k++) expected.push(expected[expected.length - 1] + (2 * e ** k * v1) / G);
    expected.pop();
    expect(sol.tEvents?.length).toBe(expected.length);
    sol.tEvents!.forEach((t, i) => expect(Math.abs(t - expected[i])).toBeLessThan(1e-9));
    // Between events the height never goes (measurably) below the floor.
    expect(sol.y[2]).toBeCloseTo(10 - 0.5 * G, 9);
  });

  it('give a threshold dose each time a decaying drug falls below 0.25', () => {
    // y' = −y; when y falls below 0.25, add 1: events at ln 4, then every ln 5.
    const problem: OdeProblem = {
      n: 1, y0: new Float64Array([1]), tspan: [0, 6], autonomous: true,
      rhs: (_t, y, f) => { f[0] = -y[0]; },
    };
    let doses = 0;
    const sol = solve(problem, {
      rtol: 1e-9, atol: 1e-12, saveAt: [6],
      events: { count: 1, g: (_t, y, out) => { out[0] = 0.25 - y[0]; }, onEvent: (_t, y) => { y[0] += 1; doses++; } },
    });
    expect(sol.status).toBe('success');
    const expected = [Math.log(4), Math.log(4) + Math.log(5), Math.log(4) + 2 * Math.log(5)];
    expect(doses).toBe(3);
    sol.tEvents!.forEach((t, i) => expect(Math.abs(t - expected[i])).toBeLessThan(1e-8));
    expect(sol.y[0]).toBeCloseTo(1.25 * Math.exp(-(6 - expected[2])), 7);
  });

  it('stop the integration when onEvent returns true', () => {
    const problem: OdeProblem = { n: 1, y0: new Float64Array([1]), tspan: [0, 10], autonomous: true, rhs: (_t, y, f) => { f[0] = -y[0]; } };
    const sol = solve(problem, {
      rtol: 1e-9, atol: 1e-12,
      events: { count: 2, g: (_t, y, out) => { out[0] = 0.5 - y[0]; out[1] = 0.1 - y[0]; }, onEvent: () => true },
    });
    expect(sol.status).toBe('success');
    expect(sol.message).toContain('stopped by an event');
    expect(sol.tEvents).toHaveLength(1);
    expect(sol.t[sol.t.length - 1]).toBeCloseTo(Math.log(2), 9);
  });

  it('ignore crossings from + to −', () => {
    const problem: OdeProblem = { n: 1, y0: new Float64Array([1]), tspan: [0, 3], autonomous: true, rhs: (_t, y, f) => { f[0] = -y[0]; } };
    const sol = solve(problem, { events: { count: 1, g: (_t, y, out) => { out[0] = y[0] - 0.5; }, onEvent: () => true } });
    expect(sol.tEvents).toEqual([]);
    expect(sol.t[sol.t.length - 1]).toBe(3);
  });
});
