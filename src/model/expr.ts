/**
 * Expressions: parsing with mathjs, the whitelist, and the compiler's own expression IR.
 *
 * Rate laws, rules and observables are parsed by mathjs into a node tree. `toExpr` walks that tree
 * and accepts only the whitelisted node kinds (numbers, declared symbols, the arithmetic,
 * comparison and logical operators, the listed functions and `c ? a : b`); anything else is
 * reported and nothing is built. The result is an `Expr`: a small hash-consed DAG (identical
 * subtrees are the same object) on which differentiation, common-subexpression elimination and
 * code generation work. Code is generated from `Expr` only, never from the user's text.
 */
import { create, all } from 'mathjs';
import type { MathNode } from 'mathjs';
import { ExpressionLimitError, balanceChains, checkExpressionText } from './expr-limits.ts';
import { suggest } from './suggest.ts';

export { suggest, editDistance } from './suggest.ts';

/**
 * The mathjs instance used for parsing, differentiation and the interpreted path. `predictable`
 * makes sqrt/log of negative numbers NaN (as in JS) instead of complex; the tiny relative tolerance
 * makes comparisons exact, as they are in the generated code.
 */
export const math = create(all, { predictable: true, relTol: 1e-300, absTol: 0 });

/** Functions a rate law may call, with their arity (min, max). */
export const FUNCTIONS: Readonly<Record<string, readonly [number, number]>> = {
  exp: [1, 1],
  log: [1, 2],
  log10: [1, 1],
  sqrt: [1, 1],
  abs: [1, 1],
  min: [2, Infinity],
  max: [2, Infinity],
  pow: [2, 2],
  hill: [3, 3],
  floor: [1, 1],
  ceil: [1, 1],
  fix: [1, 1],
  factorial: [1, 1],
  sin: [1, 1],
  cos: [1, 1],
  tan: [1, 1],
  sec: [1, 1],
  csc: [1, 1],
  cot: [1, 1],
  asin: [1, 1],
  acos: [1, 1],
  atan: [1, 1],
  sinh: [1, 1],
  cosh: [1, 1],
  tanh: [1, 1],
  sech: [1, 1],
  asinh: [1, 1],
  acosh: [1, 1],
  atanh: [1, 1],
};

/** One-argument functions that map to an `Op` of the same name (the derivative rules live in derivative.ts). */
export const UNARY_FUNCTIONS = [
  'exp',
  'log10',
  'sqrt',
  'abs',
  'floor',
  'ceil',
  'fix',
  'factorial',
  'sin',
  'cos',
  'tan',
  'sec',
  'csc',
  'cot',
  'asin',
  'acos',
  'atan',
  'sinh',
  'cosh',
  'tanh',
  'sech',
  'asinh',
  'acosh',
  'atanh',
] as const;
export type UnaryFunction = (typeof UNARY_FUNCTIONS)[number];
const UNARY_FUNCTION_SET: ReadonlySet<string> = new Set(UNARY_FUNCTIONS);

/** True for an Op written as a function call (`log`, `min`, `max` and the one-argument functions). */
export function isFunctionOp(op: Op): boolean {
  return op === 'log' || op === 'min' || op === 'max' || UNARY_FUNCTION_SET.has(op);
}

export type Op =
  | 'num'
  | 'sym'
  | '+'
  | '-'
  | '*'
  | '/'
  | '^'
  | 'neg'
  | 'log'
  | UnaryFunction
  | 'min'
  | 'max'
  | '<'
  | '<='
  | '>'
  | '>='
  | '=='
  | '!='
  | 'and'
  | 'or'
  | 'xor'
  | 'not'
  | '?:';

/** A node of the expression DAG. Build only through an `ExprPool` so equal subtrees are shared. */
export interface Expr {
  readonly op: Op;
  readonly args: readonly Expr[];
  /** For 'num'. */
  readonly value: number;
  /** For 'sym': a species, parameter or input id, `t`, or an internal placeholder. */
  readonly name: string;
  /** Unique within its pool; equal ids mean structurally equal expressions. */
  readonly id: number;
}

const BINARY_OPERATORS: Readonly<Record<string, Op>> = {
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
  pow: '^',
  smaller: '<',
  smallerEq: '<=',
  larger: '>',
  largerEq: '>=',
  equal: '==',
  unequal: '!=',
  and: 'and',
  or: 'or',
  xor: 'xor',
};

const COMPARISONS = new Set<Op>(['<', '<=', '>', '>=', '==', '!=']);
const LOGICAL = new Set<Op>(['and', 'or', 'xor', 'not']);
/** Integer-valued rounding: constant between integers, derivative 0 almost everywhere. */
const ROUNDING = new Set<Op>(['floor', 'ceil', 'fix']);

