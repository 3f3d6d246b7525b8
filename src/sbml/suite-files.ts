/**
 * The SBML Test Suite's case files (see ../shared/sbml-semantic/README.md): the settings file, the
 * results CSV, and the suite's comparison rule |expected − actual| ≤ absolute + relative·|expected|.
 */
import { SbmlError } from './xml.ts';

export interface CaseSettings {
  start: number;
  duration: number;
  steps: number;
  variables: string[];
  absolute: number;
  relative: number;
  amount: Set<string>;
  concentration: Set<string>;
}

export function parseSettings(text: string, file: string): CaseSettings {
  const fields = new Map<string, string>();
  text.split(/\r?\n/).forEach((line) => {
    const m = /^\s*([A-Za-z]+)\s*:(.*)$/.exec(line);
    if (m) fields.set(m[1], m[2].trim());
  });
  const number = (key: string): number => {
    const raw = fields.get(key);
    const v = Number(raw);
    if (raw === undefined || raw === '' || !Number.isFinite(v)) throw new SbmlError(`${file}: '${key}' must be a number, got '${raw ?? '(missing)'}'`);
    return v;
  };
  const list = (key: string): string[] => (fields.get(key) ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  const steps = number('steps');
  if (!Number.isInteger(steps) || steps < 1) throw new SbmlError(`${file}: 'steps' must be a positive integer, got ${steps}`);
  return {
    start: number('start'),
    duration: number('duration'),
    steps,
    variables: list('variables'),
    absolute: number('absolute'),
    relative: number('relative'),
    amount: new Set(list('amount')),
    concentration: new Set(list('concentration')),
  };
}

export interface ResultTable {
  /** Column names after `time`, as in the header. */
  columns: string[];
  times: number[];
  /** rows[i][j]: row i, column j (after time). */
  rows: number[][];
}

/** Parses NaN, INF and -INF case-insensitively, as the suite writes non-finite values. */
function parseValue(s: string): number {
  const t = s.trim().toLowerCase();
  if (t === 'nan') return NaN;
  if (t === 'inf' || t === '+inf' || t === 'infinity') return Infinity;
  if (t === '-inf' || t === '-infinity') return -Infinity;
  return t === '' ? NaN : Number(t);
}

export function parseResults(text: string, file: string): ResultTable {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2) throw new SbmlError(`${file}: expected a header and at least one row`);
  const header = lines[0].split(',').map((s) => s.trim());
  if (header[0].toLowerCase() !== 'time') throw new SbmlError(`${file}: the first column must be 'time', got '${header[0]}'`);
  const times: number[] = [];
  const rows: number[][] = [];
  lines.slice(1).forEach((line, k) => {
    const cells = line.split(',').map(parseValue);
    if (cells.length !== header.length) throw new SbmlError(`${file}:${k + 2}: expected ${header.length} values, got ${cells.length}`);
    times.push(cells[0]);
    rows.push(cells.slice(1));
  });
  return { columns: header.slice(1), times, rows };
}

/** The suite's point test, including its rules for NaN and infinities. */
export function pointPasses(expected: number, actual: number, absolute: number, relative: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  if (!Number.isFinite(actual)) return false;
  return Math.abs(expected - actual) <= absolute + relative * Math.abs(expected);
}

export interface WorstPoint {
  time: number;
  column: string;
  expected: number;
  actual: number;
  /** |expected − actual| / (absolute + relative·|expected|); > 1 fails. */
  ratio: number;
}

export interface Comparison {
  pass: boolean;
  failedPoints: number;
  worst: WorstPoint | null;
}

/** Compares `actual[i][j]` (rows at the expected times, columns in `expected.columns` order). */
export function compareResults(expected: ResultTable, actual: ArrayLike<number>[], absolute: number, relative: number): Comparison {
  let failedPoints = 0;
  let worst: WorstPoint | null = null;
  for (let i = 0; i < expected.rows.length; i++) {
    for (let j = 0; j < expected.columns.length; j++) {
      const e = expected.rows[i][j];
      const a = actual[i][j];
      const ok = pointPasses(e, a, absolute, relative);
      if (!ok) failedPoints++;
      const ratio = ok ? (Number.isFinite(e) ? Math.abs(e - a) / (absolute + relative * Math.abs(e)) : 0) : Number.isFinite(a) && Number.isFinite(e) ? Math.abs(e - a) / (absolute + relative * Math.abs(e)) : Infinity;
      if (worst === null || ratio > worst.ratio) worst = { time: expected.times[i], column: expected.columns[j], expected: e, actual: a, ratio };
    }
  }
  return { pass: failedPoints === 0, failedPoints, worst };
}
