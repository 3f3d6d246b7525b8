/**
 * The Test Set for IVP Solvers' reference data (Mazzia, Magherini et al., Univ. of Bari), read
 * from ../shared/reference/stiff-test-set.json, and the accuracy measure used with it:
 * scd = −log10(max_i |y_i − ref_i| / |ref_i|).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

const here = dirname(fileURLToPath(import.meta.url));
/** /work/shared/reference/stiff-test-set.json, i.e. ../shared from the project root. */
export const REFERENCE_FILE = join(here, '..', '..', '..', 'shared', 'reference', 'stiff-test-set.json');

let cache: Record<string, ReferenceProblem> | null = null;

export function reference(name: 'rober' | 'hires' | 'pollu'): ReferenceProblem {
  if (cache === null) {
    const data = JSON.parse(readFileSync(REFERENCE_FILE, 'utf8')) as { problems: Record<string, ReferenceProblem> };
    cache = data.problems;
  }
  const p = cache[name];
  if (!p) throw new Error(`no problem '${name}' in ${REFERENCE_FILE}`);
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
