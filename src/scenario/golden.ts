/**
 * Golden comparison: a point passes when |golden − new| ≤ atol + rtol·|golden| (the rule of the
 * SBML test suite). Tables are the CSVs of `run` (rows by time) and `sweep` (rows by point).
 */
import { parseCsv, parseNumber, type CsvTable } from './csv.ts';

export interface GoldenDiff {
  scenario: string;
  /** Column header, e.g. "GSH [µM]". */
  output: string;
  /** Row key: "t = 24 h" or "point 17 (erastin = 1.2)". */
  at: string;
  golden: number | string;
  fresh: number | string;
  allowed: number;
}

export interface GoldenComparison {
  diffs: GoldenDiff[];
  /** Shape problems: missing columns, different times or grid. */
  problems: string[];
  /** Values compared. */
  compared: number;
}

function rowKey(header: string[], row: string[]): string {
  if (header[0] === 'point') {
    const axes = header.slice(1, -2).map((h, i) => `${h.replace(/ \[.*\]$/, '')} = ${row[i + 1]}`);
    return `point ${row[0]} (${axes.join(', ')})`;
  }
  return `t = ${row[0]} h`;
}

export function compareTables(scenario: string, golden: CsvTable, fresh: CsvTable, tol: { rtol: number; atol: number }): GoldenComparison {
  const diffs: GoldenDiff[] = [];
  const problems: string[] = [];
  let compared = 0;
  const gCols = golden.header;
  const fCols = fresh.header;
  for (const h of gCols) if (!fCols.includes(h)) problems.push(`column '${h}' is in the golden file but not in the new output`);
  for (const h of fCols) if (!gCols.includes(h)) problems.push(`column '${h}' is new (not in the golden file)`);
  if (golden.rows.length !== fresh.rows.length) {
    problems.push(`the golden file has ${golden.rows.length} rows, the new output ${fresh.rows.length}`);
  }
  const rows = Math.min(golden.rows.length, fresh.rows.length);
  // A row with the wrong number of fields (a golden file cut mid-row, a stray comma) is reported
  // with its line and left out of the comparison.
  const broken = new Set<number>();
  for (const [which, t] of [['golden file', golden], ['new output', fresh]] as const) {
    t.rows.forEach((row, r) => {
      if (row.length === t.header.length) return;
      broken.add(r);
      problems.push(`the ${which}${t.rowLines ? ` line ${t.rowLines[r]}` : ''} (row ${r + 1}) has ${row.length} of ${t.header.length} columns: it is cut off or damaged`);
    });
  }
  for (let c = 0; c < gCols.length; c++) {
    const fc = fCols.indexOf(gCols[c]);
    if (fc < 0) continue;
    for (let r = 0; r < rows; r++) {
      if (broken.has(r)) continue;
      const gs = golden.rows[r][c];
      const fs = fresh.rows[r][fc];
      const g = parseNumber(gs);
      const f = parseNumber(fs);
      if (Number.isNaN(g) && !/^NaN$/.test(gs ?? '')) {
        // A text column (sweep status): must match exactly.
        if (gs !== fs) diffs.push({ scenario, output: gCols[c], at: rowKey(gCols, golden.rows[r]), golden: gs, fresh: fs, allowed: 0 });
        continue;
      }
      compared++;
      const allowed = tol.atol + tol.rtol * Math.abs(g);
      const same = (Number.isNaN(g) && Number.isNaN(f)) || Math.abs(g - f) <= allowed || g === f;
      if (!same) diffs.push({ scenario, output: gCols[c], at: rowKey(gCols, golden.rows[r]), golden: g, fresh: f, allowed });
    }
  }
  return { diffs, problems, compared };
}

export function compareCsv(scenario: string, goldenText: string, freshText: string, tol: { rtol: number; atol: number }): GoldenComparison {
  return compareTables(scenario, parseCsv(goldenText), parseCsv(freshText), tol);
}

export interface ColumnChange {
  output: string;
  /** Points whose value changed at all (bitwise). */
  changed: number;
  total: number;
  maxAbs: number;
  maxRel: number;
}

/** What a golden rewrite changes, per column (for `ferrosim golden`). */
export function summariseChanges(oldText: string, newText: string): { columns: ColumnChange[]; problems: string[] } {
  const a = parseCsv(oldText);
  const b = parseCsv(newText);
  const cmp = compareTables('', a, b, { rtol: 0, atol: 0 });
  const columns: ColumnChange[] = [];
  const rows = Math.min(a.rows.length, b.rows.length);
  for (let c = 0; c < b.header.length; c++) {
    const ac = a.header.indexOf(b.header[c]);
    if (ac < 0) continue;
    let changed = 0;
    let maxAbs = 0;
    let maxRel = 0;
    for (let r = 0; r < rows; r++) {
      const x = parseNumber(a.rows[r][ac] ?? '');
      const y = parseNumber(b.rows[r][c] ?? '');
      if (a.rows[r][ac] === b.rows[r][c]) continue;
      changed++;
      const d = Math.abs(x - y);
      if (Number.isFinite(d)) {
        maxAbs = Math.max(maxAbs, d);
        if (x !== 0) maxRel = Math.max(maxRel, d / Math.abs(x));
      } else {
        maxAbs = NaN;
      }
    }
    if (changed > 0) columns.push({ output: b.header[c], changed, total: rows, maxAbs, maxRel });
  }
  return { columns, problems: cmp.problems };
}
