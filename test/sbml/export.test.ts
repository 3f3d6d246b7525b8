/**
 * SBML export: libsbml's validator reports zero errors, and export → import → simulate reproduces
 * the native model's trajectories.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModel, defineModel, type ModelDefinition, type ToProblemOptions } from '../../src/model/index.ts';
import { exportSbml, importSbml, readSbml } from '../../src/sbml/index.ts';
import { solve } from '../../src/solver/index.ts';
import { signalling } from './example-model.ts';
import { locate, requireExternal } from '../support/suites.ts';

/** libsbml's validateSBML example program (see README "SBML"); SBML_VALIDATOR overrides the path. */
const VALIDATOR = locate('sbmlValidator');

/** The built-in model, once it exists (it is written in parallel with this module). */
async function loadFerroptosis(): Promise<ModelDefinition | undefined> {
  const path = new URL('../../src/model/ferroptosis/index.ts', import.meta.url);
  if (!existsSync(path)) return undefined;
  const mod = (await import(path.href)) as { ferroptosis?: ModelDefinition };
  return mod.ferroptosis;
}
const ferroptosis = await loadFerroptosis();

/** Every compiler function that has a MathML counterpart, plus truth values used as numbers. */
const functions = defineModel({
  name: 'functions',
  species: {
    x: { initial: 0.6, unit: 'dimensionless', description: 'x', source: 'assumed: test' },
    y: { initial: 1.4, unit: 'dimensionless', description: 'y', source: 'assumed: test' },
  },
  parameters: {
    k: { value: 0.4, unit: '1/h', source: 'assumed: test' },
    T: { value: 5, unit: 'h', source: 'assumed: test' },
  },
  inputs: {},
  rules: {
    wave: { expression: 'sin(t / T) * cos(x) + tan(x / (4 + x)) + sec(x / 9) - csc(1 + x / 9) + cot(1 + y / 9)', unit: 'dimensionless' },
    inverse: { expression: 'asin(x / (1 + x)) + acos(y / (2 + y)) + atan(y) + asinh(x - y) + acosh(1 + y) + atanh(x / (2 + x))', unit: 'dimensionless' },
    hyper: { expression: 'sinh(x / 3) + cosh(y / 3) + tanh(x - y) + sech(y)', unit: 'dimensionless' },
    steps: { expression: 'floor(t / T) + ceil(t / T) / 2 + fix(-t / T) / 4 + factorial(floor(t / T)) / 100', unit: 'dimensionless' },
    logic: { expression: '((x < y) == 1) + ((x > 1) xor (y > 1)) + (not (x > 2))', unit: 'dimensionless' },
  },
  reactions: {
    r1: { rate: 'k * x * (3 + wave / 3)', stoichiometry: { x: -1, y: 1 } },
    r2: { rate: 'k * y * (4 + inverse / 4 + hyper / 5)', stoichiometry: { y: -1, x: 1 } },
    r3: { rate: 'k * (1 + steps / 10 + logic / 10)', stoichiometry: { x: 1 } },
  },
});

interface Validation { errors: string[]; warnings: string[] }

