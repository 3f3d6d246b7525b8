/** Error reporting: every problem at once, each located by its path, with suggestions. */
import { describe, expect, it } from 'vitest';
import { compileModel, defineModel, formatDiagnostic, ModelError } from '../../src/model/index.ts';
import type { ModelDiagnostic } from '../../src/model/index.ts';
import { michaelisMenten } from './fixtures.ts';

function diagnosticsOf(def: unknown): ModelDiagnostic[] {
  try {
    compileModel(def as never);
  } catch (e) {
    if (e instanceof ModelError) return e.diagnostics;
    throw e;
  }
  throw new Error('expected a ModelError');
}

const species = (initial = 1, unit = 'µM') => ({ initial, unit, description: '', source: 'assumed: test' });
const param = (value: number, unit: string) => ({ value, unit, source: 'assumed: test' });

describe('compileModel error reporting', () => {
  it('reports three different mistakes as three located messages', () => {
    const def = {
      name: 'three-mistakes',
      species: { LIP: species(1), PLOOH: species(Infinity) },
      parameters: { kf: param(1, '1/µM/h') },
      inputs: {},
      reactions: {
        fenton: { rate: 'kf * LIPP * PLOOH', stoichiometry: { PLOOH: 1 } },
        repair: { rate: 'kf * LIP * PLOOH', stoichiometry: { PLOHO: -1 } },
      },
    };
    const errors = diagnosticsOf(def).filter((d) => d.severity === 'error');
    expect(errors.map(formatDiagnostic)).toEqual([
      'species.PLOOH.initial: the initial value must be a finite number, got Infinity',
      "reactions.fenton.rate: unknown symbol 'LIPP'; did you mean 'LIP'?",
      "reactions.repair.stoichiometry.PLOHO: unknown species 'PLOHO'; did you mean 'PLOOH'?",
    ]);
  });

  it('the thrown message lists every error with its path', () => {
    const def = { ...michaelisMenten, reactions: { conversion: { rate: 'Vmax * S / (Kmm + S) + foo(S)', stoichiometry: { S: -1, P: 1 } } } };
    expect(() => compileModel(def)).toThrow(
      /model 'michaelis-menten' has 2 errors:\n {2}reactions.conversion.rate: unknown symbol 'Kmm'; did you mean 'Km'\?\n {2}reactions.conversion.rate: unknown function 'foo'/,
    );
  });

  it('reports duplicate ids across sections, non-identifiers and shadowing of t and functions', () => {
    const def = {
      name: 'ids',
      species: { A: species(), t: species(), exp: species(), '2B': species() },
      parameters: { A: param(1, '1/h') },
      inputs: {},
      reactions: { r: { rate: 'A', stoichiometry: { A: -1 } } },
    };
    const messages = diagnosticsOf(def).map(formatDiagnostic);
    expect(messages).toContain("parameters.A: duplicate id 'A': already declared as a species (species.A)");
    expect(messages).toContain("species.t: 't' is reserved (time); choose another id");
    expect(messages).toContain("species.exp: 'exp' is reserved (a function name); choose another id");
    expect(messages.some((m) => m.startsWith("species.2B: '2B' is not a valid id"))).toBe(true);
  });

  it('reports unknown unit atoms with the valid choices, and wrong field types', () => {
    const def = {
      name: 'units',
      species: { A: species(1, 'µmol/L'), B: { initial: '1', unit: 'µM', description: '', source: '' } },
      parameters: { k: param(NaN, '1/h') },
      inputs: { drug: { unit: 'µM', default: -Infinity, description: '' } },
      reactions: { r: { rate: 42, stoichiometry: { A: 'minus one' } } },
    };
    const messages = diagnosticsOf(def).map(formatDiagnostic);
    expect(messages.find((m) => m.startsWith('species.A.unit'))).toMatch(/unknown unit 'µmol' in 'µmol\/L'; valid atoms: .*µM, uM, nM, .*ng, .*mL/);
    expect(messages).toContain('species.B.initial: the initial value must be a finite number, got "1"');
    expect(messages).toContain('parameters.k.value: the value must be a finite number, got NaN');
    expect(messages).toContain('inputs.drug.default: the default must be a finite number, got -Infinity');
    expect(messages).toContain('reactions.r.rate: expected an expression string, got number');
    expect(messages).toContain('reactions.r.stoichiometry.A: the stoichiometric coefficient must be a finite number, got "minus one"');
  });

  it('detects cycles among rules and names the cycle', () => {
    const def = {
      name: 'cycle',
      species: { A: species() },
      parameters: { k: param(1, '1/h') },
      inputs: {},
      rules: { a: { expression: 'b + 1' }, b: { expression: 'c * 2' }, c: { expression: 'a' } },
      reactions: { r: { rate: 'k * A * a', stoichiometry: { A: -1 } } },
    };
    const messages = diagnosticsOf(def).map(formatDiagnostic);
    expect(messages).toContain('rules.a.expression: rules form a cycle: a → b → c → a');
  });

  it('says that observables cannot be used in rate laws', () => {
    const def = { ...michaelisMenten, reactions: { conversion: { rate: 'Vmax * total', stoichiometry: { S: -1 } } } };
    expect(diagnosticsOf(def).map(formatDiagnostic)).toContain(
      "reactions.conversion.rate: 'total' is an observable; expressions cannot use observables (declare it as a rule instead)",
    );
  });

  it('checks function arity', () => {
    const def = { ...michaelisMenten, reactions: { conversion: { rate: 'hill(S, Km) * exp(S, 2) * min(S)', stoichiometry: { S: -1 } } } };
    const messages = diagnosticsOf(def)
      .filter((d) => d.severity === 'error')
      .map((d) => d.message);
    expect(messages).toEqual(['hill() takes 3 arguments, got 2', 'exp() takes 1 argument, got 2', 'min() takes at least 2 arguments, got 1']);
  });
});

