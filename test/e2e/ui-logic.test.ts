/**
 * The browser app's pure logic, in Node: decimation keeps what the eye needs, slider scales map
 * exactly, outputs land in the right plot panel, edits survive the YAML round trip. (The page
 * itself is tested in app.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, scenarioToYaml } from '../../src/scenario/index.ts';
import { describeEdits, resetId, setInputConstant, setInputSchedule, setParameter, setSweep, setTime, switchTimes } from '../../src/ui/edits.ts';
import { decimate } from '../../src/ui/decimate.ts';
import { linScale, logScale } from '../../src/ui/controls.ts';
import { groupOutputs, PLOT_MODULES } from '../../src/ui/modules.ts';

describe('decimate', () => {
  it('returns short series as they are', () => {
    const t = Float64Array.from({ length: 145 }, (_, i) => i / 2);
    const y = t.map(Math.sin);
    const d = decimate(t, y, 400);
    expect(d.t).toBe(t);
    expect(d.y).toBe(y);
  });

  it('keeps the first and last samples, every extreme and time order in long series', () => {
    const n = 100_000;
    const t = Float64Array.from({ length: n }, (_, i) => i * 1e-3);
    const y = t.map((x) => Math.sin(x) + 0.01 * Math.sin(97 * x));
    y[31_337] = 5; // a one-sample spike must survive
    y[77_777] = -5;
    const d = decimate(t, y, 800);
    expect(d.t.length).toBeLessThanOrEqual(800);
    expect(d.t[0]).toBe(t[0]);
    expect(d.t[d.t.length - 1]).toBe(t[n - 1]);
    expect(Math.max(...d.y)).toBe(5);
    expect(Math.min(...d.y)).toBe(-5);
    for (let i = 1; i < d.t.length; i++) expect(d.t[i]).toBeGreaterThan(d.t[i - 1]);
    // Every kept sample is a real sample of the series.
    for (let i = 0; i < d.t.length; i += 37) expect(d.y[i]).toBe(y[Math.round(d.t[i] * 1e3)]);
  });

  it('rejects mismatched lengths and too few points', () => {
    expect(() => decimate(new Float64Array(3), new Float64Array(4), 10)).toThrow(/differ in length/);
    expect(() => decimate(new Float64Array(3), new Float64Array(3), 2)).toThrow(/maxPoints/);
  });
});

describe('slider scales', () => {
  it('log scale with zero maps the left end to exactly 0 and spans the decades', () => {
    const s = logScale(0.001, 100, true);
    expect(s.toValue(0)).toBe(0);
    expect(s.toPos(0)).toBe(0);
    expect(s.toValue(1)).toBeCloseTo(0.001, 12);
    expect(s.toValue(1000)).toBeCloseTo(100, 9);
    let prev = -1;
    for (let p = 0; p <= 1000; p += 7) {
      const v = s.toValue(p);
      expect(v).toBeGreaterThan(prev);
      prev = v;
      expect(Math.abs(s.toPos(v) - p)).toBeLessThanOrEqual(1);
    }
  });

  it('clamps values outside the range to the ends', () => {
    const s = logScale(0.01, 100, false);
    expect(s.toPos(1e-9)).toBe(0);
    expect(s.toPos(1e9)).toBe(1000);
    expect(linScale(0, 5).toPos(2.5)).toBe(500);
    expect(linScale(0, 5).toValue(200)).toBe(1);
  });
});

describe('plot panels', () => {
  it('groups outputs by module in module order, unknown ids last under Other', () => {
    const groups = groupOutputs(['viability', 'madeUp', 'GSH', 'LIP', 'lipidROS', 'GPX4']);
    expect(groups.map((g) => g.module.title)).toEqual(['Iron', 'GSH / GPX4', 'Lipid peroxidation', 'Viability', 'Other']);
    expect(groups[1].ids).toEqual(['GSH', 'GPX4']);
    expect(groups[4].ids).toEqual(['madeUp']);
  });

  it('places each vocabulary id in exactly one panel', () => {
    const all = PLOT_MODULES.flatMap((m) => m.ids);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('scenario edits', () => {
  const file = readFileSync(join(import.meta.dirname, '..', '..', 'scenarios', 'ifng-erastin.yaml'), 'utf8');
  const original = parseScenario(file, 'ifng-erastin.yaml').scenario!;

  it('round-trip through YAML to the same scenario, as "save as scenario" relies on', () => {
    let s = setInputConstant(original, 'TNF', 0.123456789012345);
    s = setInputSchedule(s, 'RSL3', [{ at: 48, value: 2 }, { at: 12, value: 0.5 }]);
    s = setParameter(s, 'GPX4_expression', 0.3);
    s = setTime(s, 96, 97);
    const back = parseScenario(scenarioToYaml(s), 'edited.yaml').scenario!;
    expect(back.inputs.TNF).toEqual([{ at: 0, value: 0.123456789012345 }]);
    expect(back.constantInputs).toContain('TNF');
    expect(back.inputs.RSL3).toEqual([{ at: 12, value: 0.5 }, { at: 48, value: 2 }]);
    expect(back.parameters.GPX4_expression).toBe(0.3);
    expect(back.end).toBe(96);
    expect(back.times).toHaveLength(97);
    // The original is untouched, and reset restores it.
    expect(original.inputs.TNF).toBeUndefined();
    expect(resetId(resetId(back, original, 'RSL3', 'input'), original, 'GPX4_expression', 'parameter').inputs.RSL3).toBeUndefined();
  });

  it('describe what changed, for legends', () => {
    const unit = (id: string) => ({ IFNG: 'ng/mL', TNF: 'ng/mL' })[id] ?? '';
    expect(describeEdits(original, original, unit)).toBe('as loaded');
    const s = setParameter(setInputConstant(original, 'IFNG', 3), 'GPX4_expression', 0.5);
    expect(describeEdits(s, original, unit)).toBe('IFNG 3 ng/mL; GPX4_expression 0.5');
    expect(switchTimes(original)).toEqual([24]);
  });

  it('drop expectations a sweep or a shorter run can no longer check', () => {
    const sweep = setSweep(original, [{ id: 'erastin', kind: 'input', spec: { from: 0.1, to: 10, points: 5, scale: 'log' } }], { output: 'viability', at: 72 });
    expect(sweep.expect).toEqual([]);
    const parsed = parseScenario(scenarioToYaml(sweep), 's.yaml');
    expect(parsed.errors).toEqual([]);
    expect(parsed.scenario!.sweep!.axes[0].values).toHaveLength(5);
  });
});
