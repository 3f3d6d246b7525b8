/**
 * Heterogeneous cell populations. A kinetic model of one average cell turns a dose into a switch:
 * every cell dies at the same dose, and dose-response curves get Hill slopes of 50 or more, where
 * real populations show 2–6. Clonal human cells differ in their protein levels with a coefficient
 * of variation of about 0.15–0.3, roughly log-normally (Sigal et al. 2006, Nature 444:643), and
 * that spread turns the single-cell switch into a graded population response.
 *
 * A scenario's `population: { parameter, cv, cells }` simulates `cells` sub-populations of equal
 * weight. Sub-population k has the parameter at its value times the factor m_k = exp(σ z_k)
 * normalised to mean 1, where σ² = ln(1 + cv²) makes exp(σZ) a log-normal variable with that CV
 * and z_k = Φ⁻¹((k − ½)/cells) is the midpoint of the k-th equal-probability slice of the standard
 * normal. Every output is the mean over the sub-populations (viability: the surviving fraction of
 * the whole population).
 */
import { normalCdf } from './normal-cdf.ts';
import type { PopulationSpec } from './types.ts';

/** One line saying what the outputs are, for stamps and summaries. */
export function populationLabel(p: PopulationSpec): string {
  return `means over ${p.cells} sub-populations whose ${p.parameter} is log-normal across cells (CV ${p.cv}, mean = the scenario's value)`;
}

/** Φ⁻¹(p) for 0 < p < 1 by bisection on Φ: exact to the last bit that Φ resolves. */
function normalQuantile(p: number): number {
  let lo = -40;
  let hi = 40;
  for (let i = 0; i < 200 && hi - lo > 0; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

const quantileCache = new Map<number, Float64Array>();

/** z_k = Φ⁻¹((k − ½)/cells), k = 1…cells, exactly antisymmetric (z_k = −z_(cells+1−k)). */
export function sliceMidpoints(cells: number): Float64Array {
  let z = quantileCache.get(cells);
  if (!z) {
    z = new Float64Array(cells);
    for (let k = 0; k < Math.floor(cells / 2); k++) {
      const v = normalQuantile((k + 0.5) / cells);
      z[k] = v;
      z[cells - 1 - k] = -v;
    }
    quantileCache.set(cells, z);
  }
  return z;
}

/** The factors m_k (ascending) that multiply the parameter in each sub-population; their mean is 1. */
export function populationFactors(cv: number, cells: number): Float64Array {
  if (!(cv > 0) || !Number.isInteger(cells) || cells < 2) throw new RangeError(`populationFactors: need cv > 0 and cells ≥ 2 (got cv ${cv}, cells ${cells})`);
  const sigma = Math.sqrt(Math.log1p(cv * cv));
  const z = sliceMidpoints(cells);
  const m = new Float64Array(cells);
  let sum = 0;
  for (let k = 0; k < cells; k++) {
    m[k] = Math.exp(sigma * z[k]);
    sum += m[k];
  }
  const mean = sum / cells;
  for (let k = 0; k < cells; k++) m[k] /= mean;
  return m;
}