/**
 * Operators whose value is piecewise constant or which are not differentiable everywhere.
 * factorial is here because it is defined on the non-negative integers only (see `factorial`).
 */
export const NON_SMOOTH = new Set<Op>(['min', 'max', 'abs', '?:', 'factorial', ...COMPARISONS, ...LOGICAL, ...ROUNDING]);

export function isComparisonOrLogical(op: Op): boolean {
  return COMPARISONS.has(op) || LOGICAL.has(op);
}

/** Comparisons, logic and rounding: piecewise constant, so their derivative is 0 almost everywhere. */
export function isPiecewiseConstant(op: Op): boolean {
  return COMPARISONS.has(op) || LOGICAL.has(op) || ROUNDING.has(op);
}

/**
 * n! for a non-negative integer n, by exact multiplication (so 0! = 1, 5! = 120, 170! is the
 * largest finite value and larger n give Infinity); NaN for negative, fractional or NaN arguments,
 * as MathML defines factorial on the naturals only. Not gamma(n + 1): a model that needs factorial
 * of a continuous quantity should say how it is rounded (factorial(floor(x))).
 * The generated code carries a copy of this function (codegen.ts); the differential tests compare them.
 */
export function factorial(n: number): number {
  if (!(n >= 0) || !Number.isInteger(n)) return NaN;
  if (n > 170) return Infinity;
  let r = 1;
  for (let k = 2; k <= n; k++) r *= k;
  return r;
}

/**
 * Interns expressions and simplifies cheaply while building: constant folding with JS semantics
 * (so folding cannot change a result), x+0, x*1, x*0, x^1, x^0, --x.
 */
export class ExprPool {
  private readonly table = new Map<string, Expr>();
  private nextId = 0;

  private intern(op: Op, args: readonly Expr[], value: number, name: string): Expr {
    const key =
      op === 'num' ? `n${Object.is(value, -0) ? '-0' : value}` : op === 'sym' ? `s${name}` : `${op}(${args.map((a) => a.id).join(',')})`;
    let e = this.table.get(key);
    if (!e) {
      e = { op, args, value, name, id: this.nextId++ };
      this.table.set(key, e);
    }
    return e;
  }

  num(value: number): Expr {
    return this.intern('num', [], value, '');
  }

  sym(name: string): Expr {
    return this.intern('sym', [], NaN, name);
  }

  make(op: Op, args: readonly Expr[]): Expr {
    if (args.length > 0 && args.every((a) => a.op === 'num')) {
      return this.num(evalOp(op, args.map((a) => a.value)));
    }
    const [a, b] = args as [Expr, Expr];
    const isNum = (e: Expr, v: number) => e.op === 'num' && e.value === v;
    switch (op) {
      case '+':
        if (isNum(a, 0)) return b;
        if (isNum(b, 0)) return a;
        if (b.op === 'neg') return this.make('-', [a, b.args[0]!]);
        break;
      case '-':
        if (isNum(b, 0)) return a;
        if (isNum(a, 0)) return this.make('neg', [b]);
        if (b.op === 'neg') return this.make('+', [a, b.args[0]!]);
        break;
      case '*':
        if (isNum(a, 0) || isNum(b, 0)) return this.num(0);
        if (isNum(a, 1)) return b;
        if (isNum(b, 1)) return a;
        if (isNum(a, -1)) return this.make('neg', [b]);
        if (isNum(b, -1)) return this.make('neg', [a]);
        if (a.op === 'neg' && b.op === 'neg') return this.make('*', [a.args[0]!, b.args[0]!]);
        if (a.op === 'neg') return this.make('neg', [this.make('*', [a.args[0]!, b])]);
        if (b.op === 'neg') return this.make('neg', [this.make('*', [a, b.args[0]!])]);
        break;
      case '/':
        if (isNum(a, 0)) return this.num(0);
        if (isNum(b, 1)) return a;
        if (a.op === 'neg') return this.make('neg', [this.make('/', [a.args[0]!, b])]);
        break;
      case '^':
        if (isNum(b, 1)) return a;
        if (isNum(b, 0)) return this.num(1);
        break;
      case 'neg':
        if (a.op === 'neg') return a.args[0]!;
        break;
      case '?:':
        if (args[1] === args[2]) return args[1]!;
        break;
    }
    return this.intern(op, args, NaN, '');
  }
}

/**
 * Evaluates one operator on numbers with exactly the semantics of the generated JS. Comparisons and
 * logic give 1 or 0; logic and `c ? a : b` take any non-zero number as true (and NaN as false, as JS
 * and mathjs do).
 */
