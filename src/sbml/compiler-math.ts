/**
 * Rewrites of imported math for the model compiler: rescaling SBML time to ferrosim hours. (Every
 * core MathML operator of lower.ts has a compiler counterpart, see print.ts, so nothing else needs
 * rewriting or folding.)
 */
import { call, type MathNode } from './math.ts';

/** Replaces SBML time by ferrosim time (hours) times `scale` (SBML time units per hour). */
export function retime(m: MathNode, scale: MathNode): MathNode {
  switch (m.kind) {
    case 'time': return call('times', m, scale);
    case 'call': return { kind: 'call', op: m.op, args: m.args.map((a) => retime(a, scale)) };
    case 'piecewise':
      return {
        kind: 'piecewise',
        pieces: m.pieces.map((p) => ({ value: retime(p.value, scale), cond: retime(p.cond, scale) })),
        otherwise: m.otherwise ? retime(m.otherwise, scale) : null,
      };
    default: return m;
  }
}
