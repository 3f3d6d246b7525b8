import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/model/index.ts';
import { compileMath } from '../../src/sbml/evaluate.ts';
import { lower } from '../../src/sbml/lower.ts';
import { call, num, sym, type MathNode } from '../../src/sbml/math.ts';
import { printMathjs } from '../../src/sbml/print.ts';
import { readSbml } from '../../src/sbml/read.ts';
import { TIME, apply, ci, cn, math, sbmlDoc, withRules } from './helpers.ts';

/** Evaluates the assignment rule for `x` of a document, given parameter values and t. */
function evalRule(rule: string, params: Record<string, number> = {}, t = 0, functions = ''): number {
  const doc = functions
    ? sbmlDoc(`${functions}<listOfParameters>${Object.entries(params).map(([k, v]) => `<parameter id="${k}" value="${v}"/>`).join('')}<parameter id="x" constant="false"/></listOfParameters>
       <listOfRules><assignmentRule variable="x">${math(rule)}</assignmentRule></listOfRules>`)
    : withRules(params, { x: rule });
  const m = readSbml(doc);
  const names = Object.keys(params);
  const f = compileMath(m.assignmentRules[0].math, (n) => names.indexOf(n));
  return f(Float64Array.from(names, (n) => params[n]), t);
}

describe('MathML numbers and constants', () => {
  it('reads integer, real, e-notation and rational <cn>', () => {
    expect(evalRule(cn(3, 'integer'))).toBe(3);
    expect(evalRule(cn('2.5e-3'))).toBe(2.5e-3);
    expect(evalRule('<cn type="e-notation"> 1.5 <sep/> -7 </cn>')).toBe(1.5e-7);
    expect(evalRule('<cn type="rational"> 1 <sep/> 4 </cn>')).toBe(0.25);
  });

  it('reads pi, exponentiale, true, false, infinity and notanumber', () => {
    expect(evalRule('<pi/>')).toBe(Math.PI);
    expect(evalRule('<exponentiale/>')).toBe(Math.E);
    expect(evalRule('<true/>')).toBe(1);
    expect(evalRule('<false/>')).toBe(0);
    expect(evalRule('<infinity/>')).toBe(Infinity);
    expect(evalRule('<notanumber/>')).toBeNaN();
  });

  it('reads the time csymbol', () => {
    expect(evalRule(apply('times', cn(2), TIME), {}, 1.5)).toBe(3);
  });
});

