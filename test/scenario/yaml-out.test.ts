import { describe, expect, it } from 'vitest';
import { parseScenarioWith } from '../../src/scenario/parse.ts';
import { scenarioToYaml } from '../../src/scenario/yaml-out.ts';
import type { ModelCatalog } from '../../src/scenario/types.ts';

const catalog: ModelCatalog = {
  name: 'ferroptosis', speciesIds: ['GSH', 'viability'], parameterIds: ['Km_xCT'], inputIds: ['erastin', 'IFNG', 'RSL3'], observableIds: ['lipidROS'],
};
const parse = (text: string, file = 'a.yaml') => parseScenarioWith(text, file, { resolveModel: () => catalog, modelNames: ['ferroptosis'] });

describe('scenarioToYaml', () => {
  it('writes YAML that parses back to the same scenario, numbers included', () => {
    const text = `name: rt
description: round trip
start: initial
time: { end: 72.5, points: 146 }
solver: { method: odex, rtol: 1.0e-7, atol: 3.0e-10 }
parameters: { Km_xCT: 0.1 }
initial: { GSH: 4000.000000001 }
inputs:
  IFNG: 10
  erastin: [{ at: 0.1, value: 0.3 }, { at: 24, value: 0 }]
outputs: [GSH, lipidROS]
sweep:
  erastin: { from: 0.01, to: 100, points: 7, scale: log }
  IFNG: [0, 0.3, 10]
  readout: { output: viability, stat: auc }
expect:
  - { where: { erastin: 100, IFNG: 10 }, below: { where: { erastin: 100, IFNG: 0 }, times: 0.5 }, note: "synergy" }
  - { where: { erastin: 0.01, IFNG: 0.3 }, above: 0.9 }
tolerance: { rtol: 1.0e-5, atol: 0 }
`;
    const a = parse(text);
    expect(a.errors).toEqual([]);
    const yaml = scenarioToYaml(a.scenario!);
    expect(yaml.split('\n')[0]).toBe('# yaml-language-server: $schema=./scenario.schema.json');
    const b = parse(yaml, 'b.yaml');
    expect(b.errors).toEqual([]);
    expect({ ...b.scenario!, file: 'a.yaml' }).toEqual(a.scenario);
  });

  it('keeps explicit output times and a constant input as a constant', () => {
    const a = parse('name: t\ndescription: d\ntime: { at: [0, 0.5, 2] }\ninputs: { RSL3: 0.1 }\n').scenario!;
    const yaml = scenarioToYaml(a);
    expect(yaml).toContain('at: [ 0, 0.5, 2 ]');
    expect(yaml).toContain('RSL3: 0.1');
    expect({ ...parse(yaml).scenario!, file: a.file }).toEqual(a);
  });
});
