/**
 * Prints a core MathNode (see lower.ts) as a mathjs expression string for the model compiler.
 * Every compound sub-expression is parenthesised, so precedence never depends on the printer.
 */
import type { MathNode } from './math.ts';
import { SbmlError } from './xml.ts';

/** MathML core operators (lower.ts) → the model compiler's functions (src/model/expr.ts FUNCTIONS). */
const FUNCTIONS: Record<string, string> = {
  exp: 'exp', ln: 'log', abs: 'abs', max: 'max', min: 'min',
  floor: 'floor', ceiling: 'ceil', factorial: 'factorial',
  sin: 'sin', cos: 'cos', tan: 'tan', sec: 'sec', csc: 'csc', cot: 'cot',
  arcsin: 'asin', arccos: 'acos', arctan: 'atan',
  sinh: 'sinh', cosh: 'cosh', tanh: 'tanh', sech: 'sech',
  arcsinh: 'asinh', arccosh: 'acosh', arctanh: 'atanh',
};

/**
 * Relations and logic are numbers (1/0) in the model compiler, as SBML L3V2 lets booleans and
 * numbers mix, so they print as plain operators.
 */
const INFIX: Record<string, string> = {
  plus: '+', times: '*', divide: '/', power: '^',
  eq: '==', neq: '!=', lt: '<', gt: '>', leq: '<=', geq: '>=', and: 'and', or: 'or', xor: 'xor',
};

export function formatNumber(x: number): string {
  // The compiler accepts numbers only, not the mathjs constants NaN and Infinity.
  if (Number.isNaN(x)) return '(0 / 0)';
  if (x === Infinity) return '(1 / 0)';
  if (x === -Infinity) return '(-1 / 0)';
  const s = String(x);
  return x < 0 || Object.is(x, -0) ? `(${s})` : s;
}

/** `name(id)` maps an SBML-level symbol to its id in the generated model; `time` prints as `t`. */
export function printMathjs(node: MathNode, name: (id: string) => string): string {
  const p = (n: MathNode): string => printMathjs(n, name);
  switch (node.kind) {
    case 'num': return formatNumber(node.value);
    case 'time': return 't';
    case 'sym': return name(node.name);
    case 'piecewise': {
      let out = node.otherwise ? p(node.otherwise) : 'NaN';
      for (let k = node.pieces.length - 1; k >= 0; k--) {
        const piece = node.pieces[k];
        out = `((${p(piece.cond)}) ? (${p(piece.value)}) : (${out}))`;
      }
      return out;
    }
    case 'call': {
      const args = node.args.map(p);
      if (node.op === 'minus') return args.length === 1 ? `(-${args[0]})` : `(${args[0]} - ${args[1]})`;
      if (node.op === 'not') return `(not ${args[0]})`;
      // Truncating division (L3V2): fix rounds toward zero.
      if (node.op === 'quotient') return `fix(${args[0]} / ${args[1]})`;
      if (node.op === 'rem') return `(${args[0]} - ${args[1]} * fix(${args[0]} / ${args[1]}))`;
      const infix = INFIX[node.op];
      if (infix) return `(${args.join(` ${infix} `)})`;
      const fn = FUNCTIONS[node.op];
      if (fn) return `${fn}(${args.join(', ')})`;
      throw new SbmlError(`the model compiler has no function for MathML <${node.op}>`);
    }
  }
}