describe('MathML operators', () => {
  const p = { a: 0.3, b: 2 };
  it('evaluates root with degree, log with base and the reciprocal trigonometric functions', () => {
    expect(evalRule(`<apply><root/><degree>${cn(3)}</degree>${cn(27)}</apply>`)).toBeCloseTo(3, 14);
    expect(evalRule(apply('root', cn(16)))).toBe(4);
    expect(evalRule(`<apply><log/><logbase>${cn(2)}</logbase>${cn(8)}</apply>`)).toBeCloseTo(3, 14);
    expect(evalRule(apply('log', cn(1000)))).toBeCloseTo(3, 14);
    expect(evalRule(apply('sec', ci('a')), p)).toBeCloseTo(1 / Math.cos(0.3), 14);
    expect(evalRule(apply('arccot', ci('b')), p)).toBeCloseTo(Math.atan(0.5), 14);
    expect(evalRule(apply('arcsinh', ci('b')), p)).toBeCloseTo(Math.asinh(2), 14);
    expect(evalRule(apply('arccosh', ci('b')), p)).toBeCloseTo(Math.acosh(2), 14);
    expect(evalRule(apply('arctanh', ci('a')), p)).toBeCloseTo(Math.atanh(0.3), 14);
    expect(evalRule(apply('arccoth', ci('b')), p)).toBeCloseTo(Math.atanh(0.5), 14);
  });

  it('truncates toward zero in quotient and rem (L3V2)', () => {
    expect(evalRule(apply('quotient', cn(9), cn(2)))).toBe(4);
    expect(evalRule(apply('quotient', cn(-9), cn(2)))).toBe(-4);
    expect(evalRule(apply('rem', cn(-9), cn(2)))).toBe(-1);
    expect(evalRule(apply('factorial', cn(5)))).toBe(120);
  });

  it('chains n-ary relations pairwise and treats xor as odd parity', () => {
    expect(evalRule(apply('lt', cn(1), cn(2), cn(3)))).toBe(1);
    expect(evalRule(apply('lt', cn(1), cn(3), cn(2)))).toBe(0);
    expect(evalRule(apply('xor', '<true/>', '<true/>', '<true/>'))).toBe(1);
    expect(evalRule(apply('xor', '<true/>', '<false/>', '<true/>'))).toBe(0);
    expect(evalRule(apply('implies', '<false/>', '<false/>'))).toBe(1);
  });

  it('turns piecewise into the first true piece, else otherwise, else NaN', () => {
    const pw = `<piecewise><piece>${cn(1)}${apply('gt', ci('a'), cn(1))}</piece><piece>${cn(2)}${apply('gt', ci('a'), cn(0))}</piece><otherwise>${cn(3)}</otherwise></piecewise>`;
    expect(evalRule(pw, { a: 2 })).toBe(1);
    expect(evalRule(pw, { a: 0.5 })).toBe(2);
    expect(evalRule(pw, { a: -1 })).toBe(3);
    expect(evalRule(`<piecewise><piece>${cn(1)}<false/></piece></piecewise>`)).toBeNaN();
  });

  it('inlines function definitions, also ones that call earlier ones', () => {
    const fns = `<listOfFunctionDefinitions>
      <functionDefinition id="sq">${math(`<lambda><bvar>${ci('x')}</bvar>${apply('times', ci('x'), ci('x'))}</lambda>`)}</functionDefinition>
      <functionDefinition id="f">${math(`<lambda><bvar>${ci('x')}</bvar><bvar>${ci('y')}</bvar>${apply('plus', `<apply>${ci('sq')}${ci('x')}</apply>`, ci('y'))}</lambda>`)}</functionDefinition>
    </listOfFunctionDefinitions>`;
    expect(evalRule(`<apply>${ci('f')}${ci('a')}${cn(1)}</apply>`, { a: 3 }, 0, fns)).toBe(10);
  });
});

