/** Wording of scenario errors: located messages and did-you-mean suggestions. */
import type { ScenarioError } from './types.ts';

/** "unknown input 'erastn' at erastin-sweep.yaml:12:5; did you mean 'erastin'?" */
export function formatScenarioError(e: ScenarioError): string {
  const where = e.line > 0 ? `${e.file}:${e.line}:${e.column}` : e.file;
  return `${e.message} at ${where}${e.hint ? `; ${e.hint}` : ''}`;
}

function levenshtein(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    prev = cur;
  }
  return prev[n];
}

/** The closest valid ids to `word` (case-insensitive edit distance), best first. */
export function closestIds(word: string, valid: readonly string[], max = 3): string[] {
  const w = word.toLowerCase();
  const limit = Math.max(2, Math.floor(word.length / 3));
  return valid
    .map((id) => {
      const l = id.toLowerCase();
      // A prefix match ("ifn" for "IFNG") counts as close too.
      const d = l.startsWith(w) || w.startsWith(l) ? Math.min(levenshtein(w, l), 1) : levenshtein(w, l);
      return { id, d };
    })
    .filter((c) => c.d <= limit)
    .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
    // Only the best distance: 'ouputs' suggests 'outputs', not also 'inputs'.
    .filter((c, _i, all) => c.d === all[0].d)
    .slice(0, max)
    .map((c) => c.id);
}

/** "did you mean 'erastin'?" when something is close, else the list of valid ids. */
export function suggestion(word: string, valid: readonly string[]): string {
  const close = closestIds(word, valid);
  if (close.length === 1) return `did you mean '${close[0]}'?`;
  if (close.length > 1) return `did you mean ${close.map((c) => `'${c}'`).join(' or ')}?`;
  const shown = valid.slice(0, 40).join(', ');
  return valid.length === 0 ? 'there are none' : `valid: ${shown}${valid.length > 40 ? `, … (${valid.length} in all)` : ''}`;
}
