/**
 * The standard normal CDF Φ, without a library (so that running a scenario never loads mathjs).
 *
 * |x| ≤ 8: Marsaglia's series (G. Marsaglia 2004, "Evaluating the Normal Distribution", J. Stat.
 * Softw. 11(4)): Φ(x) = ½ + φ(x)·(x + x³/3 + x⁵/(3·5) + x⁷/(3·5·7) + …). Every term has the sign of
 * x, so nothing cancels; the sum is taken until a term no longer changes it, which gives Φ to
 * about one ulp of ½ (absolute error ≲ 1e-16; the test compares it with mathjs's erf).
 * x < −8: Φ(x) < 7e-16; the asymptotic series φ(x)/|x|·(1 − 1/x² + 3/x⁴ − 15/x⁶) (Abramowitz &
 * Stegun 26.2.12) is then accurate to a relative 1e-6 or better, and Φ(x) = 1 − Φ(−x) for x > 8
 * rounds to 1.
 */
const INV_SQRT_2PI = 0.3989422804014327; // 1/√(2π)

export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 8) return 1 - normalCdf(-x);
  if (x < -8) {
    if (x < -38.5) return 0; // φ(x) underflows
    const q = 1 / (x * x);
    return (INV_SQRT_2PI * Math.exp(-0.5 * x * x) / -x) * (1 - q + 3 * q * q - 15 * q * q * q);
  }
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let k = 3; ; k += 2) {
    term *= x2 / k;
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  return 0.5 + sum * INV_SQRT_2PI * Math.exp(-0.5 * x2);
}