describe('printing for the model compiler', () => {
  /** d(X)/dt = expr in a one-species model; compares the generated rhs with our evaluator. */
  function differential(expr: MathNode, points: Record<string, number>[]): void {
    const params = Object.keys(points[0]).filter((k) => k !== 'X');
    const model = compileModel({
      name: 'probe',
      species: { X: { initial: 0, unit: 'dimensionless', description: 'x', source: 'test' } },
      parameters: Object.fromEntries(params.map((k) => [k, { value: 1, unit: 'dimensionless', source: 'test' }])),
      inputs: {},
      reactions: { r: { rate: printMathjs(expr, (x) => x), stoichiometry: { X: 1 } } },
    }, { mode: 'codegen' });
    const slots = ['X', ...params];
    const f = compileMath(expr, (n) => slots.indexOf(n));
    const out = new Float64Array(1);
    for (const pt of points) {
      const p = Float64Array.from(params, (k) => pt[k]);
      model.rhs(0.7, Float64Array.of(pt.X), p, new Float64Array(0), out);
      const expected = f(Float64Array.from(slots, (k) => pt[k]), 0.7);
      expect(out[0], JSON.stringify(pt)).toBe(expected);
    }
  }

  it('agrees with the evaluator on relations, logic, xor and booleans compared with numbers', () => {
    const pts = [{ X: 0.5, a: 1, b: 2 }, { X: 1.5, a: 1, b: 2 }, { X: 3, a: 3, b: 2 }, { X: 2, a: 0, b: 0 }];
    const lt = call('lt', sym('X'), sym('a'));
    const gt = call('gt', sym('X'), sym('b'));
    differential(lower(call('xor', lt, gt, call('lt', sym('X'), num(1)))), pts);
    differential(lower(call('eq', lt, num(1))), pts);
    differential(lower(call('neq', call('and', lt, gt), call('or', lt, gt))), pts);
    differential({ kind: 'piecewise', pieces: [{ value: sym('a'), cond: call('xor', lt, gt) }], otherwise: call('times', sym('b'), sym('X')) }, pts);
    differential(lower(call('plus', lt, gt, call('not', sym('a')))), pts);
  });

  it('prints relations and logic as plain operators: the compiler treats them as numbers', () => {
    const lt = call('lt', sym('X'), sym('a'));
    expect(printMathjs(lower(call('eq', lt, num(1))), (x) => x)).toBe('((X < a) == 1)');
    expect(printMathjs(lower(call('xor', lt, sym('b'))), (x) => x)).toBe('((X < a) xor b)');
  });

  it('agrees with the evaluator on rounding, factorial, quotient and rem', () => {
    const pts = [{ X: 2.5, a: 7, b: 2 }, { X: -2.5, a: -7, b: 2 }, { X: 3, a: 7.5, b: -2 }, { X: 0.25, a: -9, b: 4 }];
    differential(lower(call('floor', sym('X'))), pts);
    differential(lower(call('ceiling', call('times', sym('X'), sym('b')))), pts);
    differential(lower(call('factorial', call('ceiling', call('abs', sym('X'))))), pts);
    differential(lower(call('quotient', sym('a'), sym('b'))), pts);
    differential(lower(call('rem', sym('a'), sym('b'))), pts);
    differential(lower(call('plus', call('rem', sym('a'), sym('X')), call('quotient', sym('X'), sym('b')))), pts);
  });

  it('agrees with the evaluator on every trigonometric and hyperbolic function', () => {
    const pts = [{ X: 0.3, a: 1.5, b: 0.7 }, { X: -0.6, a: 2.5, b: 0.1 }];
    const x = sym('X');
    const ops = ['sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'arcsin', 'arccos', 'arctan', 'arcsec', 'arccsc', 'arccot', 'sinh', 'cosh', 'tanh', 'sech', 'csch', 'coth', 'arcsinh', 'arctanh'] as const;
    for (const op of ops) {
      // arcsec and arccsc need |arg| ≥ 1; the others take X in (−1, 1), X ≠ 0.
      const arg = op === 'arcsec' || op === 'arccsc' ? call('divide', sym('a'), x) : x;
      differential(lower(call(op, arg)), pts);
    }
    differential(lower(call('arccosh', sym('a'))), pts);
    differential(lower(call('arcsech', sym('b'))), pts);
    differential(lower(call('arccsch', x)), pts);
    differential(lower(call('arccoth', sym('a'))), pts);
  });

  it('keeps hyperbolic functions native: no overflow through exp for large arguments', () => {
    const printed = printMathjs(lower(call('tanh', sym('X'))), (x) => x);
    expect(printed).toBe('tanh(X)');
    differential(lower(call('times', call('tanh', sym('X')), call('sech', sym('a')))), [{ X: 800, a: 2 }, { X: -800, a: 1 }]);
  });

  it('agrees with the evaluator on arithmetic, powers, logarithms and max/min', () => {
    const pts = [{ X: 0.5, a: 1.5, b: 2 }, { X: 4, a: 0.25, b: 3 }];
    differential(lower(call('root', num(3), call('plus', sym('X'), sym('a')))), pts);
    differential(lower(call('log', sym('b'), call('times', sym('X'), sym('a')))), pts);
    differential(lower(call('minus', call('divide', sym('a'), sym('X')))), pts);
    differential(lower(call('max', sym('X'), sym('a'), sym('b'))), pts);
    differential(lower(call('power', sym('X'), call('minus', sym('a')))), pts);
  });
});