describe('compileModel warnings', () => {
  it('warns about species no reaction changes', () => {
    const def = defineModel({
      name: 'w',
      species: { A: species(), Lonely: species() },
      parameters: { k: param(1, '1/h') },
      inputs: {},
      reactions: { r: { rate: 'k * A', stoichiometry: { A: -1 } } },
    });
    const c = compileModel(def);
    expect(c.warnings.map(formatDiagnostic)).toEqual([
      'warning: species.Lonely: no reaction changes this species; it stays at its initial value (make it a parameter?)',
    ]);
  });

  it('warns, naming the reaction, when a rate law is not in concentration per hour', () => {
    const def = defineModel({
      name: 'dims',
      species: { A: species(), B: species(1, 'nM') },
      parameters: { k: param(1, '1/h'), K: param(1, 'µM'), k2: param(1, '1/µM/h') },
      inputs: {},
      reactions: {
        good: { rate: 'k * A / (1 + A / K)', stoichiometry: { A: -1 } },
        missingPerHour: { rate: 'A / (K + A)', stoichiometry: { A: -1 } },
        wrongScale: { rate: 'k * A', stoichiometry: { A: -1, B: 1 } },
        badSum: { rate: 'k * (A + k)', stoichiometry: { A: -1 } },
        secondOrder: { rate: 'k2 * A * A', stoichiometry: { A: -2 } },
      },
    });
    const warnings = compileModel(def).warnings.map(formatDiagnostic);
    expect(warnings).toEqual([
      "warning: reactions.missingPerHour.rate: units: the rate of reaction 'missingPerHour' comes out in [dimensionless] but must be [µM/h] to change A [µM]",
      "warning: reactions.wrongScale.rate: units: the rate of reaction 'wrongScale' comes out in [µM/h] but must be [0.001·µM/h] to change B [nM]",
      "warning: reactions.badSum.rate: units: adding 'A' [µM] and 'k' [1/h]",
    ]);
  });
});

describe('unit checks of rules, observables and function arguments', () => {
  it('warns when a rule or observable does not match its declared unit, and about exp() of a concentration', () => {
    const def = defineModel({
      name: 'units2',
      species: { A: species() },
      parameters: { k: param(1, '1/h'), K: param(2, 'µM') },
      inputs: {},
      rules: { sat: { expression: 'A / (K + A)', unit: 'µM' } },
      reactions: { r: { rate: 'k * A * exp(A)', stoichiometry: { A: -1 } } },
      observables: { share: { expression: 'A * K', unit: 'fraction', description: '' } },
    });
    const warnings = compileModel(def).warnings.map(formatDiagnostic);
    expect(warnings).toEqual([
      "warning: rules.sat.expression: units: rule 'sat' comes out in [dimensionless] but should be [µM]",
      "warning: reactions.r.rate: units: the argument of exp() 'A' should be dimensionless but is [µM]",
      "warning: observables.share.expression: units: observable 'share' comes out in [µM^2] but should be [dimensionless]",
    ]);
  });
});

describe('strict declarations', () => {
  it('reports unknown keys with a suggestion and the valid keys', () => {
    const def = {
      name: 'strict',
      specie: {},
      species: { A: { intial: 1, unit: 'µM', description: '', source: '' } },
      parameters: { k: { value: 1, units: '1/h', source: '' } },
      inputs: {},
      reactions: { r: { rate: 'k * A', stoichiometry: { A: -1 }, reversible: false } },
    };
    const messages = diagnosticsOf(def).map(formatDiagnostic);
    expect(messages).toContain("specie: unknown key 'specie'; did you mean 'species'? (valid: name, description, timeUnit, species, parameters, inputs, rules, reactions, observables)");
    expect(messages).toContain("species.A.intial: unknown key 'intial'; did you mean 'initial'? (valid: initial, unit, description, source)");
    expect(messages).toContain('species.A.initial: the initial value must be a finite number, got undefined');
    expect(messages).toContain("parameters.k.units: unknown key 'units'; did you mean 'unit'? (valid: value, unit, source, description)");
    expect(messages).toContain("reactions.r.reversible: unknown key 'reversible' (valid: rate, stoichiometry, description, source)");
  });
});
