/**
 * Sample designs of the global methods, as functions of the scenario alone: point i of a design is
 * the same on every thread, worker and shard, so the pool can hand out indices and the results do
 * not depend on who computed them.
 *
 * - Sobol (Saltelli 2010): base matrices A and B (N × d), the two halves of a scrambled
 *   2d-dimensional Sobol' sequence, then A_B^(i) = A with column i from B; N·(d + 2) points, ordered A, B,
 *   A_B^(1), …, A_B^(d), each block N rows.
 * - Morris (1991; Campolongo et al. 2007 use the same trajectories): r trajectories of d + 1
 *   points on a p-level grid, each moving one factor by Δ = p / (2(p − 1)) in a random order.
 */
import type { ParameterRange, SensitivitySpec } from '../scenario/analysis-blocks.ts';
import { scrambledSobol, seededRandom } from './sobol-sequence.ts';

/** A point of the unit cube mapped into the parameter ranges (log ranges log-uniformly). */
export function fromUnit(ranges: readonly ParameterRange[], u: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = {};
  ranges.forEach((r, i) => {
    out[r.id] = r.scale === 'log' ? r.from * Math.pow(r.to / r.from, u[i]) : r.from + (r.to - r.from) * u[i];
  });
  return out;
}

export interface Design {
  /** Number of points. */
  size: number;
  /** Unit-cube coordinates of point i (d values). */
  unit(i: number): Float64Array;
}

export function sobolDesign(spec: SensitivitySpec): Design {
  const d = spec.ranges.length;
  const N = spec.samples;
  // A is the first d coordinates of one 2d-dimensional scrambled sequence and B the last d
  // (Saltelli 2002): two scramblings of the same dimensions would step in lockstep (their leading
  // bits flip together), correlating A and B.
  const X = scrambledSobol(2 * d, N, spec.seed);
  const w = 2 * d;
  return {
    size: N * (d + 2),
    unit(i) {
      const block = Math.floor(i / N);
      const row = i % N;
      const out = Float64Array.from(X.subarray(row * w + (block === 1 ? d : 0), row * w + (block === 1 ? w : d)));
      if (block >= 2) out[block - 2] = X[row * w + d + block - 2];
      return out;
    },
  };
}

export interface MorrisDesign extends Design {
  /** Which factor moved into point i (−1 for a trajectory's first point), and by how much (±Δ). */
  moved(i: number): { factor: number; delta: number };
}

export function morrisDesign(spec: SensitivitySpec): MorrisDesign {
  const d = spec.ranges.length;
  const r = spec.samples;
  const p = spec.levels;
  const delta = p / (2 * (p - 1));
  const rand = seededRandom(spec.seed);
  const points: Float64Array[] = [];
  const moves: { factor: number; delta: number }[] = [];
  for (let t = 0; t < r; t++) {
    // Base on the lower half of the grid so +Δ stays inside; a random flip u → 1 − u per factor
    // makes half the moves −Δ without leaving the cube.
    const base = new Float64Array(d);
    const flip = new Uint8Array(d);
    for (let i = 0; i < d; i++) {
      base[i] = Math.floor(rand() * (p / 2)) / (p - 1);
      flip[i] = rand() < 0.5 ? 1 : 0;
    }
    const order = Array.from({ length: d }, (_, i) => i);
    for (let i = d - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const x = Float64Array.from(base);
    const emit = (factor: number) => {
      points.push(Float64Array.from(x, (v, i) => (flip[i] ? 1 - v : v)));
      moves.push({ factor, delta: factor < 0 ? 0 : flip[factor] ? -delta : delta });
    };
    emit(-1);
    for (const f of order) {
      x[f] += delta;
      emit(f);
    }
  }
  return { size: points.length, unit: (i) => points[i], moved: (i) => moves[i] };
}

export function designFor(spec: SensitivitySpec): Design | MorrisDesign {
  return spec.method === 'morris' ? morrisDesign(spec) : sobolDesign(spec);
}