export function evalOp(op: Op, v: readonly number[]): number {
  const a = v[0]!;
  const b = v[1]!;
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '^':
      return Math.pow(a, b);
    case 'neg':
      return -a;
    case 'exp':
      return Math.exp(a);
    case 'log':
      return Math.log(a);
    case 'log10':
      return Math.log10(a);
    case 'sqrt':
      return Math.sqrt(a);
    case 'abs':
      return Math.abs(a);
    case 'floor':
      return Math.floor(a);
    case 'ceil':
      return Math.ceil(a);
    case 'fix':
      return Math.trunc(a);
    case 'factorial':
      return factorial(a);
    case 'sin':
      return Math.sin(a);
    case 'cos':
      return Math.cos(a);
    case 'tan':
      return Math.tan(a);
    case 'sec':
      return 1 / Math.cos(a);
    case 'csc':
      return 1 / Math.sin(a);
    case 'cot':
      return 1 / Math.tan(a);
    case 'asin':
      return Math.asin(a);
    case 'acos':
      return Math.acos(a);
    case 'atan':
      return Math.atan(a);
    case 'sinh':
      return Math.sinh(a);
    case 'cosh':
      return Math.cosh(a);
    case 'tanh':
      return Math.tanh(a);
    case 'sech':
      return 1 / Math.cosh(a);
    case 'asinh':
      return Math.asinh(a);
    case 'acosh':
      return Math.acosh(a);
    case 'atanh':
      return Math.atanh(a);
    case 'min':
      return Math.min(a, b);
    case 'max':
      return Math.max(a, b);
    case '<':
      return a < b ? 1 : 0;
    case '<=':
      return a <= b ? 1 : 0;
    case '>':
      return a > b ? 1 : 0;
    case '>=':
      return a >= b ? 1 : 0;
    case '==':
      return a === b ? 1 : 0;
    case '!=':
      return a !== b ? 1 : 0;
    case 'and':
      return a && b ? 1 : 0;
    case 'or':
      return a || b ? 1 : 0;
    case 'xor':
      return !a !== !b ? 1 : 0;
    case 'not':
      return a ? 0 : 1;
    case '?:':
      return a ? b : v[2]!;
    default:
      throw new Error(`internal: cannot evaluate '${op}'`);
  }
}

/** Maps a symbol name to its expression, or to an error message (e.g. "unknown symbol 'x'"). */
export type SymbolResolver = (name: string) => Expr | string;

/** Parses expression text; returns the mathjs tree or a message. Nothing is evaluated. */
export function parseExpression(text: string): { node: MathNode } | { error: string } {
  if (typeof text !== 'string') return { error: `expected an expression string, got ${typeof text}` };
  if (text.trim() === '') return { error: 'empty expression' };
  const tooBig = checkExpressionText(text);
  if (tooBig) return { error: tooBig };
  let node: MathNode;
  try {
    node = math.parse(text);
  } catch (e) {
    return { error: `cannot parse '${text}': ${(e as Error).message}` };
  }
  try {
    return { node: balanceChains(node, math as never) };
  } catch (e) {
    if (e instanceof ExpressionLimitError) return { error: e.message };
    throw e;
  }
}

/** Why a node kind is rejected, in words a modeller understands. */
function rejectionReason(node: MathNode): string {
  switch (node.type) {
    case 'AccessorNode':
      return 'property access and indexing are not allowed';
    case 'AssignmentNode':
      return 'assignments are not allowed';
    case 'FunctionAssignmentNode':
      return 'function definitions are not allowed';
    case 'BlockNode':
      return 'only one expression is allowed (no ";" or line breaks between statements)';
    case 'ArrayNode':
      return 'arrays are not allowed';
    case 'ObjectNode':
      return 'objects are not allowed';
    case 'IndexNode':
      return 'indexing is not allowed';
    case 'RangeNode':
      return 'ranges are not allowed';
    default:
      return `${node.type} is not allowed`;
  }
}

/**
 * Converts a parsed tree to an `Expr`, accepting only whitelisted nodes. Every problem found is
 * passed to `report` (so one expression can yield several messages); returns undefined if any.
 * `hill(x, K, n)` is expanded to x^n / (K^n + x^n), `pow(a, b)` to a^b, `log(x, b)` to
 * log(x)/log(b), chained comparisons to `and`s.
 */
