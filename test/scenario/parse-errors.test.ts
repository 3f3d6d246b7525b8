import { describe, expect, it } from 'vitest';
import { parseScenarioWith } from '../../src/scenario/parse.ts';
import { formatScenarioError } from '../../src/scenario/errors.ts';
import { decodeScenarioBytes } from '../../src/scenario/utf8.ts';
import type { ModelCatalog } from '../../src/scenario/types.ts';

// A small catalogue with the real model's vocabulary, so these tests do not need the model.
const catalog: ModelCatalog = {
  name: 'ferroptosis',
  speciesIds: ['GSH', 'LIP', 'PLOOH', 'GPX4', 'viability'],
  parameterIds: ['Km_xCT', 'FSP1_expression'],
  inputIds: ['erastin', 'RSL3', 'IFNG', 'fer1'],
  observableIds: ['viability', 'lipidROS', 'GSH_fraction'],
};
const options = { resolveModel: (n: string) => (n === 'ferroptosis' ? catalog : undefined), modelNames: ['ferroptosis'] };

function errorsOf(text: string, file = 'erastin-sweep.yaml'): string[] {
  return parseScenarioWith(text, file, options).errors.map(formatScenarioError);
}

const HEAD = `# yaml-language-server: $schema=./scenario.schema.json
name: test
description: a test scenario
time: { end: 72, points: 73 }
`;

describe('parseScenario: a valid file', () => {
  it('normalises defaults, schedules and output times', () => {
    const r = parseScenarioWith(`${HEAD}inputs:\n  IFNG: 10\n  erastin: [{ at: 24, value: 5 }]\noutputs: [GSH, viability]\n`, 'ok.yaml', options);
    expect(r.errors).toEqual([]);
    const s = r.scenario!;
    expect(s.start).toBe('steady');
    expect(s.model).toBe('ferroptosis');
    expect(s.times).toHaveLength(73);
    expect(s.times[1]).toBe(1);
    expect(s.times[72]).toBe(72);
    expect(s.inputs).toEqual({ IFNG: [{ at: 0, value: 10 }], erastin: [{ at: 24, value: 5 }] });
    expect(s.solver).toEqual({ method: 'rodas5p', rtol: 1e-5, atol: 1e-9 });
    expect(s.tolerance).toEqual({ rtol: 1e-4, atol: 1e-8 });
  });

  it('defaults outputs to every species and observable, without duplicates', () => {
    const s = parseScenarioWith(HEAD, 'ok.yaml', options).scenario!;
    expect(s.outputs).toEqual(['GSH', 'LIP', 'PLOOH', 'GPX4', 'viability', 'lipidROS', 'GSH_fraction']);
  });

  it('builds log and lin sweep axes with exact endpoints', () => {
    const s = parseScenarioWith(`${HEAD}sweep:\n  erastin: { from: 0.01, to: 100, points: 5, scale: log }\n  IFNG: [0, 1, 10]\n  readout: { output: viability, at: 48 }\n`, 'ok.yaml', options).scenario!;
    expect(s.sweep!.axes[0].values).toEqual([0.01, 0.1, 1, 10, 100].map((v, i) => (i === 0 || i === 4 ? v : expect.closeTo(v, 12))));
    expect(s.sweep!.axes[1]).toMatchObject({ id: 'IFNG', kind: 'input', values: [0, 1, 10] });
    expect(s.sweep!.readout).toEqual({ output: 'viability', at: 48 });
  });
});

