/**
 * Models from files through the real command: `model:` naming an SBML file or a model file
 * (relative to the scenario), `describe --model/--yaml`, `export-sbml --model`, `run --set`, and
 * the located errors (exit 2) for files that cannot be used, including issue 14's SBML defects.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decayModel, nestedFunctionsModel } from '../sbml/pathological.ts';
import { ROOT, ferrosim, tempDir } from './helpers.ts';

const dir = tempDir('ferrosim-models-');
/** S(0) = 1 decaying at k = 0.5 per second. */
const decayXml = decayModel('S', 0.5).replace('<model id="test">', '<model id="decay" timeUnits="second">');
const decayYaml = `name: decay
timeUnit: s
species:
  S: { initial: 1, unit: µM, description: decaying species, source: "assumed: test model" }
parameters:
  k: { value: 0.5, unit: 1/s, source: "assumed: test model" }
inputs: {}
reactions:
  decay: { rate: k * S, stoichiometry: { S: -1 } }
`;
const scenario = (model: string, extra = '') =>
  `name: decay-run\ndescription: first-order decay\nmodel: ${model}\nstart: initial\ntime: { end: 4, points: 5 }\nsolver: { rtol: 1.0e-10, atol: 1.0e-14 }\n${extra}`;

/** Data rows of a wide CSV (no # lines) as numbers. */
const rows = (csv: string) => csv.split('\n').filter((l) => l && !l.startsWith('#')).slice(1).map((l) => l.split(',').map(Number));

beforeAll(() => {
  writeFileSync(join(dir, 'decay.xml'), decayXml);
  writeFileSync(join(dir, 'decay.model.yaml'), decayYaml);
});

describe('model: an SBML file or a model file', () => {
  it.each([
    ['decay.xml', 'dimensionless'],
    ['./decay.model.yaml', 'µM'],
  ])('runs %s relative to the scenario, in the model\'s time unit, with the file\'s hash in the stamp', (model, unit) => {
    writeFileSync(join(dir, 's.yaml'), scenario(model));
    const r = ferrosim(['run', join(dir, 's.yaml'), '--out', join(dir, 's.csv')], { cwd: ROOT });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('final values at t = 4 s:');
    const csv = readFileSync(join(dir, 's.csv'), 'utf8');
    expect(csv).toMatch(new RegExp(`^# model file ${model.replace(/[./]/g, '\\$&')} \\(content [0-9a-f]{16}\\)$`, 'm'));
    expect(csv).toContain(`\ntime [s],S [${unit}]\n`);
    for (const [t, s] of rows(csv)) expect(s).toBeCloseTo(Math.exp(-0.5 * t), 8);
  });

  it('sweeps a parameter of an SBML model on worker threads, which find the file too', () => {
    writeFileSync(join(dir, 'sweep.yaml'), scenario('decay.xml', 'sweep:\n  k: [0.5, 1, 2]\n  readout: { output: S, at: 2 }\n'));
    const r = ferrosim(['sweep', join(dir, 'sweep.yaml'), '--workers', '2', '--quiet', '--out', join(dir, 'sweep.csv')]);
    expect(r.code, r.stderr).toBe(0);
    const values = rows(readFileSync(join(dir, 'sweep.csv'), 'utf8')).filter((x) => x.length > 2);
    expect(values.length).toBe(3);
    // point, k, S at t = 2, status
    [0.5, 1, 2].forEach((k, i) => expect(values[i][2]).toBeCloseTo(Math.exp(-2 * k), 7));
  });

  it('describe --yaml writes the built-in model as a model file that gives identical results', () => {
    const y = ferrosim(['describe', '--yaml']);
    expect(y.code).toBe(0);
    writeFileSync(join(dir, 'ferroptosis.model.yaml'), y.stdout);
    const base = readFileSync(join(ROOT, 'scenarios', 'baseline.yaml'), 'utf8');
    writeFileSync(join(dir, 'builtin.yaml'), base);
    writeFileSync(join(dir, 'fromfile.yaml'), base.replace(/^model: .*$/m, 'model: ferroptosis.model.yaml'));
    const a = ferrosim(['run', join(dir, 'builtin.yaml'), '--out', join(dir, 'a.csv')]);
    const b = ferrosim(['run', join(dir, 'fromfile.yaml'), '--out', join(dir, 'b.csv')]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    const ca = readFileSync(join(dir, 'a.csv'), 'utf8');
    const cb = readFileSync(join(dir, 'b.csv'), 'utf8');
    // Same definition, so the same model hash; the data rows are identical.
    const hash = (c: string) => /^# model (\S+) ([0-9a-f]{16});/m.exec(c)!.slice(1);
    expect(hash(cb)).toEqual(hash(ca));
    expect(cb.split('\n').filter((l) => !l.startsWith('#'))).toEqual(ca.split('\n').filter((l) => !l.startsWith('#')));
  });

  it('describe --model and export-sbml --model read files relative to the current directory', () => {
    const d = ferrosim(['describe', '--model', 'decay.xml'], { cwd: dir });
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout).toMatch(/^model decay \([0-9a-f]{16}\): 1 species, /);
    const e = ferrosim(['export-sbml', '--model', 'decay.model.yaml', '--out', 'back.xml'], { cwd: dir });
    expect(e.code, e.stderr).toBe(0);
    writeFileSync(join(dir, 'back.yaml'), scenario('back.xml'));
    const r = ferrosim(['run', join(dir, 'back.yaml'), '--out', join(dir, 'back.csv')]);
    expect(r.code, r.stderr).toBe(0);
    for (const [t, s] of rows(readFileSync(join(dir, 'back.csv'), 'utf8'))) expect(s).toBeCloseTo(Math.exp(-0.5 * t), 8);
  });
});

