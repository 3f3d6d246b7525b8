/**
 * The interpreted path: mathjs `evaluate` over a scope. It evaluates the user's own parsed trees
 * (rules in dependency order, then rates and observables), independently of the Expr IR the code
 * generator uses, which makes it the reference in the differential tests. It is also the fallback
 * where a Content-Security-Policy forbids `new Function`. It is slow (a scope lookup per symbol):
 * never use it in a hot loop by choice.
 */
import type { EvalFunction, MathNode } from 'mathjs';
import type { ModelIR } from './analyze.ts';
import { factorial, isFunctionOp, math } from './expr.ts';
import type { Expr, Op } from './expr.ts';
import type { JacobianIR } from './jacobian.ts';

const MATHJS_OPERATORS: Partial<Record<Op, [string, string]>> = {
  '+': ['+', 'add'],
  '-': ['-', 'subtract'],
  '*': ['*', 'multiply'],
  '/': ['/', 'divide'],
  '^': ['^', 'pow'],
  '<': ['<', 'smaller'],
  '<=': ['<=', 'smallerEq'],
  '>': ['>', 'larger'],
  '>=': ['>=', 'largerEq'],
  '==': ['==', 'equal'],
  '!=': ['!=', 'unequal'],
  and: ['and', 'and'],
  or: ['or', 'or'],
  xor: ['xor', 'xor'],
};

/** Builds a mathjs tree from an `Expr` (a tree: shared subexpressions are written out each time). */
export function toMathNode(e: Expr): MathNode {
  const args = e.args.map((a) => toMathNode(a));
  switch (e.op) {
    case 'num':
      return e.value < 0 || Object.is(e.value, -0)
        ? new math.OperatorNode('-', 'unaryMinus', [new math.ConstantNode(-e.value)])
        : new math.ConstantNode(e.value);
    case 'sym':
      return new math.SymbolNode(e.name);
    case 'neg':
      return new math.OperatorNode('-', 'unaryMinus', [new math.ParenthesisNode(args[0]!)]);
    case 'not':
      return new math.OperatorNode('not', 'not', [new math.ParenthesisNode(args[0]!)]);
    case '?:':
      return new math.ConditionalNode(
        new math.ParenthesisNode(args[0]!),
        new math.ParenthesisNode(args[1]!),
        new math.ParenthesisNode(args[2]!),
      );
    default: {
      if (isFunctionOp(e.op)) return new math.FunctionNode(new math.SymbolNode(e.op), args);
      const [op, fn] = MATHJS_OPERATORS[e.op]!;
      return new math.OperatorNode(op as never, fn as never, [
        new math.ParenthesisNode(args[0]!),
        new math.ParenthesisNode(args[1]!),
      ]);
    }
  }
}

export interface Kernels {
  rhs(t: number, y: Float64Array, p: Float64Array, u: Float64Array, out: Float64Array): void;
  jacobian(t: number, y: Float64Array, p: Float64Array, u: Float64Array, J: Float64Array): void;
  rates(t: number, y: Float64Array, p: Float64Array, u: Float64Array, out: Float64Array): void;
  observables(t: number, y: Float64Array, p: Float64Array, u: Float64Array, out: Float64Array): void;
}

const hill = (x: number, K: number, n: number) => {
  const xn = Math.pow(x, n);
  return xn / (Math.pow(K, n) + xn);
};

/** mathjs names of the comparison and logical operators, which return JS booleans in mathjs. */
const BOOLEAN_FUNCTIONS = new Set(['smaller', 'smallerEq', 'larger', 'largerEq', 'equal', 'unequal', 'and', 'or', 'xor', 'not']);

/**
 * Wraps every comparison and logical node in `__num(…)`, which turns mathjs's true/false into 1/0,
 * so values are numbers everywhere, as in the generated code (mathjs would otherwise pass booleans
 * on to functions, some of which do not accept them, e.g. floor(true)).
 */
function numericLogic(node: MathNode): MathNode {
  const mapped = node.map((child) => numericLogic(child));
  const isBoolean =
    mapped.type === 'RelationalNode' ||
    (mapped.type === 'OperatorNode' && BOOLEAN_FUNCTIONS.has((mapped as unknown as { fn: string }).fn));
  return isBoolean ? new math.FunctionNode(new math.SymbolNode('__num'), [mapped]) : mapped;
}

export function interpretedKernels(ir: ModelIR, jac: JacobianIR): Kernels {
  // Scope entries shadow mathjs functions. factorial is ours (mathjs's is gamma(n + 1) and throws
  // for negative numbers). mathjs's floor, ceil and fix snap to a nearby integer within its
  // tolerance, and with the tiny tolerance this instance uses for exact comparisons they throw
  // (mathjs 15 rounds to −log10(relTol) decimals); the exact Math functions are the definition.
  const scope = new Map<string, unknown>([
    ['hill', hill],
    ['factorial', factorial],
    ['floor', Math.floor],
    ['ceil', Math.ceil],
    ['fix', Math.trunc],
    ['__num', (b: unknown) => (b ? 1 : 0)],
  ]);
  const compile = (node: MathNode) => numericLogic(node).compile();
  const rules = ir.parsed.rules.map(({ id, node }) => ({ id, code: compile(node) }));
  const rates = ir.parsed.rates.map(compile);
  const observables = ir.parsed.observables.map(compile);
  const partials = jac.partials.map((q) => compile(toMathNode(q.expr)));
  const r = new Float64Array(rates.length);
  const d = new Float64Array(partials.length);
  const n = ir.speciesIds.length;

  const load = (t: number, y: Float64Array, p: Float64Array, u: Float64Array) => {
    scope.set('t', t);
    for (let i = 0; i < ir.speciesIds.length; i++) scope.set(ir.speciesIds[i]!, y[i]);
    for (let i = 0; i < ir.parameterIds.length; i++) scope.set(ir.parameterIds[i]!, p[i]);
    for (let i = 0; i < ir.inputIds.length; i++) scope.set(ir.inputIds[i]!, u[i]);
    for (const rule of rules) scope.set(rule.id, Number(rule.code.evaluate(scope)));
  };
  const value = (code: EvalFunction) => Number(code.evaluate(scope));

  return {
    rhs(t, y, p, u, out) {
      load(t, y, p, u);
      for (let j = 0; j < rates.length; j++) r[j] = value(rates[j]!);
      out.fill(0, 0, n);
      for (let j = 0; j < rates.length; j++) {
        for (let q = ir.stoichPtr[j]!; q < ir.stoichPtr[j + 1]!; q++) out[ir.stoichSpecies[q]] += ir.stoichCoeff[q]! * r[j]!;
      }
    },
    jacobian(t, y, p, u, J) {
      load(t, y, p, u);
      for (let k = 0; k < partials.length; k++) d[k] = value(partials[k]!);
      J.fill(0, 0, n * n);
      for (const e of jac.entries) {
        let s = 0;
        for (const term of e.terms) s += term.coeff * d[term.partial]!;
        J[e.row * n + e.col] = s;
      }
    },
    rates(t, y, p, u, out) {
      load(t, y, p, u);
      for (let j = 0; j < rates.length; j++) out[j] = value(rates[j]!);
    },
    observables(t, y, p, u, out) {
      load(t, y, p, u);
      for (let k = 0; k < observables.length; k++) out[k] = value(observables[k]!);
    },
  };
}