describe('parseScenario: every error class is located', () => {
  it('malformed YAML: an unclosed bracket or quote is reported where it opens, not where YAML noticed it', () => {
    // Line 5 is `inputs: { erastin: 5`; the yaml package notices the problem at 6:1 (or at the end).
    expect(errorsOf(`${HEAD}inputs: { erastin: 5\n`)).toEqual([
      expect.stringMatching(/^malformed YAML: Flow map .* at erastin-sweep\.yaml:5:9$/),
    ]);
    expect(errorsOf(`${HEAD}inputs: { erastin: 5\noutputs: [GSH]\n`)).toEqual([
      expect.stringMatching(/^malformed YAML: Flow map .* at erastin-sweep\.yaml:5:9$/),
    ]);
    // A closed inner map does not hide the unclosed outer one; a bracket in a comment is no bracket.
    expect(errorsOf(`${HEAD}inputs: { RSL3: [{ at: 1, value: 2 }] # {\nsolver: {}\n`)).toEqual([
      expect.stringMatching(/^malformed YAML: Flow map .* at erastin-sweep\.yaml:5:9$/),
    ]);
    expect(errorsOf(`${HEAD}outputs: [GSH, LIP\ninputs:\n  erastin: 1\n`)).toEqual([
      expect.stringMatching(/^malformed YAML: Flow sequence .* at erastin-sweep\.yaml:5:10$/),
    ]);
    expect(errorsOf(`${HEAD}model: "ferroptosis\ninputs:\n  erastin: 1\n`)).toEqual([
      expect.stringMatching(/^malformed YAML: Missing closing "quote at erastin-sweep\.yaml:5:8$/),
    ]);
    // Errors whose position is already right keep it.
    expect(errorsOf(`${HEAD}inputs:\n\terastin: 1\n`)).toEqual([
      expect.stringMatching(/^malformed YAML: Tabs are not allowed as indentation at erastin-sweep\.yaml:6:1$/),
    ]);
  });

  it('a duplicated key is malformed YAML at the second key', () => {
    expect(errorsOf(`${HEAD}name: again\n`)).toEqual(['malformed YAML: Map keys must be unique at erastin-sweep.yaml:5:1']);
  });

  it('unknown keys, with did-you-mean', () => {
    expect(errorsOf(`${HEAD}ouputs: [GSH]\nsolver: { method: rodas5p, rtoll: 1.0e-6 }\n`)).toEqual([
      "unknown key 'ouputs' at the top level at erastin-sweep.yaml:5:1; did you mean 'outputs'?",
      "unknown key 'rtoll' in solver at erastin-sweep.yaml:6:28; did you mean 'rtol'?",
    ]);
  });

  it('unknown ids of every kind, with did-you-mean', () => {
    const errs = errorsOf(`${HEAD}inputs:\n  erastn: 5\nparameters: { Km_xct: 50 }\ninitial: { GHS: 4000 }\noutputs: [GSH, LIPP]\n`);
    expect(errs).toEqual([
      "unknown input 'erastn' at erastin-sweep.yaml:6:3; did you mean 'erastin'?",
      "unknown parameter 'Km_xct' at erastin-sweep.yaml:7:15; did you mean 'Km_xCT'?",
      "unknown species 'GHS' at erastin-sweep.yaml:8:12; did you mean 'GSH'?",
      "unknown output 'LIPP' at erastin-sweep.yaml:9:16; did you mean 'LIP'?",
    ]);
  });

  it('an id with nothing close lists the valid ids', () => {
    expect(errorsOf(`${HEAD}inputs: { cisplatin: 5 }\n`)).toEqual([
      "unknown input 'cisplatin' at erastin-sweep.yaml:5:11; valid: erastin, RSL3, IFNG, fer1",
    ]);
  });

  it('an unknown model', () => {
    expect(errorsOf(`${HEAD}model: ferroptsis\n`)).toEqual([
      "unknown model 'ferroptsis' at erastin-sweep.yaml:5:8; did you mean 'ferroptosis'? A model can also be a path to an SBML file (.xml, .sbml) or a model file (.model.yaml)",
    ]);
  });

  it('wrong types', () => {
    expect(errorsOf(`${HEAD}inputs: { erastin: { dose: 5 } }\nsolver: { rtol: high }\ndescription2: 1\n`.replace('description: a test scenario\n', 'description: [1]\n'))).toEqual([
      'description must be text (got a list) at erastin-sweep.yaml:3:14',
      "inputs.erastin must be a number or text or a list (got a mapping) at erastin-sweep.yaml:5:20",
      "solver.rtol must be a number (got 'high') at erastin-sweep.yaml:6:17",
      "unknown key 'description2' at the top level at erastin-sweep.yaml:7:1; did you mean 'description'?",
    ]);
  });

  it('a missing required field', () => {
    expect(errorsOf(HEAD.replace('description: a test scenario\n', ''))).toEqual([
      'missing description: expected text at erastin-sweep.yaml:2:1',
    ]);
  });

  it('negative doses and concentrations', () => {
    expect(errorsOf(`${HEAD}inputs:\n  erastin: -1\n  RSL3: [{ at: 0, value: 0 }, { at: 4, value: -0.1 }]\ninitial: { GSH: -5 }\n`)).toEqual([
      'inputs.erastin: a dose or concentration must be ≥ 0 (got -1) at erastin-sweep.yaml:6:12',
      'inputs.RSL3.1.value: a dose or concentration must be ≥ 0 (got -0.1) at erastin-sweep.yaml:7:47',
      'initial.GSH: an initial concentration must be ≥ 0 (got -5) at erastin-sweep.yaml:8:17',
    ]);
  });

  it('end ≤ 0', () => {
    expect(errorsOf(HEAD.replace('end: 72', 'end: 0'))).toEqual([
      'time.end: the simulation must end after t = 0 (> 0) (got 0) at erastin-sweep.yaml:4:14',
    ]);
  });

  it('an unsorted or duplicated schedule', () => {
    expect(errorsOf(`${HEAD}inputs:\n  erastin: [{ at: 24, value: 5 }, { at: 12, value: 0 }]\n  RSL3: [{ at: 6, value: 1 }, { at: 6, value: 2 }]\n`)).toEqual([
      "schedule for input 'erastin' is not sorted: 12 h comes after 24 h at erastin-sweep.yaml:6:41",
      "duplicated schedule time 6 h for input 'RSL3' at erastin-sweep.yaml:7:37",
    ]);
  });

  it('a sweep with fewer than 2 points', () => {
    expect(errorsOf(`${HEAD}sweep:\n  erastin: { from: 0.1, to: 10, points: 1 }\n  IFNG: [10]\n  readout: { output: viability, at: 48 }\n`)).toEqual([
      'sweep.erastin.points: a sweep axis needs at least 2 points (got 1) at erastin-sweep.yaml:6:41',
      'sweep.IFNG: a sweep axis needs at least 2 points (got 1 entries) at erastin-sweep.yaml:7:9',
    ]);
  });

  it('log scale with a non-positive bound', () => {
    expect(errorsOf(`${HEAD}sweep:\n  erastin: { from: 0, to: 100, points: 9, scale: log }\n  readout: { output: viability, at: 48 }\n`)).toEqual([
      'sweep.erastin: log scale needs positive bounds (got from 0, to 100) at erastin-sweep.yaml:6:20; use scale: lin, or a positive lower bound',
    ]);
  });

  it('expect naming an unknown output', () => {
    expect(errorsOf(`${HEAD}expect:\n  - { output: viabilty, at: 72, below: 0.5 }\n`)).toEqual([
      "unknown output 'viabilty' at erastin-sweep.yaml:6:15; did you mean 'viability'?",
    ]);
  });

  it('a sweep axis that is neither an input nor a parameter, and a bad readout', () => {
    expect(errorsOf(`${HEAD}sweep:\n  erastine: [0, 1]\n  readout: { output: GSH, at: 100 }\n`)).toEqual([
      "unknown sweep axis 'erastine' (not an input or parameter) at erastin-sweep.yaml:6:3; did you mean 'erastin'?",
      'sweep.readout.at = 100 h is after time.end = 72 h at erastin-sweep.yaml:7:31',
    ]);
  });

  it('reports all errors at once, in file order', () => {
    const errs = errorsOf(`${HEAD}inputs: { erastn: 5, RSL3: -1 }\nouputs: [GSH]\n`.replace('end: 72', 'end: -1'));
    expect(errs).toHaveLength(4);
    expect(errs.map((e) => e.match(/:(\d+):\d+/)![1])).toEqual(['4', '5', '5', '6']);
  });

  it('structural, id and meaning errors together, each located (issue 5)', () => {
    const text = [
      'name: x',
      'model: ferroptosis',
      'time: { end: -5, points: 3 }',
      'inputs:',
      '  erastn: 5',
      '  RSL3: [{at: 5, value: 1}, {at: 2, value: 0}]',
      'outputs: [GSH, foo]',
      '',
    ].join('\n');
    expect(errorsOf(text)).toEqual([
      'missing description: expected text at erastin-sweep.yaml:1:1',
      'time.end: the simulation must end after t = 0 (> 0) (got -5) at erastin-sweep.yaml:3:14',
      "unknown input 'erastn' at erastin-sweep.yaml:5:3; did you mean 'erastin'?",
      "schedule for input 'RSL3' is not sorted: 2 h comes after 5 h at erastin-sweep.yaml:6:34",
      "unknown output 'foo' at erastin-sweep.yaml:7:16; valid: GSH, LIP, PLOOH, GPX4, viability, lipidROS, GSH_fraction",
    ]);
  });

  it('meaning checks reach into malformed schedules and sweep ranges, without repeating an error', () => {
    const text = `${HEAD}inputs:\n  RSL3: [{ at: 6, value: -1 }, { at: 2, value: 0 }]\n`
      + 'sweep:\n  erastin: { from: 0, to: 100, points: 1, scale: log }\n  readout: { output: viability, at: 48 }\n';
    expect(errorsOf(text)).toEqual([
      'inputs.RSL3.0.value: a dose or concentration must be ≥ 0 (got -1) at erastin-sweep.yaml:6:26',
      "schedule for input 'RSL3' is not sorted: 2 h comes after 6 h at erastin-sweep.yaml:6:38",
      'sweep.erastin: log scale needs positive bounds (got from 0, to 100) at erastin-sweep.yaml:8:20; use scale: lin, or a positive lower bound',
      'sweep.erastin.points: a sweep axis needs at least 2 points (got 1) at erastin-sweep.yaml:8:40',
    ]);
  });

  it('does not judge expectations against a sweep that is itself malformed', () => {
    // With the readout broken the file is still a sweep, so a `where`-less expectation is not
    // "missing its output"; only the readout error and the unknown expect output are real.
    const text = `${HEAD}sweep:\n  erastin: [0, 1]\n  readout: { output: viability, at: -1 }\nexpect:\n  - { where: { erastin: 1 }, below: 0.5, output: viabilty }\n`;
    expect(errorsOf(text)).toEqual([
      'sweep.readout.at: a readout time must be ≥ 0 (got -1) at erastin-sweep.yaml:7:37',
      "unknown output 'viabilty' at erastin-sweep.yaml:9:50; did you mean 'viability'?",
    ]);
  });

  it('an empty file', () => {
    expect(errorsOf('')).toEqual(['the scenario file is empty at erastin-sweep.yaml']);
  });

  it('a file that is not UTF-8, at the first bad byte', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('name: x\ndescription: caf'), 0xe9, ...new TextEncoder().encode('\n')]);
    const r = decodeScenarioBytes(bytes, 'latin1.yaml');
    expect(r.text).toBeUndefined();
    expect(formatScenarioError(r.error!)).toBe(
      'the file is not UTF-8 text (byte 0xe9 at offset 24) at latin1.yaml:2:17; save it as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)',
    );
    expect(decodeScenarioBytes(new TextEncoder().encode('µM, γ, 🧪'), 'ok.yaml').text).toBe('µM, γ, 🧪');
    // Overlong encodings and surrogates are not UTF-8 either.
    expect(decodeScenarioBytes(new Uint8Array([0x61, 0xc0, 0xaf]), 'x').error!.column).toBe(2);
    expect(decodeScenarioBytes(new Uint8Array([0xed, 0xa0, 0x80]), 'x').error).toBeDefined();
    expect(decodeScenarioBytes(new Uint8Array([0x61, 0xe2, 0x82]), 'x').error).toBeDefined();
  });
});

