/**
 * Shared sub-expressions as named rules. Inlining function definitions that call each other
 * (f2(x) = f1(x) + f1(x), f3(x) = f2(x) · f2(x), …) gives expressions whose size doubles with every
 * level of nesting. The parser keeps such repeats as one shared node (see math.ts), so the document
 * is read in time linear in its size; this pass then names the large shared nodes as assignment
 * rules, so that everything downstream (printing, the compiler, the evaluator) sees expressions of
 * linear size too. Expressions of ordinary size are left exactly as they are.
 */
import type { MathNode } from './math.ts';

/** Above this many nodes (counting repeats), an expression has its shared parts named. */
export const HOIST_ABOVE = 5_000;
/** Shared parts smaller than this are repeated rather than named. */
const MIN_NAMED_SIZE = 8;

const childrenOf = (n: MathNode): MathNode[] =>
  n.kind === 'call' ? n.args : n.kind === 'piecewise' ? [...n.pieces.flatMap((p) => [p.value, p.cond]), ...(n.otherwise ? [n.otherwise] : [])] : [];

/** The size of `node` written out as a tree (a float: it may be astronomically large). */
export function treeSize(node: MathNode, memo = new Map<MathNode, number>()): number {
  let s = memo.get(node);
  if (s === undefined) {
    s = 1;
    for (const c of childrenOf(node)) s += treeSize(c, memo);
    memo.set(node, s);
  }
  return s;
}

/**
 * Rewrites `exprs` so that each shared node of at least MIN_NAMED_SIZE nodes becomes a symbol
 * named by `newId`, defined by one of the returned rules (children before parents). Returns null
 * when no expression is above HOIST_ABOVE (nothing to do).
 */
export function nameSharedParts(exprs: readonly MathNode[], newId: () => string): { exprs: MathNode[]; rules: { id: string; math: MathNode }[] } | null {
  const sizes = new Map<MathNode, number>();
  if (!exprs.some((e) => treeSize(e, sizes) > HOIST_ABOVE)) return null;
  // References to every node from the distinct nodes above it (plus(a, a) counts a twice).
  const refs = new Map<MathNode, number>();
  const seen = new Set<MathNode>();
  const count = (n: MathNode): void => {
    if (seen.has(n)) return;
    seen.add(n);
    for (const c of childrenOf(n)) {
      refs.set(c, (refs.get(c) ?? 0) + 1);
      count(c);
    }
  };
  for (const e of exprs) {
    refs.set(e, (refs.get(e) ?? 0) + 1);
    count(e);
  }
  const named = new Map<MathNode, MathNode>();
  const rules: { id: string; math: MathNode }[] = [];
  const rewritten = new Map<MathNode, MathNode>();
  const rewrite = (n: MathNode, top: boolean): MathNode => {
    const sym = named.get(n);
    if (sym) return sym;
    let out = rewritten.get(n);
    if (!out) {
      out = n.kind === 'call'
        ? { kind: 'call', op: n.op, args: n.args.map((a) => rewrite(a, false)) }
        : n.kind === 'piecewise'
          ? {
            kind: 'piecewise',
            pieces: n.pieces.map((p) => ({ value: rewrite(p.value, false), cond: rewrite(p.cond, false) })),
            otherwise: n.otherwise ? rewrite(n.otherwise, false) : null,
          }
          : n;
      rewritten.set(n, out);
    }
    if (!top && (refs.get(n) ?? 0) > 1 && (sizes.get(n) ?? treeSize(n, sizes)) >= MIN_NAMED_SIZE) {
      const s: MathNode = { kind: 'sym', name: newId() };
      rules.push({ id: s.name, math: out });
      named.set(n, s);
      return s;
    }
    return out;
  };
  return { exprs: exprs.map((e) => rewrite(e, true)), rules };
}
