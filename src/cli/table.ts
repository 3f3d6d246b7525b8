/** Fixed-width text tables and number formatting for the terminal. */

export function fmt(x: number, digits = 6): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e6) return String(Number(x.toPrecision(digits)));
  return x.toExponential(digits - 1);
}

/** Columns right-aligned when every cell in them looks numeric. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max([...h].length, ...rows.map((r) => [...(r[c] ?? '')].length)));
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((r) => /^[-+]?(\d|NaN|Inf)/.test(r[c] ?? '')));
  const line = (cells: string[]) =>
    cells.map((cell, c) => {
      const pad = ' '.repeat(Math.max(0, widths[c] - [...cell].length));
      return numeric[c] ? pad + cell : cell + pad;
    }).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
