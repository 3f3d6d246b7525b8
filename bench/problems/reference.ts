/**
 * The Test Set for IVP Solvers' reference data (Mazzia, Magherini et al., Univ. of Bari), read
 * from test/reference/stiff-test-set.json in this repository, and the accuracy measure used with it:
 * scd = −log10(max_i |y_i − ref_i| / |ref_i|).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REFERENCE_FILE = fileURLToPath(new URL('../../test/reference/stiff-test-set.json', import.meta.url));

export interface ReferenceProblem {
  name: string;
  n: number;
  t0: number;
  tend: number;
  y0: number[];
  ref: number[];
  atol_over_rtol: number;
  params?: Record<string, number>;
}

let cache: Record<string, ReferenceProblem> | null = null;

export function reference(name: 'rober' | 'hires' | 'pollu'): ReferenceProblem {
  const file = REFERENCE_FILE;
  if (cache === null) {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { problems: Record<string, ReferenceProblem> };
    cache = data.problems;
  }
  const p = cache[name];
  if (!p) throw new Error(`no problem '${name}' in ${file}`);
  return p;
}

/** Significant correct digits at the end point: −log10 of the largest relative error. */
export function scd(y: ArrayLike<number>, ref: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < ref.length; i++) {
    const r = Math.abs(y[i] - ref[i]) / Math.abs(ref[i]);
    if (!(r <= worst)) worst = r; // NaN propagates
  }
  return -Math.log10(worst);
}

/** The Test Set's mixed measure: −log10(max_i |y_i − ref_i| / (atol/rtol + |ref_i|)). */
export function mescd(y: ArrayLike<number>, ref: ArrayLike<number>, atolOverRtol: number): number {
  let worst = 0;
  for (let i = 0; i < ref.length; i++) {
    const r = Math.abs(y[i] - ref[i]) / (atolOverRtol + Math.abs(ref[i]));
    if (!(r <= worst)) worst = r;
  }
  return -Math.log10(worst);
}
