/**
 * CSV forms of results. Numbers are written with JavaScript's shortest round-trip representation,
 * so parsing a file gives back exactly the Float64 values that were computed. Lines starting with
 * `#` carry the reproducibility stamp.
 */
import type { ScenarioResult } from './run.ts';

export interface Stamp {
  ferrosim: string;
  commit: string;
  model: string;
  modelHash: string;
  scenario: string;
  scenarioHash: string;
  method: string;
  rtol: number;
  atol: number;
  node: string;
  /** What a `population:` block makes of the outputs (populationLabel); absent for one average cell. */
  population?: string;
  /** For a model read from a file (`model: ./x.xml`): the file as named and its content hash. */
  modelFile?: { file: string; hash: string };
}

export function stampLines(stamp: Stamp): string[] {
  return [
    `# ferrosim ${stamp.ferrosim} (commit ${stamp.commit || 'unknown'}), node ${stamp.node}`,
    `# model ${stamp.model} ${stamp.modelHash}; scenario ${stamp.scenario} ${stamp.scenarioHash}`,
    `# solver ${stamp.method}, rtol ${stamp.rtol.toExponential()}, atol ${stamp.atol.toExponential()}`,
    ...(stamp.population ? [`# population: ${stamp.population}`] : []),
    ...(stamp.modelFile ? [`# model file ${stamp.modelFile.file} (content ${stamp.modelFile.hash})`] : []),
  ];
}

export function unitLabel(unit: string): string {
  return unit === '' ? '1' : unit;
}

export function columnHeader(id: string, unit: string): string {
  return `${id} [${unitLabel(unit)}]`;
}

/** Shortest round-trip form; NaN and ±Infinity spelled so they parse back. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Inf';
  if (x === -Infinity) return '-Inf';
  return String(x);
}

export function parseNumber(s: string): number {
  const t = s.trim();
  if (t === 'NaN') return NaN;
  if (t === 'Inf') return Infinity;
  if (t === '-Inf') return -Infinity;
  if (t === '') return NaN;
  return Number(t);
}

function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Wide form: `time [h],GSH [µM],…`, one row per output time. */
export function resultToWideCsv(result: ScenarioResult, stamp?: Stamp): string {
  const lines = stamp ? stampLines(stamp) : [];
  if (result.status !== 'success') lines.push(`# status ${result.status}: ${result.message.replace(/\n/g, ' ')}`);
  lines.push([`time [${result.timeUnit ?? 'h'}]`, ...result.outputs.map((o) => columnHeader(o.id, o.unit))].map(csvField).join(','));
  for (let r = 0; r < result.times.length; r++) {
    const row = [formatNumber(result.times[r])];
    for (const o of result.outputs) row.push(formatNumber(o.values[r]));
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Long form: `time [h],output,unit,value`, one row per output and time. */
export function resultToLongCsv(result: ScenarioResult, stamp?: Stamp): string {
  const lines = stamp ? stampLines(stamp) : [];
  if (result.status !== 'success') lines.push(`# status ${result.status}: ${result.message.replace(/\n/g, ' ')}`);
  lines.push(`time [${result.timeUnit ?? 'h'}],output,unit,value`);
  for (const o of result.outputs) {
    for (let r = 0; r < result.times.length; r++) {
      lines.push([formatNumber(result.times[r]), csvField(o.id), csvField(unitLabel(o.unit)), formatNumber(o.values[r])].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

export interface CsvTable {
  comments: string[];
  header: string[];
  rows: string[][];
  /** 1-based line number of each row in the text (for located messages). */
  rowLines?: number[];
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Parses a CSV written by this module (comments, one header row, data rows). */
export function parseCsv(text: string): CsvTable {
  const comments: string[] = [];
  let header: string[] | null = null;
  const rows: string[][] = [];
  const rowLines: number[] = [];
  let lineNo = 0;
  for (const raw of text.split(/\r?\n/)) {
    lineNo++;
    if (raw === '') continue;
    if (raw.startsWith('#')) {
      comments.push(raw);
      continue;
    }
    const fields = splitCsvLine(raw);
    if (!header) header = fields;
    else {
      rows.push(fields);
      rowLines.push(lineNo);
    }
  }
  return { comments, header: header ?? [], rows, rowLines };
}

/** Splits "GSH [µM]" into id and unit. */
export function splitHeader(h: string): { id: string; unit: string } {
  const m = /^(.*?) \[(.*)\]$/.exec(h);
  return m ? { id: m[1], unit: m[2] } : { id: h, unit: '' };
}