export function toExpr(
  root: MathNode,
  pool: ExprPool,
  resolve: SymbolResolver,
  report: (message: string) => void,
): Expr | undefined {
  let ok = true;
  const fail = (message: string): undefined => {
    ok = false;
    report(message);
    return undefined;
  };
  const fold = (op: Op, args: (Expr | undefined)[]): Expr | undefined =>
    args.every((a) => a !== undefined) ? pool.make(op, args as Expr[]) : undefined;

  const walk = (node: MathNode): Expr | undefined => {
    switch (node.type) {
      case 'ConstantNode': {
        const value = (node as unknown as { value: unknown }).value;
        if (typeof value !== 'number') return fail(`only numbers are allowed as constants, got ${JSON.stringify(value)}`);
        return pool.num(value);
      }
      case 'SymbolNode': {
        const name = (node as unknown as { name: string }).name;
        const e = resolve(name);
        return typeof e === 'string' ? fail(e) : e;
      }
      case 'ParenthesisNode':
        return walk((node as unknown as { content: MathNode }).content);
      case 'OperatorNode': {
        const { fn, args } = node as unknown as { fn: string; args: MathNode[]; op: string };
        const sub = args.map(walk);
        if (fn === 'unaryMinus' && sub.length === 1) return fold('neg', sub);
        if (fn === 'unaryPlus' && sub.length === 1) return sub[0];
        if (fn === 'not' && sub.length === 1) return fold('not', sub);
        const op = BINARY_OPERATORS[fn];
        if (!op || sub.length !== 2) return fail(`operator '${(node as unknown as { op: string }).op}' is not allowed`);
        return fold(op, sub);
      }
      case 'RelationalNode': {
        const { conditionals, params } = node as unknown as { conditionals: string[]; params: MathNode[] };
        const sub = params.map(walk);
        let acc: Expr | undefined;
        for (let k = 0; k < conditionals.length; k++) {
          const op = BINARY_OPERATORS[conditionals[k]!];
          if (!op || !COMPARISONS.has(op)) return fail(`comparison '${conditionals[k]}' is not allowed`);
          const cmp = fold(op, [sub[k], sub[k + 1]]);
          acc = k === 0 ? cmp : fold('and', [acc, cmp]);
        }
        return acc;
      }
      case 'ConditionalNode': {
        const { condition, trueExpr, falseExpr } = node as unknown as Record<string, MathNode>;
        return fold('?:', [walk(condition!), walk(trueExpr!), walk(falseExpr!)]);
      }
      case 'FunctionNode': {
        const { fn, args } = node as unknown as { fn: MathNode; args: MathNode[] };
        if (fn.type !== 'SymbolNode') {
          return fail(`calling '${fn.toString()}' is not allowed: only ${Object.keys(FUNCTIONS).join(', ')} can be called, by name`);
        }
        const name = (fn as unknown as { name: string }).name;
        const arity = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
        if (!arity) {
          return fail(`unknown function '${name}'; allowed: ${Object.keys(FUNCTIONS).join(', ')}${suggest(name, Object.keys(FUNCTIONS))}`);
        }
        if (args.length < arity[0] || args.length > arity[1]) {
          const expected = arity[0] === arity[1] ? `${arity[0]}` : arity[1] === Infinity ? `at least ${arity[0]}` : `${arity[0]} or ${arity[1]}`;
          return fail(`${name}() takes ${expected} argument${arity[1] === 1 ? '' : 's'}, got ${args.length}`);
        }
        const sub = args.map(walk);
        if (!sub.every((a) => a !== undefined)) return undefined;
        const e = sub as Expr[];
        switch (name) {
          case 'pow':
            return pool.make('^', e);
          case 'hill': {
            const [x, K, n] = e as [Expr, Expr, Expr];
            const xn = pool.make('^', [x, n]);
            return pool.make('/', [xn, pool.make('+', [pool.make('^', [K, n]), xn])]);
          }
          case 'log':
            return e.length === 1 ? pool.make('log', e) : pool.make('/', [pool.make('log', [e[0]!]), pool.make('log', [e[1]!])]);
          case 'min':
          case 'max':
            return e.reduce((acc, x) => pool.make(name, [acc, x]));
          default:
            return pool.make(name as Op, e);
        }
      }
      default:
        return fail(rejectionReason(node));
    }
  };
  const result = walk(root);
  return ok ? result : undefined;
}

/** Every symbol name in a parsed tree (SymbolNodes that are not function names), in order. */
export function symbolsOf(root: MathNode): string[] {
  const names: string[] = [];
  root.traverse((node, path) => {
    if (node.type === 'SymbolNode' && path !== 'fn') names.push((node as unknown as { name: string }).name);
  });
  return names;
}

/** Renders an Expr as mathjs-compatible text (for messages, comments and tests). */
export function formatExpr(e: Expr): string {
  const [a, b, c] = e.args;
  switch (e.op) {
    case 'num':
      return Number.isFinite(e.value) ? String(e.value) : e.value > 0 ? 'Infinity' : e.value < 0 ? '-Infinity' : 'NaN';
    case 'sym':
      return e.name;
    case 'neg':
      return `-(${formatExpr(a!)})`;
    case 'not':
      return `not (${formatExpr(a!)})`;
    case '?:':
      return `(${formatExpr(a!)} ? ${formatExpr(b!)} : ${formatExpr(c!)})`;
    default:
      if (isFunctionOp(e.op)) return `${e.op}(${e.args.map(formatExpr).join(', ')})`;
      return `(${formatExpr(a!)} ${e.op} ${formatExpr(b!)})`;
  }
}
