/**
 * "Save as scenario" edits the loaded file's YAML document: the edited blocks change, everything
 * else (expect:, tolerance:, comments) stays as written, and the saved file parses to the edited
 * scenario.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../src/scenario/index.ts';
import { setInputConstant, setParameter, setSweep, setTime } from '../../src/ui/edits.ts';
import { editScenarioYaml } from '../../src/ui/yaml-edit.ts';

const SCENARIOS = join(import.meta.dirname, '..', '..', 'scenarios');

function load(name: string): { text: string; scenario: Scenario } {
  const text = readFileSync(join(SCENARIOS, name), 'utf8');
  const { scenario, errors } = parseScenario(text, name);
  if (!scenario) throw new Error(errors.map((e) => e.message).join('; '));
  return { text, scenario };
}

function reparse(text: string): Scenario {
  const { scenario, errors } = parseScenario(text, 'saved.yaml');
  expect(errors).toEqual([]);
  return scenario!;
}

const comments = (t: string) => t.split('\n').filter((l) => /^\s*#/.test(l));

describe('editScenarioYaml', () => {
  it('keeps expect:, tolerance and comments of a sweep file when the sweep view changes its axis', () => {
    const { text, scenario } = load('erastin-dose-response.yaml');
    expect(scenario.expect.length).toBeGreaterThan(0);
    const axis = scenario.sweep!.axes[0];
    const edited = setSweep(scenario, [{ id: axis.id, kind: axis.kind, spec: { from: 0.01, to: 100, points: 9, scale: 'log' } }], scenario.sweep!.readout);
    expect(edited.expect).toEqual([]); // what the old rebuild-from-object save lost
    const { text: saved, notes } = editScenarioYaml(text, scenario, edited);
    expect(notes).toEqual([]);
    const back = reparse(saved);
    expect(back.expect).toEqual(scenario.expect);
    expect(back.tolerance).toEqual(scenario.tolerance);
    expect(back.sweep!.axes[0].values).toHaveLength(9);
    expect(back.sweep!.axes[0].values[1]).toBeCloseTo(0.0316227766, 9);
    expect(comments(saved)).toEqual(comments(text));
  });

  it('changes only the edited entries of a time course and reproduces the edited scenario', () => {
    const { text, scenario } = load('ifng-erastin.yaml');
    let edited = setParameter(scenario, 'GPX4_expression', 0.4);
    edited = setInputConstant(edited, 'IFNG', 3);
    const { text: saved } = editScenarioYaml(text, scenario, edited);
    const back = reparse(saved);
    expect(back.parameters).toEqual(edited.parameters);
    expect(back.inputs).toEqual(edited.inputs);
    expect(back.expect).toEqual(scenario.expect);
    expect(back.times).toEqual(scenario.times);
    expect(comments(saved)).toEqual(comments(text));
    // Unchanged lines are byte for byte the file's own.
    const untouched = text.split('\n').filter((l) => !/IFNG|GPX4_expression|^parameters:/.test(l));
    for (const line of untouched) expect(saved.split('\n')).toContain(line);
  });

  it('leaves an unedited file as it is', () => {
    const { text, scenario } = load('baseline.yaml');
    expect(editScenarioYaml(text, scenario, scenario).text).toBe(text);
  });

  it('drops expectations an edit makes uncheckable (a shortened run, a grid without the point), and says so', () => {
    const dr = load('erastin-dose-response.yaml');
    const axis = dr.scenario.sweep!.axes[0];
    const narrow = setSweep(dr.scenario, [{ id: axis.id, kind: axis.kind, spec: { from: 0.05, to: 50, points: 7, scale: 'log' } }], dr.scenario.sweep!.readout);
    const r = editScenarioYaml(dr.text, dr.scenario, narrow);
    expect(reparse(r.text).sweep!.axes[0].values[0]).toBe(0.05);
    expect(r.notes.join(' ')).toMatch(/expect: dropped/);

    const { text, scenario } = load('baseline.yaml');
    const latest = Math.max(...scenario.expect.map((e) => e.at ?? 0));
    expect(latest).toBeGreaterThan(1);
    const edited = setTime(scenario, latest / 2, 13);
    const { text: saved, notes } = editScenarioYaml(text, scenario, edited);
    const back = reparse(saved);
    expect(back.end).toBe(latest / 2);
    expect(back.expect).toEqual(edited.expect);
    expect(notes.join(' ')).toMatch(/expect/);
  });
});
