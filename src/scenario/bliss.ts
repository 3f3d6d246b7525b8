/**
 * Bliss independence excess over a two-drug grid.
 *
 * Effects are fractional inhibition relative to the untreated corner, E = (R₀₀ − R)/R₀₀ for a
 * response that falls with dose (viability) or E = (R − R₀₀)/R₀₀ for one that rises. Bliss
 * independence predicts E_ab = E_a + E_b − E_a·E_b from the single-agent edges; the excess
 * E_ab,observed − E_ab,expected is > 0 for synergy and < 0 for antagonism.
 */

export interface BlissOptions {
  /** 'decrease' (default): the response falls with effect, e.g. viability. */
  direction?: 'decrease' | 'increase';
}

/**
 * `xs` and `ys` are the two axes; both must start with a zero dose (the single-agent edges).
 * `response[i * ys.length + j]` is the readout at (xs[i], ys[j]). Returns the Bliss excess in the
 * same layout (0 on the single-agent edges by construction).
 */
export function blissExcess(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  response: ArrayLike<number>,
  options: BlissOptions = {},
): Float64Array {
  const nx = xs.length;
  const ny = ys.length;
  if (response.length !== nx * ny) {
    throw new RangeError(`blissExcess: response must have ${nx}×${ny} = ${nx * ny} values (got ${response.length})`);
  }
  if (xs[0] !== 0 || ys[0] !== 0) {
    throw new RangeError('blissExcess: both axes must start at dose 0 (the single-agent edges define the expectation)');
  }
  const r00 = response[0];
  if (!(r00 !== 0 && Number.isFinite(r00))) throw new RangeError(`blissExcess: the untreated response must be finite and non-zero (got ${r00})`);
  const sign = options.direction === 'increase' ? -1 : 1;
  const effect = (r: number) => (sign * (r00 - r)) / r00;
  const out = new Float64Array(nx * ny);
  for (let i = 0; i < nx; i++) {
    const ea = effect(response[i * ny]);
    for (let j = 0; j < ny; j++) {
      const eb = effect(response[j]);
      const expected = ea + eb - ea * eb;
      out[i * ny + j] = effect(response[i * ny + j]) - expected;
    }
  }
  return out;
}
