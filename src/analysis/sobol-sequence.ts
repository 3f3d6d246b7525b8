/**
 * Scrambled Sobol' points: Joe & Kuo's direction numbers (S. Joe, F. Y. Kuo, "Constructing Sobol
 * sequences with better two-dimensional projections", SIAM J. Sci. Comput. 30, 2635–2654 (2008);
 * the `new-joe-kuo-6.21201` table, dimensions 2–80 below, dimension 1 being van der Corput),
 * randomised by Matoušek's linear matrix scrambling plus a digital shift ("On the L2-discrepancy
 * for anchored boxes", J. Complexity 14 (1998)), from a seeded generator: deterministic for a seed,
 * Saltelli's A and B matrices are two halves of one 2d-dimensional sequence (design.ts).
 */

/** `s a m_1 … m_s` per dimension from 2 on (Joe & Kuo 2008, new-joe-kuo-6.21201). */
const JOE_KUO =
  '1 0 1|2 1 1 3|3 1 1 3 1|3 2 1 1 1|4 1 1 1 3 3|4 4 1 3 5 13|5 2 1 1 5 5 17|5 4 1 1 5 5 5|5 7 1 1 7 11 19|5 11 1 1 5 1 1|' +
  '5 13 1 1 1 3 11|5 14 1 3 5 5 31|6 1 1 3 3 9 7 49|6 13 1 1 1 15 21 21|6 16 1 3 1 13 27 49|6 19 1 1 1 15 7 5|6 22 1 3 1 15 13 25|' +
  '6 25 1 1 5 5 19 61|7 1 1 3 7 11 23 15 103|7 4 1 3 7 13 13 15 69|7 7 1 1 3 13 7 35 63|7 8 1 3 5 9 1 25 53|7 14 1 3 1 13 9 35 107|' +
  '7 19 1 3 1 5 27 61 31|7 21 1 1 5 11 19 41 61|7 28 1 3 5 3 3 13 69|7 31 1 1 7 13 1 19 1|7 32 1 3 7 5 13 19 59|7 37 1 1 3 9 25 29 41|' +
  '7 41 1 3 5 13 23 1 55|7 42 1 3 7 3 13 59 17|7 50 1 3 1 3 5 53 69|7 55 1 1 5 5 23 33 13|7 56 1 1 7 7 1 61 123|7 59 1 1 7 9 13 61 49|' +
  '7 62 1 3 3 5 3 55 33|8 14 1 3 1 15 31 13 49 245|8 21 1 3 5 15 31 59 63 97|8 22 1 3 1 11 11 11 77 249|8 38 1 3 1 11 27 43 71 9|' +
  '8 47 1 1 7 15 21 11 81 45|8 49 1 3 7 3 25 31 65 79|8 50 1 3 1 1 19 11 3 205|8 52 1 1 5 9 19 21 29 157|8 56 1 3 7 11 1 33 89 185|' +
  '8 67 1 3 3 3 15 9 79 71|8 70 1 3 7 11 15 39 119 27|8 84 1 1 3 1 11 31 97 225|8 97 1 1 1 3 23 43 57 177|8 103 1 3 7 7 17 17 37 71|' +
  '8 115 1 3 1 5 27 63 123 213|8 122 1 1 3 5 11 43 53 133|9 8 1 3 5 5 29 17 47 173 479|9 13 1 3 3 11 3 1 109 9 69|' +
  '9 16 1 1 1 5 17 39 23 5 343|9 22 1 3 1 5 25 15 31 103 499|9 25 1 1 1 11 11 17 63 105 183|9 44 1 1 5 11 9 29 97 231 363|' +
  '9 47 1 1 5 15 19 45 41 7 383|9 52 1 3 7 7 31 19 83 137 221|9 55 1 1 1 3 23 15 111 223 83|9 59 1 1 5 13 31 15 55 25 161|' +
  '9 62 1 1 3 13 25 47 39 87 257|9 67 1 1 1 11 21 53 125 249 293|9 74 1 1 7 11 11 7 57 79 323|9 81 1 1 5 5 17 13 81 3 131|' +
  '9 82 1 1 7 13 23 7 65 251 475|9 87 1 3 5 1 9 43 3 149 11';

const BITS = 32;

/** Direction numbers V_1..V_32 of each dimension, as uint32 with the first bit most significant. */
const DIRECTIONS: Uint32Array[] = (() => {
  const dims: Uint32Array[] = [];
  const first = new Uint32Array(BITS);
  for (let j = 0; j < BITS; j++) first[j] = (1 << (31 - j)) >>> 0;
  dims.push(first);
  for (const row of JOE_KUO.split('|')) {
    const [s, a, ...m] = row.split(' ').map(Number);
    const v = new Uint32Array(BITS);
    for (let j = 0; j < BITS; j++) {
      if (j < s) v[j] = (m[j] << (31 - j)) >>> 0;
      else {
        let x = (v[j - s] ^ (v[j - s] >>> s)) >>> 0;
        for (let k = 1; k < s; k++) if ((a >>> (s - 1 - k)) & 1) x = (x ^ v[j - k]) >>> 0;
        v[j] = x;
      }
    }
    dims.push(v);
  }
  return dims;
})();

/** Dimensions available. */
export const SOBOL_MAX_DIM = DIRECTIONS.length;

/** A small seeded generator (mulberry32): uniform in [0, 1), deterministic for a seed. */
export function seededRandom(seed: number): () => number {
  let a = (seed >>> 0) ^ 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` points of the `dim`-dimensional Sobol' sequence, scrambled (linear matrix scrambling and
 * a digital shift drawn from `seed`), row-major count × dim, each coordinate in (0, 1).
 */
export function scrambledSobol(dim: number, count: number, seed: number): Float64Array {
  if (!(dim >= 1 && dim <= SOBOL_MAX_DIM)) throw new RangeError(`scrambledSobol: dim must be 1..${SOBOL_MAX_DIM}. Value: ${dim}`);
  const rand = seededRandom(seed);
  const out = new Float64Array(count * dim);
  for (let d = 0; d < dim; d++) {
    // Lower-triangular (most significant bit first) random binary matrix with a unit diagonal:
    // output bit k is bit k XOR some of the more significant bits, which keeps the net structure.
    const rows = new Uint32Array(BITS);
    for (let k = 0; k < BITS; k++) {
      let r = (1 << (31 - k)) >>> 0;
      for (let l = 0; l < k; l++) if (rand() < 0.5) r = (r | (1 << (31 - l))) >>> 0;
      rows[k] = r;
    }
    const scramble = (v: number): number => {
      let x = 0;
      for (let k = 0; k < BITS; k++) {
        let bits = (rows[k] & v) >>> 0;
        bits ^= bits >>> 16;
        bits ^= bits >>> 8;
        bits ^= bits >>> 4;
        bits ^= bits >>> 2;
        bits ^= bits >>> 1;
        if (bits & 1) x = (x | (1 << (31 - k))) >>> 0;
      }
      return x;
    };
    const v = Uint32Array.from(DIRECTIONS[d], scramble);
    let x = Math.floor(rand() * 4294967296) >>> 0; // digital shift
    for (let i = 0; i < count; i++) {
      out[i * dim + d] = (x + 0.5) / 4294967296;
      let c = 0;
      while ((i >>> c) & 1) c++; // Gray-code order: flip the lowest zero bit of i
      x = (x ^ v[c]) >>> 0;
    }
  }
  return out;
}
