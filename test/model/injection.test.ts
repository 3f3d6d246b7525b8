/**
 * Injection: rate laws that try to reach JS (property access, statements, function definitions,
 * template strings, prototype names) are rejected by the whitelist before any code is generated,
 * with a message that says why, and nothing they contain is ever executed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { compileModel, defineModel, ModelError } from '../../src/model/index.ts';

const g = globalThis as { __ferrosimPwned?: boolean };
afterEach(() => {
  delete g.__ferrosimPwned;
});

function modelWithRate(rate: string) {
  return defineModel({
    name: 'victim',
    species: { S: { initial: 1, unit: 'µM', description: 'S', source: 'assumed: test' } },
    parameters: { k: { value: 1, unit: '1/h', source: 'assumed: test' } },
    inputs: {},
    reactions: { decay: { rate, stoichiometry: { S: -1 } } },
  });
}

function compileError(rate: string): ModelError {
  try {
    compileModel(modelWithRate(rate));
  } catch (e) {
    if (e instanceof ModelError) return e;
    throw e;
  }
  throw new Error(`rate '${rate}' compiled but should have been rejected`);
}

const attacks: [string, RegExp][] = [
  [`constructor.constructor('globalThis.__ferrosimPwned = true')()`, /cannot parse/],
  [`constructor.constructor("globalThis.__ferrosimPwned = true")`, /calling 'constructor.constructor' is not allowed/],
  ['k * S; globalThis.__ferrosimPwned = true', /only one expression/],
  ['k * S\nprocess.exit(1)', /only one expression/],
  ['a; process.exit(1)', /only one expression|unknown symbol/],
  ['__proto__', /unknown symbol '__proto__'/],
  ['constructor', /unknown symbol 'constructor'/],
  ['k * S.constructor', /property access/],
  ['S["constructor"]', /property access|indexing/],
  ['`${process.exit(1)}`', /cannot parse/],
  ['f(x) = globalThis.__ferrosimPwned', /function definitions/],
  ['S = 1', /assignments/],
  ['"k * S"', /only numbers are allowed/],
  ['[k, S]', /arrays/],
  ['{a: k}', /objects/],
  ['eval("1")', /unknown function 'eval'/],
  ['Function("return 1")()', /cannot parse|unknown function|is not allowed/],
  ['import("fs")', /cannot parse|unknown function|only numbers/],
  ['k * S!', /operator '!' is not allowed/],
  ['1:3', /ranges/],
  ['true ? k : S', /only numbers/],
];

describe('rate laws that try to escape the whitelist', () => {
  it.each(attacks)('rejects %j with a clear, located error', (rate, reason) => {
    const err = compileError(rate);
    const messages = err.diagnostics.filter((d) => d.severity === 'error');
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((d) => d.path === 'reactions.decay.rate')).toBe(true);
    expect(messages.map((d) => d.message).join(' | ')).toMatch(reason);
    expect(err.message).toContain('reactions.decay.rate');
    expect(g.__ferrosimPwned).toBeUndefined();
  });

  it('rejects prototype and keyword names as ids', () => {
    for (const id of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 't', 'exp', 'hill', 'and', '__x']) {
      const def = { name: 'm', species: { [id]: { initial: 1, unit: 'µM', description: '', source: '' } }, parameters: {}, inputs: {}, reactions: {} };
      expect(() => compileModel(def as never), id).toThrow(/reserved/);
    }
  });

  it('rejects ids that are not identifiers, so ids can appear in generated comments safely', () => {
    const def = {
      name: 'm',
      species: { 'S */ alert(1) /*': { initial: 1, unit: 'µM', description: '', source: '' }, 'S\nprocess.exit(1)': { initial: 1, unit: 'µM', description: '', source: '' } },
      parameters: {},
      inputs: {},
      reactions: {},
    };
    const err = (() => {
      try {
        compileModel(def as never);
      } catch (e) {
        return e as ModelError;
      }
    })();
    expect(err?.diagnostics.filter((d) => /not a valid id/.test(d.message))).toHaveLength(2);
  });

  it('generated source contains no user text: only slots, numbers and operators (ids in comments)', () => {
    const c = compileModel(modelWithRate('k * S * 2.5e-3'));
    const code = c.source
      .split('\n')
      .map((l) => l.replace(/\/\/.*$/, ''))
      .join('\n');
    expect(code).not.toMatch(/\bk\b|\bS\b/);
    expect(code).toContain('2.5e-3'.replace('2.5e-3', '0.0025'));
  });
});
