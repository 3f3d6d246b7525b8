/**
 * Type-level tests: ids flow through `defineModel` as literal types. The `@ts-expect-error` lines
 * are checked by `tsc --noEmit` (part of `npm test`): if any of them stopped being an error, tsc
 * would fail with "Unused '@ts-expect-error' directive".
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { compileModel, defineModel, setInitial, setParameter } from '../../src/model/index.ts';
import type { CompiledModel, SpeciesDecl } from '../../src/model/index.ts';

const model = defineModel({
  name: 'typed',
  species: {
    GSH: { initial: 5000, unit: 'µM', description: 'glutathione', source: 'assumed: test' },
    LIP: { initial: 1, unit: 'µM', description: 'labile iron', source: 'assumed: test' },
  },
  parameters: {
    Km_xCT: { value: 50, unit: 'µM', source: 'assumed: test' },
    kdeg: { value: 0.1, unit: '1/h', source: 'assumed: test' },
  },
  inputs: { erastin: { unit: 'µM', default: 0, description: 'xCT inhibitor' } },
  reactions: {
    GSHdeg: { rate: 'kdeg * GSH', stoichiometry: { GSH: -1 } },
    LIPdeg: { rate: 'kdeg * LIP * Km_xCT / (Km_xCT + erastin)', stoichiometry: { LIP: -1 } },
  },
});

describe('literal id types', () => {
  it('species, parameters and inputs are keyed by their literal ids', () => {
    expectTypeOf(model.species.GSH).toEqualTypeOf<SpeciesDecl>();
    expectTypeOf<keyof typeof model.species>().toEqualTypeOf<'GSH' | 'LIP'>();
    expectTypeOf<keyof typeof model.parameters>().toEqualTypeOf<'Km_xCT' | 'kdeg'>();
    expectTypeOf<keyof typeof model.inputs>().toEqualTypeOf<'erastin'>();
    // @ts-expect-error: no species GHS
    void model.species.GHS;
    expect(model.species.GSH.initial).toBe(5000);
  });

  it('setParameter and setInitial accept only declared ids', () => {
    const changed = setParameter(model, 'Km_xCT', 1);
    // @ts-expect-error: misspelt parameter id
    expect(() => setParameter(model, 'Km_xCT_typo', 1)).toThrow(/unknown parameter 'Km_xCT_typo'; did you mean 'Km_xCT'\? \(valid: Km_xCT, kdeg\)/);
    // @ts-expect-error: a species is not a parameter
    expect(() => setParameter(model, 'GSH', 1)).toThrow(/unknown parameter 'GSH'/);
    // @ts-expect-error: misspelt species id
    expect(() => setInitial(model, 'GHS', 1)).toThrow(/did you mean 'GSH'/);
    expect(changed.parameters.Km_xCT.value).toBe(1);
    expect(model.parameters.Km_xCT.value).toBe(50);
    expect(Object.isFrozen(changed.parameters.Km_xCT)).toBe(true);
  });

  it('a stoichiometry key that is not a species is a type error', () => {
    defineModel({
      name: 'bad-stoich',
      species: { A: { initial: 1, unit: 'µM', description: '', source: '' } },
      parameters: {},
      inputs: {},
      // @ts-expect-error: 'B' is not a declared species
      reactions: { r: { rate: '1', stoichiometry: { B: 1 } } },
    });
  });

  it('compiled ids and toProblem overrides are typed', () => {
    const compiled = compileModel(model);
    expectTypeOf(compiled.speciesIds).toEqualTypeOf<readonly ('GSH' | 'LIP')[]>();
    compiled.toProblem({ tspan: [0, 1], parameters: { Km_xCT: 2 }, inputs: { erastin: 1 }, initial: { GSH: 1 } });
    // @ts-expect-error: misspelt parameter override
    expect(() => compiled.toProblem({ tspan: [0, 1], parameters: { Km_xCt: 2 } })).toThrow(/unknown parameter 'Km_xCt' in 'parameters'; did you mean 'Km_xCT'\?/);
    // @ts-expect-error: misspelt input override
    expect(() => compiled.toProblem({ tspan: [0, 1], inputs: { erastn: 2 } })).toThrow(/unknown input 'erastn'.*did you mean 'erastin'/);
    // A typed compiled model can be used where an untyped one is expected.
    const untyped: CompiledModel = compiled;
    expect(untyped.name).toBe('typed');
  });

  it('units autocomplete from the vocabulary but accept any valid combination', () => {
    const m = defineModel({
      name: 'units',
      species: { A: { initial: 1, unit: 'µg/mL', description: '', source: '' } },
      parameters: { k: { value: 1, unit: '1/h', source: '' }, V: { value: 1, unit: 'µg/mL/h', source: '' } },
      inputs: {},
      reactions: { r: { rate: 'k * A + V', stoichiometry: { A: -1 } } },
    });
    expect(compileModel(m).warnings).toEqual([]);
  });
});
