/**
 * Symbolic partial derivatives of `Expr`s, by the chain rule applied node by node on the
 * hash-consed DAG and cached per (node, variable): a rule used many times is differentiated once,
 * so a chain of 100 rules that each use the previous one several times costs time linear in its
 * length (differentiating the expanded tree, as mathjs's `derivative` does, is exponential).
 *
 * Smooth operators follow the usual rules (d(a·b) = da·b + a·db, d aᵇ = b·aᵇ⁻¹·da + aᵇ·log a·db,
 * d tan = sec², d tanh = sech², d asin = 1/√(1−a²), …). Non-smooth ones are taken branchwise: d min(a,b) = (a <= b ? da : db), d max(a,b) = (a >= b ? da : db),
 * d abs(a) = (a >= 0 ? da : -da), d(c ? a : b) = (c ? da : db), and comparisons, logic, floor,
 * ceil and fix are piecewise constant (derivative 0; at the jumps the derivative does not exist and
 * 0 is used). At a kink this picks one one-sided derivative, which is what a Newton iteration on a
 * piecewise model needs. factorial is defined on integers only: d factorial(a) = 0 when a does not
 * vary with x (e.g. factorial(floor(S))), and a `NotDifferentiableError` otherwise.
 */
import { ExprPool, NON_SMOOTH, formatExpr, isPiecewiseConstant } from './expr.ts';
import type { Expr, Op } from './expr.ts';

/** A rate law the symbolic Jacobian cannot differentiate; compileModel reports it with the reaction's path. */
export class NotDifferentiableError extends Error {
  override readonly name = 'NotDifferentiableError';
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

  /**
   * The chain rule, one node at a time, on the DAG: ∂e/∂x from the node's own rule and the cached
   * derivatives of its arguments. Shared subexpressions (rules used several times) are
   * differentiated once, so the work is linear in the size of the DAG, never in the size of the
   * expanded tree.
   */
  private diffSmooth(e: Expr, x: string): Expr {
    const p = this.pool;
    const [a, b] = e.args as [Expr, Expr];
    const da = this.diff(a, x);
    const zero = (v: Expr) => v.op === 'num' && v.value === 0;
    const mul = (u: Expr, v: Expr) => p.make('*', [u, v]);
    const div = (u: Expr, v: Expr) => p.make('/', [u, v]);
    const add = (u: Expr, v: Expr) => p.make('+', [u, v]);
    const sub = (u: Expr, v: Expr) => p.make('-', [u, v]);
    const sq = (u: Expr) => p.make('^', [u, p.num(2)]);
    const fn = (op: Op, u: Expr) => p.make(op, [u]);
    /** f'(a)·da for a one-argument function. */
    const chain = (outer: Expr) => (zero(da) ? da : mul(outer, da));
    switch (e.op) {
      case '+':
        return add(da, this.diff(b, x));
      case '-':
        return sub(da, this.diff(b, x));
      case 'neg':
        return p.make('neg', [da]);
      case '*': {
        const db = this.diff(b, x);
        return add(mul(da, b), mul(a, db));
      }
      case '/': {
        const db = this.diff(b, x);
        // (da·b − a·db)/b², written as da/b − a·db/b² so a constant denominator stays a division.
        return sub(div(da, b), div(mul(a, db), sq(b)));
      }
      case '^': {
        const db = this.diff(b, x);
        // Power rule when the exponent does not vary with x; a^(b−1) shares a^b (see powerRule).
        const power = zero(da) ? da : mul(mul(b, this.powerRule(p.make('^', [a, sub(b, p.num(1))]))), da);
        if (zero(db)) return power;
        return add(power, mul(mul(e, fn('log', a)), db));
      }
      case 'exp':
        return chain(e);
      case 'log':
        return zero(da) ? da : div(da, a);
      case 'log10':
        return zero(da) ? da : div(da, mul(a, p.num(Math.LN10)));
      case 'sqrt':
        return zero(da) ? da : div(da, mul(p.num(2), e));
      case 'sin':
        return chain(fn('cos', a));
      case 'cos':
        return chain(p.make('neg', [fn('sin', a)]));
      case 'tan':
        return chain(sq(fn('sec', a)));
      case 'sec':
        return chain(mul(e, fn('tan', a)));
      case 'csc':
        return chain(p.make('neg', [mul(e, fn('cot', a))]));
      case 'cot':
        return chain(p.make('neg', [sq(fn('csc', a))]));
      case 'asin':
        return zero(da) ? da : div(da, fn('sqrt', sub(p.num(1), sq(a))));
      case 'acos':
        return zero(da) ? da : p.make('neg', [div(da, fn('sqrt', sub(p.num(1), sq(a))))]);
      case 'atan':
        return zero(da) ? da : div(da, add(p.num(1), sq(a)));
      case 'sinh':
        return chain(fn('cosh', a));
      case 'cosh':
        return chain(fn('sinh', a));
      case 'tanh':
        return chain(sq(fn('sech', a)));
      case 'sech':
        return chain(p.make('neg', [mul(e, fn('tanh', a))]));
      case 'asinh':
        return zero(da) ? da : div(da, fn('sqrt', add(sq(a), p.num(1))));
      case 'acosh':
        return zero(da) ? da : div(da, fn('sqrt', sub(sq(a), p.num(1))));
      case 'atanh':
        return zero(da) ? da : div(da, sub(p.num(1), sq(a)));
      default:
        throw new Error(`internal: no derivative rule for '${e.op}'`);
    }
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


}
