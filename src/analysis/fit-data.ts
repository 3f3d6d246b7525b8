/**
 * Calibration data for `fit:` blocks, from CSV text (browser-safe: the caller reads the file).
 * First column `time [h]` (a time course) or a sweep axis with its unit (`erastin [µM]`: a
 * dose-response read out as the sweep's readout), then one column per output `<id> [unit]`, and
 * optionally `<id> sd [unit]` with its standard deviation. `#` lines are comments; an empty cell is
 * a missing value. Bad input throws a FitDataError naming the file, line and column.
 */
import type { Scenario } from '../scenario/types.ts';

export class FitDataError extends Error {
  override readonly name = 'FitDataError';
  constructor(readonly file: string, readonly line: number, message: string, readonly hint?: string) {
    super(`${file}:${line}: ${message}${hint ? ` (${hint})` : ''}`);
  }
}

export interface FitSeries {
  output: string;
  unit: string;
  /** Per x: the value and its sd (NaN sd: use the default relative sd). NaN value: missing. */
  values: Float64Array;
  sd: Float64Array;
}

export interface FitData {
  /** 'time' or the sweep axis id. */
  x: string;
  xUnit: string;
  xs: Float64Array;
  series: FitSeries[];
  file: string;
}

const HEADER = /^\s*(.*?)\s*\[(.*)\]\s*$/;

export function parseFitData(text: string, file: string, scenario: Scenario, outputs: readonly string[], unitOf: (id: string) => string): FitData {
  const lines = text.split(/\r?\n/);
  let headerLine = -1;
  for (let i = 0; i < lines.length; i++) if (lines[i].trim() !== '' && !lines[i].startsWith('#')) { headerLine = i; break; }
  if (headerLine < 0) throw new FitDataError(file, 1, 'the data file has no header row', 'first row: time [h] (or the sweep axis), then one column per output with its unit');
  const header = lines[headerLine].split(',').map((h) => h.trim());
  const cols = header.map((h) => {
    const m = HEADER.exec(h);
    if (!m) throw new FitDataError(file, headerLine + 1, `column '${h}' has no unit`, 'write it as `id [unit]`, e.g. `GSH [µM]` or `time [h]`');
    return { name: m[1], unit: m[2] };
  });
  const x = cols[0].name;
  const axes = scenario.sweep?.axes.map((a) => a.id) ?? [];
  if (x !== 'time' && !axes.includes(x)) {
    throw new FitDataError(file, headerLine + 1, `first column '${x}' is neither time nor an axis of the scenario's sweep`, axes.length ? `valid: time, ${axes.join(', ')}` : 'valid: time');
  }
  if (x === 'time' && cols[0].unit !== 'h') throw new FitDataError(file, headerLine + 1, `time must be in h (got [${cols[0].unit}])`);
  if (x !== 'time' && unitOf(x) && cols[0].unit !== unitOf(x)) throw new FitDataError(file, headerLine + 1, `${x} is in ${unitOf(x)} (got [${cols[0].unit}])`);
  const valid = x === 'time' ? outputs : [scenario.sweep!.readout.output];
  const series: FitSeries[] = [];
  const sdOf = new Map<string, number>();
  for (let c = 1; c < cols.length; c++) {
    const { name, unit } = cols[c];
    const sd = / sd$/.exec(name);
    const id = sd ? name.slice(0, -3) : name;
    if (!valid.includes(id)) throw new FitDataError(file, headerLine + 1, `column '${header[c]}': unknown output '${id}'`, `valid: ${valid.join(', ')}`);
    if (unitOf(id) && unit !== unitOf(id)) throw new FitDataError(file, headerLine + 1, `column '${header[c]}': ${id} is in ${unitOf(id)} (got [${unit}])`);
    if (sd) sdOf.set(id, c);
    else series.push({ output: id, unit, values: new Float64Array(0), sd: new Float64Array(0) });
  }
  for (const id of sdOf.keys()) if (!series.some((s) => s.output === id)) throw new FitDataError(file, headerLine + 1, `'${id} sd' has no '${id}' column`);
  const xs: number[] = [];
  const vals = series.map(() => [] as number[]);
  const sds = series.map(() => [] as number[]);
  const num = (cell: string, line: number, col: number, what: string): number => {
    if (cell.trim() === '') return NaN;
    const v = Number(cell);
    if (!Number.isFinite(v)) throw new FitDataError(file, line, `column ${col + 1} (${what}): '${cell}' is not a number`);
    return v;
  };
  for (let i = headerLine + 1; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const cells = raw.split(',');
    if (cells.length !== header.length) throw new FitDataError(file, i + 1, `${cells.length} cells, the header has ${header.length}`);
    const xv = num(cells[0], i + 1, 0, header[0]);
    if (!Number.isFinite(xv) || xv < 0) throw new FitDataError(file, i + 1, `${header[0]} must be a number ≥ 0 (got '${cells[0]}')`);
    if (xs.length > 0 && !(xv > xs[xs.length - 1])) throw new FitDataError(file, i + 1, `${header[0]} must increase from row to row (${xv} after ${xs[xs.length - 1]})`);
    if (x === 'time' && xv > scenario.end) throw new FitDataError(file, i + 1, `time ${xv} h is after the scenario's time.end = ${scenario.end} h`);
    xs.push(xv);
    series.forEach((s, k) => {
      const c = header.indexOf(`${s.output} [${s.unit}]`);
      vals[k].push(num(cells[c], i + 1, c, header[c]));
      const sc = sdOf.get(s.output);
      const sdv = sc === undefined ? NaN : num(cells[sc], i + 1, sc, header[sc]);
      if (sc !== undefined && Number.isFinite(sdv) && !(sdv > 0)) throw new FitDataError(file, i + 1, `${header[sc]} must be > 0 (got ${sdv})`);
      sds[k].push(sdv);
    });
  }
  if (xs.length === 0) throw new FitDataError(file, headerLine + 2, 'the data file has no data rows');
  series.forEach((s, k) => {
    s.values = Float64Array.from(vals[k]);
    s.sd = Float64Array.from(sds[k]);
  });
  return { x, xUnit: cols[0].unit, xs: Float64Array.from(xs), series, file };
}
