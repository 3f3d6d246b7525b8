/**
 * "Did you mean …?" for misspelt ids. A leaf module with no dependencies, so the code that only
 * runs a compiled model (define, toProblem, steady state) never loads the compiler or mathjs.
 */

/** "; did you mean 'x'?" for the closest candidate within a small edit distance, else "". */
export function suggest(name: string, candidates: readonly string[]): string {
  let best = '';
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  const limit = Math.max(1, Math.floor(name.length / 3));
  if (best && bestDistance <= limit) return `; did you mean '${best}'?`;
  // A declared id with something appended or cut off ('Km_xCT_typo', 'Km_x') is also a likely typo.
  for (const c of candidates) {
    if (c.length >= 3 && name.length >= 3 && (name.startsWith(c) || c.startsWith(name))) return `; did you mean '${c}'?`;
  }
  return '';
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1]!;
}
