/**
 * Symbolic partial derivatives of `Expr`s, using mathjs `derivative` for the smooth part.
 *
 * mathjs differentiates only smooth expressions. Every non-smooth subexpression (min, max, abs,
 * `c ? a : b`, comparisons, logic) is first replaced by a placeholder symbol `__nsK`; the chain
 * rule then gives
 *     d e/dx = ∂e/∂x + Σ_K ∂e/∂__nsK · d(nsK)/dx,
 * where d(nsK)/dx is taken branchwise: d min(a,b) = (a <= b ? da : db), d max(a,b) = (a >= b ? da : db),
 * d abs(a) = (a >= 0 ? da : -da), d(c ? a : b) = (c ? da : db), and comparisons, logic, floor,
 * ceil and fix are piecewise constant (derivative 0; at the jumps the derivative does not exist and
 * 0 is used). At a kink this picks one one-sided derivative, which is what a Newton iteration on a
 * piecewise model needs. factorial is defined on integers only: d factorial(a) = 0 when a does not
 * vary with x (e.g. factorial(floor(S))), and a `NotDifferentiableError` otherwise. The
 * trigonometric and hyperbolic functions are smooth and go through mathjs (d tan = sec², d tanh =
 * sech², d asin = 1/√(1−a²), …).
 */
import type { MathNode } from 'mathjs';
import { ExprPool, NON_SMOOTH, formatExpr, isFunctionOp, isPiecewiseConstant, math, toExpr } from './expr.ts';
import type { Expr, Op } from './expr.ts';

/** A rate law the symbolic Jacobian cannot differentiate; compileModel reports it with the reaction's path. */
export class NotDifferentiableError extends Error {
  override readonly name = 'NotDifferentiableError';
}

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

/**
 * Builds a mathjs tree from an `Expr`. With `placeholders`, non-smooth nodes become placeholder
 * symbols recorded in the map (name → node) instead of being converted.
 */
export function toMathNode(e: Expr, placeholders?: Map<string, Expr>): MathNode {
  if (placeholders && NON_SMOOTH.has(e.op)) {
    const name = `__ns${e.id}`;
    placeholders.set(name, e);
    return new math.SymbolNode(name);
  }
  const args = e.args.map((a) => toMathNode(a, placeholders));
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

/** Differentiates expressions of one pool, caching per (expression, variable). */
export class Differentiator {
  private readonly cache = new Map<string, Expr>();
  private readonly symbolSets = new Map<number, ReadonlySet<string>>();

  constructor(private readonly pool: ExprPool) {}

  /** The symbol names an expression depends on. */
  symbols(e: Expr): ReadonlySet<string> {
    let s = this.symbolSets.get(e.id);
    if (!s) {
      if (e.op === 'sym') s = new Set([e.name]);
      else if (e.args.length === 0) s = new Set();
      else if (e.args.length === 1) s = this.symbols(e.args[0]!);
      else {
        const u = new Set<string>();
        for (const a of e.args) for (const n of this.symbols(a)) u.add(n);
        s = u;
      }
      this.symbolSets.set(e.id, s);
    }
    return s;
  }

  /** ∂e/∂x, simplified by the pool's folding rules; the constant 0 when e does not involve x. */
  diff(e: Expr, x: string): Expr {
    if (!this.symbols(e).has(x)) return this.pool.num(0);
    if (e.op === 'sym') return this.pool.num(1);
    const key = `${e.id}|${x}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const result = NON_SMOOTH.has(e.op) ? this.diffNonSmooth(e, x) : this.diffSmooth(e, x);
    this.cache.set(key, result);
    return result;
  }

  private diffSmooth(e: Expr, x: string): Expr {
    const placeholders = new Map<string, Expr>();
    const node = toMathNode(e, placeholders);
    let total = this.powerRule(this.fromMath(math.derivative(node, x, { simplify: false }), placeholders));
    for (const [name, inner] of placeholders) {
      if (!this.symbols(inner).has(x)) continue;
      const dInner = this.diff(inner, x);
      if (dInner.op === 'num' && dInner.value === 0) continue;
      const outer = this.powerRule(this.fromMath(math.derivative(node, name, { simplify: false }), placeholders));
      total = this.pool.make('+', [total, this.pool.make('*', [outer, dInner])]);
    }
    return total;
  }

  private diffNonSmooth(e: Expr, x: string): Expr {
    const p = this.pool;
    const [a, b, c] = e.args;
    if (isPiecewiseConstant(e.op)) return p.num(0);
    switch (e.op) {
      case 'factorial': {
        const da = this.diff(a!, x);
        if (da.op === 'num' && da.value === 0) return da;
        throw new NotDifferentiableError(
          `factorial(${formatExpr(a!)}) changes with '${x}', but factorial is defined on non-negative integers only; ` +
            `round its argument, e.g. factorial(floor(${formatExpr(a!)}))`,
        );
      }
      case 'min':
        return p.make('?:', [p.make('<=', [a!, b!]), this.diff(a!, x), this.diff(b!, x)]);
      case 'max':
        return p.make('?:', [p.make('>=', [a!, b!]), this.diff(a!, x), this.diff(b!, x)]);
      case 'abs': {
        const da = this.diff(a!, x);
        return p.make('?:', [p.make('>=', [a!, p.num(0)]), da, p.make('neg', [da])]);
      }
      case '?:':
        return p.make('?:', [a!, this.diff(b!, x), this.diff(c!, x)]);
      default:
        throw new Error(`internal: no derivative rule for '${e.op}'`);
    }
  }

  private readonly powerRewrites = new Map<number, Expr>();

  /**
   * The power rule leaves a^(e−1) next to the a^e of the rate law; a second pow costs as much as
   * the rest of a Hill term. Rewrite a^(e−1) as (a != 0 ? a^e / a : a^(e−1)): the a^e is then shared
   * with the rate (and computed once), and a = 0 keeps the exact value of the original.
   */
  private powerRule(e: Expr): Expr {
    if (e.args.length === 0) return e;
    const hit = this.powerRewrites.get(e.id);
    if (hit) return hit;
    const p = this.pool;
    const args = e.args.map((a) => this.powerRule(a));
    let out = args.some((a, i) => a !== e.args[i]) ? p.make(e.op, args) : e;
    const [base, exponent] = args;
    if (out.op === '^' && exponent!.op === '-' && exponent!.args[1]!.op === 'num' && exponent!.args[1]!.value === 1 && exponent!.args[0]!.op !== 'num') {
      const full = p.make('^', [base!, exponent!.args[0]!]);
      out = p.make('?:', [p.make('!=', [base!, p.num(0)]), p.make('/', [full, base!]), out]);
    }
    this.powerRewrites.set(e.id, out);
    return out;
  }

  /** Converts mathjs's derivative back into the pool; placeholders map back to their nodes. */
  private fromMath(node: MathNode, placeholders: Map<string, Expr>): Expr {
    const problems: string[] = [];
    const e = toExpr(node, this.pool, (name) => placeholders.get(name) ?? this.pool.sym(name), (m) => problems.push(m));
    if (!e) throw new Error(`internal: derivative produced an unsupported expression (${problems.join('; ')}): ${node.toString()}`);
    return e;
  }
}
