/** `sensitivity:` and `fit:` blocks: located errors with valid choices, and the normalised form. */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.ts';

const head = 'name: t\ndescription: d\nmodel: ferroptosis\ntime: { end: 24, points: 3 }\n';

describe('analysis blocks in scenario files', () => {
  it('normalise a sobol block: default log scale for positive bounds, samples rounded up to a power of 2', () => {
    const r = parseScenario(`${head}sensitivity:\n  method: sobol\n  readout: { output: viability, at: 24 }\n  samples: 1000\n  parameters:\n    k_GSH_loss: { from: 0.2, to: 0.8 }\n    a_NRF2: { from: 0, to: 6 }\n`, 's.yaml');
    expect(r.errors).toEqual([]);
    const s = r.scenario!.sensitivity!;
    expect(s.samples).toBe(1024);
    expect(s.ranges).toEqual([{ id: 'k_GSH_loss', from: 0.2, to: 0.8, scale: 'log' }, { id: 'a_NRF2', from: 0, to: 6, scale: 'lin' }]);
  });

  it('report an unknown parameter, a misspelt key, a readout after the end and a log range through 0, each with its line', () => {
    const text = `${head}sensitivity:\n  method: morris\n  readout: { output: viability, at: 48 }\n  trajectories: 5\n  parameters:\n    k_GSH_los: { from: 0.2, to: 0.8 }\n    a_NRF2: { from: 0, to: 6, scale: log }\n`;
    const r = parseScenario(text, 's.yaml');
    const msgs = r.errors.map((e) => `${e.line}: ${e.message}${e.hint ? ` (${e.hint})` : ''}`);
    expect(msgs.some((m) => m.startsWith('8:') && /unknown key 'trajectories'/.test(m))).toBe(true);
    // Structural errors first: the meaning checks of the block run once the block is well-formed.
    const fixed = parseScenario(text.replace('  trajectories: 5\n', ''), 's.yaml').errors.map((e) => `${e.line}: ${e.message}${e.hint ? ` (${e.hint})` : ''}`);
    expect(fixed.some((m) => /^9: unknown parameter 'k_GSH_los'/.test(m))).toBe(true);
    expect(fixed.some((m) => /^10: a_NRF2: log scale needs from > 0/.test(m))).toBe(true);
    expect(fixed.some((m) => /^7: readout.at = 48 h is after time.end = 24 h/.test(m))).toBe(true);
  });

  it('need ranges for global methods and a 1-D sweep for Hill-fit readouts', () => {
    const r = parseScenario(`${head}sensitivity:\n  method: sobol\n  readout: { fit: ec50 }\n  parameters: [k_GSH_loss]\n`, 's.yaml');
    const msgs = r.errors.map((e) => e.message).join('\n');
    expect(msgs).toMatch(/sobol needs parameter ranges/);
    expect(msgs).toMatch(/a `fit` readout needs a 1-D sweep/);
  });

  it('check a fit block: bounds ordered, known ids', () => {
    const r = parseScenario(`${head}fit:\n  data: ./d.csv\n  parameters:\n    k_GSH_loss: { from: 1, to: 0.1 }\n    nope: { from: 1, to: 2 }\n`, 's.yaml');
    const msgs = r.errors.map((e) => `${e.line}: ${e.message}`);
    expect(msgs.some((m) => /^8: k_GSH_loss: 'to' must be greater than 'from'/.test(m))).toBe(true);
    expect(msgs.some((m) => /^9: unknown parameter 'nope'/.test(m))).toBe(true);
  });
});
