/**
 * Rewrites the full MathML operator set into a small core that the model compiler's whitelist and
 * our evaluator both understand: + − × ÷ ^, exp, ln, abs, floor, ceiling, factorial, quotient, rem,
 * sin, cos, tan, sec, csc, cot, sinh, cosh, tanh, sech, arcsin, arccos, arctan, arcsinh, arccosh,
 * arctanh, max, min, relations, and/or/xor/not and piecewise.
 * The identities are the textbook definitions (e.g. arcsec x = arccos(1/x), coth x = cosh x / sinh x).
 */
import { call, num, type MathNode, type MathOp } from './math.ts';

export const CORE_OPS: ReadonlySet<MathOp> = new Set<MathOp>([
  'plus', 'minus', 'times', 'divide', 'power', 'exp', 'ln', 'abs', 'floor', 'ceiling', 'factorial',
  'quotient', 'rem', 'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'sinh', 'cosh', 'tanh', 'sech',
  'arcsin', 'arccos', 'arctan', 'arcsinh', 'arccosh', 'arctanh', 'max', 'min',
  'eq', 'neq', 'lt', 'gt', 'leq', 'geq', 'and', 'or', 'xor', 'not',
]);

const inv = (x: MathNode): MathNode => call('divide', num(1), x);

/** A node shared within `node` (inlined function calls) is lowered once and stays shared. */
export function lower(node: MathNode, memo = new Map<MathNode, MathNode>()): MathNode {
  let out = memo.get(node);
  if (!out) memo.set(node, (out = lowerNode(node, (n) => lower(n, memo))));
  return out;
}

function lowerNode(node: MathNode, lower: (n: MathNode) => MathNode): MathNode {
  if (node.kind === 'piecewise') {
    return {
      kind: 'piecewise',
      pieces: node.pieces.map((p) => ({ value: lower(p.value), cond: lower(p.cond) })),
      otherwise: node.otherwise ? lower(node.otherwise) : null,
    };
  }
  if (node.kind !== 'call') return node;
  const a = node.args.map(lower);
  const [x, y] = a;
  switch (node.op) {
    case 'plus':
      if (a.length === 0) return num(0);
      return a.length === 1 ? x : call('plus', ...a);
    case 'times':
      if (a.length === 0) return num(1);
      return a.length === 1 ? x : call('times', ...a);
    case 'and':
      if (a.length === 0) return num(1);
      return a.length === 1 ? truth(x) : call('and', ...a);
    case 'or':
      if (a.length === 0) return num(0);
      return a.length === 1 ? truth(x) : call('or', ...a);
    case 'xor':
      if (a.length === 0) return num(0);
      return a.length === 1 ? truth(x) : a.slice(1).reduce((acc, b) => call('xor', acc, b), x);
    case 'eq': case 'lt': case 'gt': case 'leq': case 'geq': {
      // n-ary relations hold pairwise along the chain; with fewer than two arguments they are true.
      if (a.length < 2) return num(1);
      if (a.length === 2) return call(node.op, x, y);
      const pairs = a.slice(1).map((b, i) => call(node.op, a[i], b));
      return call('and', ...pairs);
    }
    case 'max': case 'min':
      return a.length === 1 ? x : call(node.op, ...a);
    case 'root': return call('power', y, inv(x));
    case 'log': return call('divide', call('ln', y), call('ln', x));
    case 'csch': return inv(call('sinh', x));
    case 'coth': return call('divide', call('cosh', x), call('sinh', x));
    case 'arcsec': return call('arccos', inv(x));
    case 'arccsc': return call('arcsin', inv(x));
    case 'arccot': return call('arctan', inv(x));
    case 'arcsech': return call('arccosh', inv(x));
    case 'arccsch': return call('arcsinh', inv(x));
    case 'arccoth': return call('arctanh', inv(x));
    case 'implies': return call('or', call('not', x), truth(y));
    default:
      return { kind: 'call', op: node.op, args: a };
  }
}

/** Coerces a number to 0/1 (a lone logical argument). */
function truth(x: MathNode): MathNode {
  return call('neq', x, num(0));
}