describe('values with units', () => {
  const withUnits: ModelCatalog = {
    ...catalog,
    definition: {
      inputs: { erastin: { unit: 'µM' }, RSL3: { unit: 'µM' }, IFNG: { unit: 'ng/mL' }, fer1: { unit: 'µM' } },
      species: { GSH: { unit: 'µM' }, LIP: { unit: 'µM' }, PLOOH: { unit: 'µM' }, GPX4: { unit: 'µM' }, viability: { unit: 'fraction' } },
    },
  };
  const opts = { resolveModel: () => withUnits, modelNames: ['ferroptosis'] };

  it('converts doses written with a unit into the input\'s unit', () => {
    const r = parseScenarioWith(`${HEAD}inputs:\n  erastin: 500 nM\n  IFNG: "0.01 µg/mL"\n  RSL3: [{ at: 2, value: 50 nM }]\ninitial: { GSH: 4 mM }\n`, 'u.yaml', opts);
    expect(r.errors).toEqual([]);
    expect(r.scenario!.inputs.erastin).toEqual([{ at: 0, value: 0.5 }]);
    expect(r.scenario!.inputs.IFNG[0].value).toBeCloseTo(10, 12);
    expect(r.scenario!.inputs.RSL3[0].value).toBeCloseTo(0.05, 15);
    expect(r.scenario!.initial.GSH).toBe(4000);
  });

  it('rejects a wrong unit, naming the unit the input is in', () => {
    const errs = parseScenarioWith(`${HEAD}inputs:\n  erastin: 5 ng/mL\n  IFNG: 10 furlongs\ninitial: { viability: 1 µM }\n`, 'u.yaml', opts).errors.map(formatScenarioError);
    expect(errs).toEqual([
      "inputs.erastin: wrong unit in '5 ng/mL': ng/mL cannot be converted to µM at u.yaml:6:12; use M, mM, µM, nM, pM",
      "inputs.IFNG: unknown unit 'furlongs' in '10 furlongs' at u.yaml:7:9; use ng/mL or one of g/L, mg/mL, mg/L, µg/mL, µg/L, ng/mL, ng/L, pg/mL",
      "initial.viability: '1 µM' has unit µM, but this value is in fraction at u.yaml:8:23; write it in fraction",
    ]);
  });
});