function validate(xml: string): Validation {
  const dir = mkdtempSync(join(tmpdir(), 'sbml-validate-'));
  const file = join(dir, 'model.xml');
  writeFileSync(file, xml);
  let out: string;
  try {
    out = execFileSync(VALIDATOR!, [file], { encoding: 'utf8' });
  } catch (e) {
    // validateSBML exits with the number of messages (warnings included) as its status.
    out = String((e as { stdout?: string }).stdout ?? '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const messages = out.split('\n').filter((l) => /^line \d+: \(\d+ \[/.test(l));
  return {
    errors: messages.filter((l) => !/\[Warning\]/.test(l)),
    warnings: messages.filter((l) => /\[Warning\]/.test(l)),
  };
}

describe('SBML export', () => {
  it('writes species, parameters with sources, inputs as non-constant parameters and rules', () => {
    const xml = exportSbml(signalling);
    const m = readSbml(xml);
    expect(m.level).toBe(3);
    expect(m.version).toBe(2);
    expect(m.species.map((s) => s.id)).toEqual(['R', 'Ra', 'X', 'D']);
    // Molar and mass concentrations are concentrations; the r.u. species D is an amount.
    expect(m.species.map((s) => [s.id, s.hasOnlySubstanceUnits, s.initialConcentration ?? s.initialAmount])).toEqual([
      ['R', false, 1], ['Ra', false, 0], ['X', false, 0.05], ['D', true, 0],
    ]);
    expect(m.species.find((s) => s.id === 'D')!.units).toBe('dimensionless');
    expect(m.parameters.find((p) => p.id === 'Ki')).toMatchObject({ value: 5, constant: true, units: 'ng_mL' });
    expect(m.parameters.find((p) => p.id === 'Ki')!.notes).toContain('source: Smith et al. 2020 [V], test value');
    expect(m.parameters.find((p) => p.id === 'inhibitor')).toMatchObject({ value: 1, constant: false });
    expect(m.assignmentRules.map((r) => r.variable)).toEqual(['block', 'drive', 'activeFraction']);
    expect(m.reactions.map((r) => r.id)).toEqual(['activate', 'deactivate', 'produceX', 'degradeX', 'damage']);
    expect(xml).toContain('<modifierSpeciesReference species="Ra"/>');
    expect(xml).toContain('<unitDefinition id="u_1_h" name="1/h">');
  });

  it('refuses a non-finite value with the reason', () => {
    const bad = { ...signalling, parameters: { ...signalling.parameters, kon: { value: Infinity, unit: '1/h', source: 'x' } } };
    expect(() => exportSbml(bad)).toThrow('cannot export the non-finite value Infinity');
  });

  const models: [string, ModelDefinition][] = [['the test model', signalling], ['a model using every function', functions]];
  if (ferroptosis) models.push(['the ferroptosis model', ferroptosis]);
  for (const [name, def] of models) {
    it.skipIf(!VALIDATOR)(`passes libsbml validation of ${name} with zero errors`, () => {
      const { errors, warnings } = validate(exportSbml(def));
      expect(errors).toEqual([]);
      // Only unit-consistency warnings are expected (README "SBML" lists them): literals without
      // units (99505) and, where species mix molar and relative units, kinetic laws whose units
      // differ from each other and from extent/time (10503, 10541).
      const allowed = /\((99505|10503|10541) \[Warning\]\)/;
      expect(warnings.filter((w) => !allowed.test(w))).toEqual([]);
    });
  }
  if (!VALIDATOR) requireExternal('sbmlValidator');
});

describe('export → import round trip', () => {
  /** Species trajectories at `times`, columns in the order of `ids`. */
  const compiled = new Map<ModelDefinition, ReturnType<typeof compileModel>>();
  const imports = new Map<ModelDefinition, ModelDefinition>();
  function trajectories(def: ModelDefinition, ids: string[], options: Omit<ToProblemOptions, 'tspan'>, times: number[]): Float64Array {
    if (!compiled.has(def)) compiled.set(def, compileModel(def, { mode: 'codegen' }));
    const model = compiled.get(def)!;
    const problem = model.toProblem({ ...options, tspan: [0, times[times.length - 1]] });
    const sol = solve(problem, { rtol: 1e-10, atol: 1e-14, saveAt: times });
    expect(sol.status).toBe('success');
    const n = model.speciesIds.length;
    const out = new Float64Array(times.length * ids.length);
    times.forEach((_, i) => ids.forEach((id, j) => (out[i * ids.length + j] = sol.y[i * n + model.speciesIds.indexOf(id)])));
    return out;
  }

  function checkRoundTrip(def: ModelDefinition, options: Omit<ToProblemOptions, 'tspan'>, times: number[]): void {
    const ids = Object.keys(def.species);
    if (!imports.has(def)) imports.set(def, importSbml(exportSbml(def)).spec);
    const imported = imports.get(def)!;
    const native = trajectories(def, ids, options, times);
    const again = trajectories(imported, ids, options, times);
    let worst = 0;
    for (let k = 0; k < native.length; k++) worst = Math.max(worst, Math.abs(again[k] - native[k]) / (Math.abs(native[k]) + 1e-12));
    expect(worst).toBeLessThan(1e-6);
    // The scenario matters: the trajectories are not trivially constant.
    expect(Array.from(native.slice(-ids.length))).not.toEqual(Array.from(native.slice(0, ids.length)));
  }

  it('imports the exported model with the same species, parameters, inputs and units', () => {
    const imported = importSbml(exportSbml(signalling)).spec;
    for (const [id, p] of Object.entries(signalling.parameters)) expect(imported.parameters[id]).toMatchObject({ value: p.value, unit: p.unit });
    for (const [id, s] of Object.entries(signalling.species)) expect(imported.species[id]).toMatchObject({ initial: s.initial, unit: s.unit });
    expect(Object.keys(imported.species)).toEqual(Object.keys(signalling.species));
    expect(Object.keys(imported.inputs)).toEqual(['inhibitor']);
    expect(imported.inputs.inhibitor).toMatchObject({ default: 1, unit: 'ng/mL' });
  });

  const times = Array.from({ length: 25 }, (_, k) => k);
  const scenarios: [string, Omit<ToProblemOptions, 'tspan'>][] = [
    ['defaults', {}],
    ['a higher inhibitor input', { inputs: { inhibitor: 20 } }],
    ['parameter and initial-value overrides', { parameters: { kon: 5, Xmax: 2 }, initial: { R: 2, D: 0.5 } }],
  ];
  for (const [name, options] of scenarios) {
    it(`reproduces the test model's trajectories to 1e-6 relative: ${name}`, () => checkRoundTrip(signalling, options, times));
  }

  it('reproduces a model using every function (trigonometric, rounding, factorial, xor) to 1e-6 relative', () => {
    checkRoundTrip(functions, {}, Array.from({ length: 25 }, (_, k) => k));
    const xml = exportSbml(functions);
    for (const op of ['sin', 'sec', 'arcsin', 'arcsinh', 'arccosh', 'arctanh', 'sech', 'floor', 'ceiling', 'quotient', 'factorial', 'xor']) {
      expect(xml).toContain(`<${op}/>`);
    }
  });

  describe.skipIf(!ferroptosis)('the ferroptosis model', () => {
    const def = ferroptosis!;
    const inputs = Object.keys(def?.inputs ?? {});
    const params = Object.entries(def?.parameters ?? {});
    const hours = Array.from({ length: 25 }, (_, k) => 3 * k);
    const cases: [string, Omit<ToProblemOptions, 'tspan'>][] = [
      ['declared initial values, input defaults', {}],
      [`input ${inputs[0]} = 10`, { inputs: { [inputs[0]]: 10 } }],
      [`inputs ${inputs[0]} and ${inputs.at(-1)} with a parameter doubled`, { inputs: { [inputs[0]]: 1, [inputs.at(-1)!]: 5 }, parameters: { [params[0]?.[0]]: 2 * (params[0]?.[1].value ?? 1) } }],
    ];
    for (const [name, options] of cases) it(`reproduces it to 1e-6 relative over 72 h: ${name}`, () => checkRoundTrip(def, options, hours));
  });
});
