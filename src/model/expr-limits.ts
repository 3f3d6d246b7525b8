/**
 * Size limits for expression text, and the balancing of long sums and products, so that parsing,
 * checking, differentiating and generating code for large rate laws never runs into a recursion
 * limit and stays linear in the size of the model.
 *
 * mathjs parses `t1 + t2 + … + t10000` into a left-leaning tree 10 000 levels deep, and every
 * recursive walk over it (ours, mathjs's, V8's parser of the generated code) would overflow the
 * stack. `balanceChains` rebuilds each run of more than BALANCE_FROM terms joined by + and − (or
 * by *) as a balanced tree, about log₂(n) deep. Shorter runs keep exactly the association the
 * user wrote, so ordinary rate laws evaluate bit for bit as written; a long sum is then summed
 * pairwise, which rounds differently from left to right but no less accurately.
 * Nesting that is not such a chain (parentheses, function calls, powers) is limited to
 * MAX_NESTING levels, and the text to MAX_EXPRESSION_LENGTH characters; beyond them the
 * expression is refused with a message naming the limit.
 */
import type { MathNode } from 'mathjs';

export const MAX_EXPRESSION_LENGTH = 1_000_000;
export const MAX_NESTING = 200;
/** Chains of up to this many terms keep their left-to-right association. */
export const BALANCE_FROM = 32;

/** Thrown (and turned into a located diagnostic) when an expression exceeds a limit. */
export class ExpressionLimitError extends Error {
  override readonly name = 'ExpressionLimitError';
}

/** Checks the text limits before parsing (mathjs's parser recurses once per open parenthesis). */
export function checkExpressionText(text: string): string | undefined {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    return `the expression is ${text.length} characters long, more than the limit of ${MAX_EXPRESSION_LENGTH} (MAX_EXPRESSION_LENGTH); split it into rules`;
  }
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91) deepest = Math.max(deepest, ++depth); // ( [
    else if (c === 41 || c === 93) depth--;
  }
  if (deepest > MAX_NESTING) {
    return `parentheses are nested ${deepest} levels deep, more than the limit of ${MAX_NESTING} (MAX_NESTING); name inner parts as rules`;
  }
  return undefined;
}

type Factory = {
  OperatorNode: new (op: string, fn: string, args: MathNode[]) => MathNode;
};

interface Op2 {
  type: string;
  fn: string;
  op: string;
  args: MathNode[];
}

const isChainLink = (n: MathNode, fns: ReadonlySet<string>): boolean =>
  n.type === 'OperatorNode' && (n as unknown as Op2).args.length === 2 && fns.has((n as unknown as Op2).fn);

const SUM = new Set(['add', 'subtract']);
const PRODUCT = new Set(['multiply']);

/**
 * The tree with long + / − and * chains balanced (see the module comment). Recursion follows
 * only the nesting that is not a chain, and stops with ExpressionLimitError past MAX_NESTING.
 */
export function balanceChains(root: MathNode, math: Factory): MathNode {
  const visit = (node: MathNode, depth: number): MathNode => {
    if (depth > MAX_NESTING) {
      throw new ExpressionLimitError(`the expression is nested more than ${MAX_NESTING} levels deep (MAX_NESTING); name inner parts as rules`);
    }
    for (const fns of [SUM, PRODUCT]) {
      if (!isChainLink(node, fns)) continue;
      // The left spine, walked iteratively: node = ((first ∘ t1) ∘ t2) ∘ … ∘ tk.
      const links: { fn: string; term: MathNode }[] = [];
      let cur = node;
      while (isChainLink(cur, fns)) {
        const o = cur as unknown as Op2;
        links.push({ fn: o.fn, term: o.args[1]! });
        cur = o.args[0]!;
      }
      links.reverse();
      const first = visit(cur, depth + 1);
      const terms = links.map((l) => ({ fn: l.fn, term: visit(l.term, depth + 1) }));
      if (terms.length + 1 <= BALANCE_FROM) {
        return terms.reduce((acc, l) => new math.OperatorNode(l.fn === 'add' ? '+' : l.fn === 'subtract' ? '-' : '*', l.fn, [acc, l.term]), first);
      }
      return fns === SUM ? balancedSum(first, terms, math) : balancedProduct([first, ...terms.map((t) => t.term)], math);
    }
    return node.map((child) => visit(child, depth + 1));
  };
  return visit(root, 0);
}

/** Σ ±term as a balanced tree: pairs combine as (+x)+(+y), x−y, y−x, −(x+y); exact sign algebra. */
function balancedSum(first: MathNode, rest: { fn: string; term: MathNode }[], math: Factory): MathNode {
  let level: { neg: boolean; node: MathNode }[] = [{ neg: false, node: first }, ...rest.map((r) => ({ neg: r.fn === 'subtract', node: r.term }))];
  const add = (a: MathNode, b: MathNode) => new math.OperatorNode('+', 'add', [a, b]);
  const sub = (a: MathNode, b: MathNode) => new math.OperatorNode('-', 'subtract', [a, b]);
  while (level.length > 1) {
    const next: typeof level = [];
    for (let i = 0; i + 1 < level.length; i += 2) {
      const x = level[i]!;
      const y = level[i + 1]!;
      if (!x.neg && !y.neg) next.push({ neg: false, node: add(x.node, y.node) });
      else if (!x.neg) next.push({ neg: false, node: sub(x.node, y.node) });
      else if (!y.neg) next.push({ neg: false, node: sub(y.node, x.node) });
      else next.push({ neg: true, node: add(x.node, y.node) });
    }
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    level = next;
  }
  const top = level[0]!;
  return top.neg ? new math.OperatorNode('-', 'unaryMinus', [top.node]) : top.node;
}

function balancedProduct(factors: MathNode[], math: Factory): MathNode {
  let level = factors;
  while (level.length > 1) {
    const next: MathNode[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(new math.OperatorNode('*', 'multiply', [level[i]!, level[i + 1]!]));
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    level = next;
  }
  return level[0]!;
}
