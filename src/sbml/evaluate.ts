/**
 * Compiles a core MathNode (see lower.ts) into a closure over a value vector. Used for initial
 * values, event triggers and assignments and suite outputs; the ODE right-hand side itself goes
 * through the model compiler.
 */
// n! on the naturals, NaN elsewhere: the compiler's definition, so both sides agree.
import { factorial } from '../model/expr.ts';
import type { MathNode } from './math.ts';
import { SbmlError } from './xml.ts';

export type Evaluator = (v: Float64Array, t: number) => number;

/** `slot(name)` returns the index of a symbol in the value vector, or throws for an unknown one. */
export function compileMath(node: MathNode, slot: (name: string) => number): Evaluator {
  switch (node.kind) {
    case 'num': {
      const c = node.value;
      return () => c;
    }
    case 'time':
      return (_v, t) => t;
    case 'sym': {
      const i = slot(node.name);
      return (v) => v[i];
    }
    case 'piecewise': {
      const conds = node.pieces.map((p) => compileMath(p.cond, slot));
      const values = node.pieces.map((p) => compileMath(p.value, slot));
      const otherwise = node.otherwise ? compileMath(node.otherwise, slot) : () => NaN;
      return (v, t) => {
        for (let k = 0; k < conds.length; k++) if (conds[k](v, t)) return values[k](v, t);
        return otherwise(v, t);
      };
    }
    case 'call':
      return compileCall(node.op, node.args.map((a) => compileMath(a, slot)));
  }
}

const b = (x: boolean): number => (x ? 1 : 0);
// Logic and piecewise conditions take a number as true when it is non-zero and not NaN (JS
// truthiness), exactly as the model compiler's generated code does.

function compileCall(op: string, f: Evaluator[]): Evaluator {
  const [x, y] = f;
  switch (op) {
    case 'plus':
      return (v, t) => {
        let s = 0;
        for (let k = 0; k < f.length; k++) s += f[k](v, t);
        return s;
      };
    case 'times':
      return (v, t) => {
        let s = 1;
        for (let k = 0; k < f.length; k++) s *= f[k](v, t);
        return s;
      };
    case 'minus': return f.length === 1 ? (v, t) => -x(v, t) : (v, t) => x(v, t) - y(v, t);
    case 'divide': return (v, t) => x(v, t) / y(v, t);
    case 'power': return (v, t) => Math.pow(x(v, t), y(v, t));
    case 'exp': return (v, t) => Math.exp(x(v, t));
    case 'ln': return (v, t) => Math.log(x(v, t));
    case 'abs': return (v, t) => Math.abs(x(v, t));
    case 'floor': return (v, t) => Math.floor(x(v, t));
    case 'ceiling': return (v, t) => Math.ceil(x(v, t));
    case 'factorial': return (v, t) => factorial(x(v, t));
    // Truncating division and its remainder (L3V2), written as the model compiler writes them.
    case 'quotient': return (v, t) => Math.trunc(x(v, t) / y(v, t));
    case 'rem': return (v, t) => {
      const a = x(v, t);
      const d = y(v, t);
      return a - d * Math.trunc(a / d);
    };
    case 'sin': return (v, t) => Math.sin(x(v, t));
    case 'cos': return (v, t) => Math.cos(x(v, t));
    case 'tan': return (v, t) => Math.tan(x(v, t));
    case 'sec': return (v, t) => 1 / Math.cos(x(v, t));
    case 'csc': return (v, t) => 1 / Math.sin(x(v, t));
    case 'cot': return (v, t) => 1 / Math.tan(x(v, t));
    case 'sech': return (v, t) => 1 / Math.cosh(x(v, t));
    case 'arcsinh': return (v, t) => Math.asinh(x(v, t));
    case 'arccosh': return (v, t) => Math.acosh(x(v, t));
    case 'arctanh': return (v, t) => Math.atanh(x(v, t));
    case 'sinh': return (v, t) => Math.sinh(x(v, t));
    case 'cosh': return (v, t) => Math.cosh(x(v, t));
    case 'tanh': return (v, t) => Math.tanh(x(v, t));
    case 'arcsin': return (v, t) => Math.asin(x(v, t));
    case 'arccos': return (v, t) => Math.acos(x(v, t));
    case 'arctan': return (v, t) => Math.atan(x(v, t));
    case 'max': return (v, t) => f.reduce((m, g) => Math.max(m, g(v, t)), -Infinity);
    case 'min': return (v, t) => f.reduce((m, g) => Math.min(m, g(v, t)), Infinity);
    case 'eq': return (v, t) => b(x(v, t) === y(v, t));
    case 'neq': return (v, t) => b(x(v, t) !== y(v, t));
    case 'lt': return (v, t) => b(x(v, t) < y(v, t));
    case 'gt': return (v, t) => b(x(v, t) > y(v, t));
    case 'leq': return (v, t) => b(x(v, t) <= y(v, t));
    case 'geq': return (v, t) => b(x(v, t) >= y(v, t));
    case 'and': return (v, t) => b(f.every((g) => g(v, t)));
    case 'or': return (v, t) => b(f.some((g) => g(v, t)));
    case 'xor': return (v, t) => b(!x(v, t) !== !y(v, t));
    case 'not': return (v, t) => b(!x(v, t));
    default:
      throw new SbmlError(`internal: operator '${op}' was not lowered`);
  }
}

