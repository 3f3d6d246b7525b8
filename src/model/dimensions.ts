/**
 * Dimensional analysis of a (whitelisted) mathjs expression tree.
 *
 * Each subexpression gets a `Unit`, or `ANY` (the literal 0, which fits every unit), or `UNKNOWN`
 * (the check cannot decide, e.g. x^n with a symbolic n and a dimensioned x; nothing is reported
 * for it). Literal numbers other than 0 are dimensionless, so `1 + S` with S in µM is reported:
 * put unit-carrying numbers into parameters.
 */
import type { MathNode } from 'mathjs';
import { DIMENSIONLESS, formatUnit, isDimensionless, multiplyUnits, powerUnit, sameDimension, sameUnit } from './units.ts';
import type { Unit } from './units.ts';

export const ANY = 'any' as const;
export const UNKNOWN = 'unknown' as const;
export type InferredUnit = Unit | typeof ANY | typeof UNKNOWN;

/** Infers the unit of `root`; each inconsistency found is pushed to `issues` as a sentence. */
export function inferUnit(root: MathNode, unitOf: (name: string) => InferredUnit, issues: string[]): InferredUnit {
  const text = (n: MathNode) => `'${n.toString()}'`;
  const show = (u: InferredUnit) => (typeof u === 'string' ? u : formatUnit(u));

  /** Combines operands that must share a unit (+, -, min, max, comparisons, branches). */
  const same = (what: string, nodes: MathNode[], units: InferredUnit[]): InferredUnit => {
    let result: InferredUnit = ANY;
    let resultNode: MathNode | undefined;
    for (let k = 0; k < units.length; k++) {
      const u = units[k]!;
      if (u === UNKNOWN) return UNKNOWN;
      if (u === ANY) continue;
      if (result === ANY) {
        result = u;
        resultNode = nodes[k];
        continue;
      }
      if (!sameDimension(result as Unit, u)) {
        issues.push(`${what} ${text(resultNode!)} [${show(result)}] and ${text(nodes[k]!)} [${show(u)}]`);
        return UNKNOWN;
      }
      if (!sameUnit(result as Unit, u)) {
        issues.push(`${what} ${text(resultNode!)} [${show(result)}] and ${text(nodes[k]!)} [${show(u)}], which differ in scale`);
        return UNKNOWN;
      }
    }
    return result;
  };

  const requireDimensionless = (what: string, node: MathNode, u: InferredUnit) => {
    if (typeof u !== 'string' && !isDimensionless(u)) {
      issues.push(`${what} ${text(node)} should be dimensionless but is [${show(u)}]`);
    }
  };

  /** The numeric value of a symbol-free subtree, else undefined. */
  const constantValue = (node: MathNode): number | undefined => {
    let symbolic = false;
    node.traverse((n, path) => {
      if (n.type === 'SymbolNode' && path !== 'fn') symbolic = true;
    });
    if (symbolic) return undefined;
    const v: unknown = node.evaluate();
    return typeof v === 'number' ? v : undefined;
  };

  const power = (base: MathNode, exponent: MathNode): InferredUnit => {
    const ub = walk(base);
    const ue = walk(exponent);
    requireDimensionless('the exponent', exponent, ue);
    if (ub === ANY) return ANY;
    if (ub === UNKNOWN) return UNKNOWN;
    if (isDimensionless(ub) && ub.scale === 1) return DIMENSIONLESS;
    const k = constantValue(exponent);
    return k === undefined ? UNKNOWN : powerUnit(ub, k);
  };

  const walk = (node: MathNode): InferredUnit => {
    switch (node.type) {
      case 'ConstantNode':
        return (node as unknown as { value: number }).value === 0 ? ANY : DIMENSIONLESS;
      case 'SymbolNode':
        return unitOf((node as unknown as { name: string }).name);
      case 'ParenthesisNode':
        return walk((node as unknown as { content: MathNode }).content);
      case 'ConditionalNode': {
        const { condition, trueExpr, falseExpr } = node as unknown as Record<string, MathNode>;
        walk(condition!);
        return same('the branches of a condition have different units:', [trueExpr!, falseExpr!], [walk(trueExpr!), walk(falseExpr!)]);
      }
      case 'RelationalNode': {
        const { params } = node as unknown as { params: MathNode[] };
        same('comparison of', params, params.map(walk));
        return DIMENSIONLESS;
      }
      case 'OperatorNode': {
        const { fn, args } = node as unknown as { fn: string; args: MathNode[] };
        switch (fn) {
          case 'unaryMinus':
          case 'unaryPlus':
            return walk(args[0]!);
          case 'add':
          case 'subtract':
            return same(fn === 'add' ? 'adding' : 'subtracting', args, args.map(walk));
          case 'multiply':
          case 'divide': {
            const [a, b] = args.map(walk) as [InferredUnit, InferredUnit];
            if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
            if (a === ANY || b === ANY) return ANY;
            return multiplyUnits(a, b, fn === 'multiply' ? 1 : -1);
          }
          case 'pow':
            return power(args[0]!, args[1]!);
          case 'and':
          case 'or':
          case 'xor':
          case 'not':
            args.forEach(walk);
            return DIMENSIONLESS;
          default:
            same('comparison of', args, args.map(walk));
            return DIMENSIONLESS;
        }
      }
      case 'FunctionNode': {
        const { fn, args } = node as unknown as { fn: { name: string }; args: MathNode[] };
        switch (fn.name) {
          case 'exp':
          case 'log':
          case 'log10':
          case 'floor':
          case 'ceil':
          case 'fix':
          case 'factorial':
          case 'sin':
          case 'cos':
          case 'tan':
          case 'sec':
          case 'csc':
          case 'cot':
          case 'asin':
          case 'acos':
          case 'atan':
          case 'sinh':
          case 'cosh':
          case 'tanh':
          case 'sech':
          case 'asinh':
          case 'acosh':
          case 'atanh':
            // Rounding a quantity with a unit depends on the unit it is written in, so floor and
            // friends want a dimensionless argument too (floor(S / S_unit), not floor(S)).
            requireDimensionless(`the argument of ${fn.name}()`, args[0]!, walk(args[0]!));
            if (args[1]) requireDimensionless('the base of log()', args[1], walk(args[1]));
            return DIMENSIONLESS;
          case 'sqrt': {
            const u = walk(args[0]!);
            return typeof u === 'string' ? u : powerUnit(u, 0.5);
          }
          case 'abs':
            return walk(args[0]!);
          case 'min':
          case 'max':
            return same(`${fn.name}() of`, args, args.map(walk));
          case 'pow':
            return power(args[0]!, args[1]!);
          case 'hill':
            same('hill() of', [args[0]!, args[1]!], [walk(args[0]!), walk(args[1]!)]);
            requireDimensionless('the Hill coefficient', args[2]!, walk(args[2]!));
            return DIMENSIONLESS;
          default:
            return UNKNOWN;
        }
      }
      default:
        return UNKNOWN;
    }
  };
  return walk(root);
}