describe('the example scenario scenarios/bring-your-own-model/lopes-iron-pools.yaml', () => {
  it('runs the shipped SBML model (BIOMD0000000259) and meets its reference values', () => {
    const r = ferrosim(['run', join(ROOT, 'scenarios', 'bring-your-own-model', 'lopes-iron-pools.yaml')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('final values at t = 100 s:');
    expect(r.stdout).toContain('expectations: 4/4 pass');
  });
});

describe('run --set', () => {
  it('overrides parameters (repeatable) and changes the stamp', () => {
    writeFileSync(join(dir, 'set.yaml'), scenario('decay.xml'));
    const r = ferrosim(['run', join(dir, 'set.yaml'), '--set', 'k=1', '--set', 'S=2', '--out', join(dir, 'set.csv')]);
    expect(r.code, r.stderr).toBe(0);
    for (const [t, s] of rows(readFileSync(join(dir, 'set.csv'), 'utf8'))) expect(s).toBeCloseTo(2 * Math.exp(-t), 8);
  });

  it.each([
    [['--set', 'kk=1'], "--set kk: unknown id in model decay; did you mean 'k'?"],
    [['--set', 'k=fast'], "--set k: 'fast' is not a finite number"],
    [['--set', 'k'], "--set 'k': expected id=value, e.g. --set erastin=5"],
  ])('refuses %j with exit 2', (args, message) => {
    const r = ferrosim(['run', join(dir, 'set.yaml'), ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`ferrosim: ${message}\n`);
  });
});

describe('model files that cannot be used: located errors, exit 2', () => {
  const runWith = (file: string, content: string, extra = '') => {
    writeFileSync(join(dir, file), content);
    writeFileSync(join(dir, 'bad.yaml'), scenario(file, extra));
    return ferrosim(['run', join(dir, 'bad.yaml')]);
  };

  it('a model file that does not exist', () => {
    writeFileSync(join(dir, 'missing.yaml'), scenario('nowhere.xml'));
    const r = ferrosim(['run', join(dir, 'missing.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot read the model file 'nowhere.xml' (no such file; looked for ${join(dir, 'nowhere.xml')}) at missing.yaml:3:8`);
  });

  it('SBML with duplicate ids (issue 14)', () => {
    const r = runWith('dup.xml', decayXml.replace('<parameter id="t0"', '<parameter id="S"'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("1 problem in the model file 'dup.xml':\n    duplicate ids (SBML ids must be unique within a model; rename one of each pair):\n  id 'S' is used twice (a species and a parameter) at dup.xml at bad.yaml:3:8");
  });

  it('SBML with a species called __proto__ runs (issue 14)', () => {
    const r = runWith('proto.xml', decayModel('__proto__', 0.5).replace('<model id="test">', '<model id="proto" timeUnits="second">'), 'outputs: [x__proto__]\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/x__proto__ +0\.135335/);
  });

  it('SBML with nested function definitions runs (issue 14)', () => {
    const r = runWith('nested.xml', nestedFunctionsModel(8).replace('<model id="test">', '<model id="nested" timeUnits="second">'), 'outputs: [S]\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/S +0\.135335/); // e^{-0.5·4}
  });

  it('SBML with an unsupported construct: its id and what to do', () => {
    const r = runWith('alg.xml', decayXml.replace('</listOfReactions>', `</listOfReactions><listOfRules><algebraicRule metaid="m1" id="constraint1"><math xmlns="http://www.w3.org/1998/Math/MathML"><ci> k </ci></math></algebraicRule></listOfRules>`));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("1 problem in the model file 'alg.xml':\n    cannot simulate this SBML model:\n  algebraic rule (constraint1): rewrite it as an assignment rule for one of its variables");
  });

  it('malformed SBML: the line in the file', () => {
    const r = runWith('broken.xml', decayXml.replace('</listOfSpecies>', ''));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not well-formed XML at line 12, column 3: .* at broken\.xml:12:3 at bad\.yaml:3:8\n/);
  });

  it('a model file with a shape error and one with a meaning error, each located', () => {
    const shape = runWith('shape.model.yaml', decayYaml.replace('initial: 1', 'initial: lots'));
    expect(shape.code).toBe(2);
    expect(shape.stderr).toMatch(/species\.S\.initial: .*expected number.* at shape\.model\.yaml:4:17 at bad\.yaml:3:8\n/);
    const meaning = runWith('meaning.model.yaml', decayYaml.replace('rate: k * S', 'rate: kk * S'));
    expect(meaning.code).toBe(2);
    expect(meaning.stderr).toContain("unknown symbol 'kk'; did you mean 'k'? at meaning.model.yaml:9:18 at bad.yaml:3:8\n");
  });

  it('an unknown id in the scenario for an SBML model, with a suggestion', () => {
    const r = runWith('decay2.xml', decayXml, 'parameters: { kk: 1 }\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown parameter 'kk' at bad.yaml:7:15; did you mean 'k'?");
  });
});
