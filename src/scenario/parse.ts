/**
 * Scenario text → validated, normalised Scenario, or every problem at once with its location.
 *
 * Three passes, each reporting all it finds: YAML syntax (the `yaml` package, with a LineCounter
 * for positions), structure (the zod schema), then meaning (ordering, ranges, and ids checked
 * against the model the file names). Malformed YAML stops there; a structurally invalid file still
 * gets the id and meaning checks on its well-formed parts (`parts.ts`), so every error shows at once.
 */
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
type $ZodIssue = z.core.$ZodIssue;
import {
  AxisRangeSchema, ExpectationSchema, PopulationSchema, ReadoutSchema, ScenarioFileSchema, ScheduleEntrySchema, SolverSchema,
  TimeSchema, ToleranceSchema, type ScenarioFile,
} from './schema.ts';
import { locate, valueAt, yamlErrorPos, type PathSegment } from './positions.ts';
import { AnalysisReadoutSchema, checkFit, checkSensitivity, FitSchema, ParameterRangeSchema, SensitivitySchema } from './analysis-blocks.ts';
import { suggestion } from './errors.ts';
import { CompilerNotLoadedError } from './registry.ts';
import { convertQuantity } from './quantity.ts';
import { LIMITS } from './limits.ts';
import { partsOf, salvageParts, type ExpectationEntry, type FileParts, type SweepParts } from './parts.ts';
import {
  DEFAULT_CELLS, DEFAULT_POINTS, DEFAULT_SOLVER, DEFAULT_TOLERANCE, type Expectation, type InputSchedule, type ModelCatalog,
  type Scenario, type ScenarioError, type SweepAxis,
} from './types.ts';

export interface ParseOptions {
  /** Returns the catalogue of ids for a model name, or undefined when there is no such model. */
  resolveModel: (name: string) => ModelCatalog | undefined;
  /** Known model names, for "did you mean". */
  modelNames: readonly string[];
}

export interface ParseResult {
  scenario?: Scenario;
  errors: ScenarioError[];
}

const SCHEMA_LINE = /^#\s*yaml-language-server:\s*\$schema=/;

class Collector {
  readonly errors: ScenarioError[] = [];
  constructor(
    readonly file: string,
    readonly doc: Document,
    readonly lineCounter: LineCounter,
  ) {}
  add(path: readonly PathSegment[], message: string, hint?: string, target: 'key' | 'value' = 'value'): void {
    const pos = locate(this.doc, this.lineCounter, path, target);
    this.errors.push({ file: this.file, line: pos.line, column: pos.column, path: pathString(path), message, ...(hint ? { hint } : {}) });
  }
}

export function pathString(path: readonly PathSegment[]): string {
  return path.map(String).join('.');
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return `'${v.length > 40 ? `${v.slice(0, 40)}…` : v}'`;
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

const EXPECTED_WORDS: Record<string, string> = {
  number: 'a number', string: 'text', array: 'a list', object: 'a mapping (key: value)', int: 'an integer',
  boolean: 'true or false', tuple: 'a list',
};

/** Valid keys of the strict object at `path`, for "unknown key" hints. */
function keysAt(path: readonly PathSegment[]): string[] {
  const p = path.map(String);
  if (p.length === 0) return Object.keys(ScenarioFileSchema.shape);
  if (p[0] === 'time' && p.length === 1) return Object.keys(TimeSchema.shape);
  if (p[0] === 'solver' && p.length === 1) return Object.keys(SolverSchema.shape);
  if (p[0] === 'tolerance' && p.length === 1) return Object.keys(ToleranceSchema.shape);
  if (p[0] === 'population' && p.length === 1) return Object.keys(PopulationSchema.shape);
  if (p[0] === 'expect' && p.length === 2) return Object.keys(ExpectationSchema.shape);
  if (p[0] === 'sweep' && p[1] === 'readout') return Object.keys(ReadoutSchema.shape);
  if (p[0] === 'sweep' && p.length === 2) return Object.keys(AxisRangeSchema.shape);
  if (p[0] === 'inputs' && p.length === 3) return Object.keys(ScheduleEntrySchema.shape);
  if ((p[0] === 'sensitivity' || p[0] === 'fit') && p.length === 1) return Object.keys((p[0] === 'fit' ? FitSchema : SensitivitySchema).shape);
  if (p[0] === 'sensitivity' && p[1] === 'readout') return Object.keys(AnalysisReadoutSchema.shape);
  if ((p[0] === 'sensitivity' || p[0] === 'fit') && p[1] === 'parameters' && p.length === 3) return Object.keys(ParameterRangeSchema.shape);
  return [];
}

function fieldName(path: readonly PathSegment[]): string {
  return path.length === 0 ? 'the scenario' : pathString(path);
}

/** True when a union branch failed because the value has the wrong type altogether. */
function typeMismatch(branch: readonly $ZodIssue[]): boolean {
  return branch.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || (i.code === 'invalid_union' && i.errors.every(typeMismatch))));
}

/** The types a (possibly nested) union branch would have accepted. */
function expectedTypes(branch: readonly $ZodIssue[]): string[] {
  return branch.flatMap((i) => {
    if (i.path.length !== 0) return [];
    if (i.code === 'invalid_type') return [i.expected as string];
    if (i.code === 'invalid_union') return i.errors.flatMap(expectedTypes);
    return [];
  });
}

function reportIssue(c: Collector, data: unknown, issue: $ZodIssue, prefix: readonly PathSegment[] = []): void {
  const path = [...prefix, ...(issue.path as PathSegment[])];
  const value = valueAt(data, path);
  const field = fieldName(path);
  switch (issue.code) {
    case 'unrecognized_keys':
      for (const key of issue.keys) {
        const where = path.length === 0 ? 'at the top level' : `in ${pathString(path)}`;
        c.add([...path, key], `unknown key '${key}' ${where}`, suggestion(key, keysAt(path)), 'key');
      }
      return;
    case 'invalid_type': {
      const expected = EXPECTED_WORDS[issue.expected] ?? issue.expected;
      if (value === undefined) c.add(path.slice(0, -1), `missing ${field}: expected ${expected}`);
      else c.add(path, `${field} must be ${expected} (got ${describeValue(value)})`);
      return;
    }
    case 'invalid_union': {
      // Follow the branch that matches the value's shape (a list vs a mapping vs a number).
      const fitting = issue.errors.filter((branch) => !typeMismatch(branch));
      if (fitting.length === 1) {
        for (const sub of fitting[0]) reportIssue(c, data, sub, path);
        return;
      }
      const expected = issue.errors.flatMap(expectedTypes).map((e) => EXPECTED_WORDS[e] ?? e);
      c.add(path, `${field} must be ${[...new Set(expected)].join(' or ')} (got ${describeValue(value)})`);
      return;
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      c.add(path, `${field} must be one of ${options.map((o) => `'${o}'`).join(', ')} (got ${describeValue(value)})`,
        typeof value === 'string' ? suggestion(value, options) : undefined);
      return;
    }
    case 'too_small':
    case 'too_big': {
      const custom = !/^Too (small|big)/.test(issue.message);
      const bound = issue.code === 'too_small'
        ? `${issue.inclusive ? '≥' : '>'} ${issue.minimum}` : `${issue.inclusive ? '≤' : '<'} ${issue.maximum}`;
      const msg = custom
        ? issue.message
        : Array.isArray(value) ? `${field} needs ${issue.code === 'too_small' ? 'at least' : 'at most'} ${issue.code === 'too_small' ? issue.minimum : issue.maximum} entries`
          : `${field} must be ${bound}`;
      c.add(path, `${custom ? `${field}: ${msg}` : msg} (got ${Array.isArray(value) ? `${value.length} entries` : describeValue(value)})`);
      return;
    }
    default:
      c.add(path, `${field}: ${issue.message}`);
  }
}

function linspace(a: number, b: number, n: number): number[] {
  // Endpoints exact; interior points by a + (b − a)·i/(n − 1), so the grid is reproducible.
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? b : a + ((b - a) * i) / (n - 1)));
}

function logspace(a: number, b: number, n: number): number[] {
  const la = Math.log10(a);
  const lb = Math.log10(b);
  return Array.from({ length: n }, (_, i) => (i === 0 ? a : i === n - 1 ? b : Math.pow(10, la + ((lb - la) * i) / (n - 1))));
}

/** Parses and validates scenario text. `fileName` is used in messages only. */
export function parseScenarioWith(text: string, fileName: string, options: ParseOptions): ParseResult {
  const lineCounter = new LineCounter();
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const c = new Collector(fileName, doc, lineCounter);

  for (const err of doc.errors) {
    const pos = yamlErrorPos(source, err, lineCounter);
    const first = err.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
    c.errors.push({ file: fileName, line: pos.line, column: pos.column, path: '', message: `malformed YAML: ${first}` });
  }
  if (c.errors.length > 0) return { errors: c.errors };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: LIMITS.yamlAliases });
  } catch (e) {
    // An alias bomb (a billion laughs): refuse it before it expands, naming the limit.
    const alias = /alias/i.test((e as Error).message);
    c.errors.push({
      file: fileName, line: 1, column: 1, path: '',
      message: alias
        ? `the YAML aliases (*name) in this file expand too far (limit: ${LIMITS.yamlAliases} alias uses per node tree); write the values out instead`
        : `malformed YAML: ${(e as Error).message.split('\n')[0]}`,
    });
    return { errors: c.errors };
  }
  if (data == null || typeof data !== 'object' || Array.isArray(data)) {
    c.errors.push({
      file: fileName, line: data == null ? 0 : 1, column: data == null ? 0 : 1, path: '',
      message: data == null ? 'the scenario file is empty' : `a scenario must be a mapping (key: value), got ${describeValue(data)}`,
    });
    return { errors: c.errors };
  }

  const raw = data as Record<string, unknown>;
  if (raw.parameters != null && typeof raw.parameters === 'object' && !Array.isArray(raw.parameters)) {
    for (const [id, v] of Object.entries(raw.parameters)) if (typeof v === 'number') withinMagnitude(c, ['parameters', id], v);
  }
  const modelName = raw.model === undefined ? 'ferroptosis' : typeof raw.model === 'string' ? raw.model : undefined;
  // A resolver that loads model files throws when the file cannot be used; its message says why.
  let model: ModelCatalog | undefined;
  let modelProblem: string | undefined;
  try {
    model = modelName === undefined ? undefined : options.resolveModel(modelName);
  } catch (e) {
    if (e instanceof CompilerNotLoadedError) throw e; // the caller loads the compiler and parses again
    modelProblem = (e as Error).message;
  }
  if (modelProblem !== undefined) c.add(['model'], modelProblem);
  else if (modelName !== undefined && !model) {
    c.add(['model'], `unknown model '${modelName}'`, `${suggestion(modelName, options.modelNames)} A model can also be a path to an SBML file (.xml, .sbml) or a model file (.model.yaml)`);
  }
  // Ids and meaning are checked on whatever is well-formed, so a structural error does not hide
  // an unknown id or an unsorted schedule elsewhere in the file.
  if (model) checkIds(c, raw, model);

  const parsed = ScenarioFileSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) reportIssue(c, data, issue);
    checkMeaning(c, salvageParts(raw), model);
    return { errors: sortErrors(dedupe(c.errors)) };
  }
  const f = parsed.data;
  const meaning = checkMeaning(c, partsOf(f), model);
  const add = (path: PathSegment[], message: string, hint?: string) => c.add(path, message, hint);
  const outputs = outputIdsOf(model);
  const sensitivity = f.sensitivity ? checkSensitivity(add, f.sensitivity, model, meaning, outputs) : undefined;
  const fit = f.fit ? checkFit(add, f.fit, model) : undefined;
  if (c.errors.length > 0) return { errors: sortErrors(dedupe(c.errors)) };
  const scenario = toScenario(f, meaning, modelName!, outputs, c.file);
  return { scenario: { ...scenario, ...(sensitivity ? { sensitivity } : {}), ...(fit ? { fit } : {}) }, errors: [] };
}

function dedupe(errors: ScenarioError[]): ScenarioError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.line}:${e.column}:${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function sortErrors(errors: ScenarioError[]): ScenarioError[] {
  return errors.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Species, then observables that are not also species. */
function outputIdsOf(model: ModelCatalog | undefined): string[] {
  const species = model?.speciesIds ?? [];
  return [...species, ...(model?.observableIds ?? []).filter((o) => !species.includes(o))];
}

/** Unknown-id checks on the raw data, wherever its shape allows, for valid and invalid files alike. */
function checkIds(c: Collector, raw: Record<string, unknown>, model: ModelCatalog): void {
  const outputs = outputIdsOf(model);
  const isMap = (v: unknown): v is Record<string, unknown> => v != null && typeof v === 'object' && !Array.isArray(v);
  const keys = (field: string, valid: readonly string[], what: string) => {
    const v = raw[field];
    if (!isMap(v)) return;
    for (const id of Object.keys(v)) if (!valid.includes(id)) c.add([field, id], `unknown ${what} '${id}'`, suggestion(id, valid), 'key');
  };
  keys('inputs', model.inputIds, 'input');
  keys('parameters', model.parameterIds, 'parameter');
  keys('initial', model.speciesIds, 'species');
  const population = raw.population;
  if (isMap(population) && typeof population.parameter === 'string' && !model.parameterIds.includes(population.parameter)) {
    c.add(['population', 'parameter'], `unknown parameter '${population.parameter}'`, suggestion(population.parameter, model.parameterIds));
  }
  const out = (path: PathSegment[], v: unknown) => {
    if (typeof v === 'string' && !outputs.includes(v)) c.add(path, `unknown output '${v}'`, suggestion(v, outputs));
  };
  if (Array.isArray(raw.outputs)) raw.outputs.forEach((v, i) => out(['outputs', i], v));
  if (Array.isArray(raw.expect)) raw.expect.forEach((e, i) => isMap(e) && out(['expect', i, 'output'], e.output));
  if (isMap(raw.sweep)) {
    const axes = [...model.inputIds, ...model.parameterIds];
    for (const id of Object.keys(raw.sweep)) {
      if (id !== 'readout' && !axes.includes(id)) {
        c.add(['sweep', id], `unknown sweep axis '${id}' (not an input or parameter)`, suggestion(id, axes), 'key');
      }
    }
    if (isMap(raw.sweep.readout)) out(['sweep', 'readout', 'output'], raw.sweep.readout.output);
  }
}

/** What the meaning checks derive from the file; complete only when the file is valid. */
interface Meaning {
  end: number;
  times: number[];
  timeSpec?: Scenario['timeSpec'];
  initial: Record<string, number>;
  inputs: Record<string, InputSchedule>;
  constantInputs: string[];
  sweep?: Scenario['sweep'];
  expect: Expectation[];
}

/**
 * Ordering and ranges, on the parts of the file that are well-formed (all of it when the file is
 * valid). A missing part is skipped without a message: the structural pass has reported it.
 */
function checkMeaning(c: Collector, f: FileParts, model: ModelCatalog | undefined): Meaning {
  const time = f.time ? checkTime(c, f.time) : { end: NaN, times: [] };
  const end = time.end;

  const species = model?.speciesIds ?? [];
  const inputIds = model?.inputIds ?? [];
  const parameterIds = model?.parameterIds ?? [];

  /** A number as written, or text with a unit converted to the id's unit; NaN after an error. */
  const amount = (path: PathSegment[], v: number | string, kind: 'inputs' | 'species', id: string): number => {
    if (typeof v === 'number') return withinMagnitude(c, path, v);
    const unit = model?.definition?.[kind]?.[id]?.unit;
    if (unit === undefined) {
      const known = kind === 'inputs' ? inputIds.includes(id) : species.includes(id);
      if (model && known) c.add(path, `${pathString(path)}: cannot convert '${v}': the unit of '${id}' is not known`, 'write a plain number');
      return NaN;
    }
    const r = convertQuantity(v, unit);
    if ('error' in r) {
      c.add(path, `${pathString(path)}: ${r.error}`, r.hint);
      return NaN;
    }
    if (!(r.value >= 0)) c.add(path, `${pathString(path)}: a dose or concentration must be ≥ 0 (got '${v}')`);
    return withinMagnitude(c, path, r.value, v);
  };
  const initial: Record<string, number> = {};
  for (const [id, v] of Object.entries(f.initial ?? {})) initial[id] = amount(['initial', id], v, 'species', id);

  // Inputs and schedules.
  const inputs: Record<string, InputSchedule> = {};
  const constantInputs: string[] = [];
  for (const [id, v] of Object.entries(f.inputs ?? {})) {
    if (!Array.isArray(v)) {
      inputs[id] = [{ at: 0, value: amount(['inputs', id], v, 'inputs', id) }];
      constantInputs.push(id);
      continue;
    }
    for (let i = 1; i < v.length; i++) {
      const [prev, at] = [v[i - 1].at, v[i].at];
      if (prev === undefined || at === undefined) continue;
      if (at === prev) c.add(['inputs', id, i, 'at'], `duplicated schedule time ${at} h for input '${id}'`);
      else if (at < prev) c.add(['inputs', id, i, 'at'], `schedule for input '${id}' is not sorted: ${at} h comes after ${prev} h`);
    }
    v.forEach((s, i) => {
      if (s.at !== undefined && Number.isFinite(end) && s.at > end) {
        c.add(['inputs', id, i, 'at'], `schedule entry at ${s.at} h for input '${id}' is after time.end = ${end} h, so it would never take effect`,
          'remove it, or extend time.end');
      }
    });
    inputs[id] = v.map((s, i) => ({
      at: s.at ?? NaN, value: s.value === undefined ? NaN : amount(['inputs', id, i, 'value'], s.value, 'inputs', id),
    }));
  }

  const seen = new Set<string>();
  (f.outputs ?? []).forEach((id, i) => {
    if (seen.has(id)) c.add(['outputs', i], `output '${id}' is listed twice`);
    seen.add(id);
  });

  const sweep = f.sweep ? checkSweep(c, f.sweep, end, inputIds, parameterIds) : undefined;
  const expect = f.expect ? checkExpectations(c, f.expect, sweep, end) : [];
  return { ...time, initial, inputs, constantInputs, ...(sweep ? { sweep } : {}), expect };
}

/** Refuses a number beyond ±LIMITS.magnitude (1e300 overflows the model's arithmetic to Inf). */
function withinMagnitude(c: Collector, path: PathSegment[], value: number, written: number | string = value): number {
  if (Math.abs(value) > LIMITS.magnitude) {
    c.add(path, `${pathString(path)} is ${written}; numbers in a scenario are limited to ±${LIMITS.magnitude.toExponential()}`);
    return NaN;
  }
  return value;
}

function checkTime(c: Collector, t: ScenarioFile['time']): { end: number; times: number[]; timeSpec: Scenario['timeSpec'] } {
  let end = t.end ?? NaN;
  if (t.at) {
    if (t.points !== undefined) c.add(['time', 'points'], 'time: give either `points` or `at`, not both');
    for (let i = 1; i < t.at.length; i++) {
      if (!(t.at[i] > t.at[i - 1])) {
        c.add(['time', 'at', i], `time.at must be strictly increasing (${t.at[i]} after ${t.at[i - 1]})`);
      }
    }
    if (!Number.isFinite(end)) end = t.at[t.at.length - 1];
    if (!(end > 0)) c.add(['time', 'at'], 'time.at must reach beyond t = 0 (the simulation end must be > 0)');
    for (let i = 0; i < t.at.length; i++) {
      if (t.at[i] > end) c.add(['time', 'at', i], `output time ${t.at[i]} h is after time.end = ${end} h`);
    }
    const times = [...t.at];
    return { end, times, timeSpec: t.end !== undefined ? { at: times, end } : { at: times } };
  }
  if (t.end === undefined) c.add(['time'], 'missing time.end: expected the end of the simulation in hours (> 0)');
  const points = t.points ?? DEFAULT_POINTS;
  return { end, times: Number.isFinite(end) ? linspace(0, end, points) : [], timeSpec: { end, points } };
}

/** Axis count, ranges, log-scale bounds and the readout; the sweep only when its readout is well-formed. */
function checkSweep(
  c: Collector, s: SweepParts, end: number, inputIds: readonly string[], parameterIds: readonly string[],
): Scenario['sweep'] {
  const axes: SweepAxis[] = [];
  const axisIds = s.axisIds;
  if (axisIds.length === 0) c.add(['sweep'], 'a sweep needs one or two axes (an input or parameter id with its values) besides `readout`');
  if (axisIds.length > 2) c.add(['sweep', axisIds[2]], `a sweep has at most 2 axes (got ${axisIds.length}: ${axisIds.join(', ')})`, undefined, 'key');
  for (const id of axisIds) {
    const spec = s.axes[id];
    if (spec === undefined) continue;
    const isInput = inputIds.includes(id);
    const isParam = parameterIds.includes(id);
    const kind = isInput || !isParam ? 'input' : 'parameter';
    let values: number[];
    let axisSpec: SweepAxis['spec'];
    if (Array.isArray(spec)) {
      values = [...spec];
      axisSpec = { list: values };
      const set = new Set(values);
      if (set.size !== values.length) c.add(['sweep', id], `sweep axis '${id}' repeats a value`);
    } else {
      const { from, to, points } = spec;
      const scale = spec.scale ?? 'lin';
      if (kind === 'parameter' && from !== undefined && from < 0) c.add(['sweep', id, 'from'], `sweep.${id}.from must be ≥ 0`);
      // A range whose from or to is malformed has had that reported; judge only what is there.
      if (from === undefined || to === undefined) continue;
      if (scale === 'log' && (from <= 0 || to <= 0)) {
        c.add(['sweep', id, from <= 0 ? 'from' : 'to'],
          `sweep.${id}: log scale needs positive bounds (got from ${from}, to ${to})`, 'use scale: lin, or a positive lower bound');
      }
      if (scale === 'lin' && (from < 0 || to < 0)) {
        c.add(['sweep', id, from < 0 ? 'from' : 'to'], `sweep.${id}: doses must be ≥ 0 (got from ${from}, to ${to})`);
      }
      if (from === to) c.add(['sweep', id, 'to'], `sweep.${id}: from and to are equal (${from})`);
      if (points === undefined) continue;
      values = scale === 'log' && from > 0 && to > 0 ? logspace(from, to, points) : linspace(from, to, points);
      axisSpec = { from, to, points, scale };
    }
    const huge = values.find((v) => Math.abs(v) > LIMITS.magnitude);
    if (huge !== undefined) c.add(['sweep', id], `sweep axis '${id}' reaches ${huge}; numbers in a scenario are limited to ±${LIMITS.magnitude.toExponential()}`);
    axes.push({ id, kind, values, spec: axisSpec });
  }
  const size = axes.reduce((n, a) => n * a.values.length, 1);
  if (axes.length > 0 && size > LIMITS.sweepPoints) {
    c.add(['sweep'], `the sweep has ${axes.map((a) => a.values.length).join(' × ')} = ${size.toExponential(2)} points; the limit is ${LIMITS.sweepPoints.toLocaleString('en-US')} points per scenario`,
      'use fewer points, or split the grid into several scenarios');
  }
  const readout = s.readout;
  if (!readout) return undefined;
  if ((readout.at === undefined) === (readout.stat === undefined)) {
    c.add(['sweep', 'readout'], 'sweep.readout needs exactly one of `at` (a time in h) or `stat` (final, min, max, auc)');
  }
  if (readout.at !== undefined && Number.isFinite(end) && readout.at > end) {
    c.add(['sweep', 'readout', 'at'], `sweep.readout.at = ${readout.at} h is after time.end = ${end} h`);
  }
  return { axes, readout: { output: readout.output, ...(readout.at !== undefined ? { at: readout.at } : {}), ...(readout.stat ? { stat: readout.stat } : {}) } };
}

/** Bounds, times and sweep grid points of each well-formed expectation. */
function checkExpectations(
  c: Collector, entries: readonly (ExpectationEntry | undefined)[], sweep: Scenario['sweep'], end: number,
): Expectation[] {
  const expect: Expectation[] = [];
  const checkWhere = (p: PathSegment[], where: Record<string, number>, label: string) => {
    const axes = sweep!.axes;
    const axisIds = axes.map((a) => a.id);
    for (const [k, v] of Object.entries(where)) {
      const axis = axes.find((a) => a.id === k);
      if (!axis) c.add([...p, 'where', k], `${label}.where: '${k}' is not a sweep axis`, suggestion(k, axisIds), 'key');
      else if (!axis.values.some((x) => Math.abs(x - v) <= 1e-9 * Math.max(1, Math.abs(v)))) {
        c.add([...p, 'where', k], `${label}.where.${k} = ${v} is not a grid value of the sweep`,
          `grid: ${axis.values.map((x) => +x.toPrecision(6)).join(', ')}`);
      }
    }
    for (const a of axisIds) if (!(a in where)) c.add([...p, 'where'], `${label}.where is missing the axis '${a}'`);
  };
  entries.forEach((e, i) => {
    if (!e) return;
    const p: PathSegment[] = ['expect', i];
    if (e.below === undefined && e.above === undefined && e.between === undefined) {
      c.add(p, `expect.${i} needs a bound: below, above or between`);
    }
    if (e.between && !(e.between[0] <= e.between[1])) c.add([...p, 'between'], `expect.${i}.between must be [lo, hi] with lo ≤ hi`);
    for (const side of ['below', 'above'] as const) {
      const b = e[side];
      if (b === undefined || typeof b === 'number') continue;
      const bp: PathSegment[] = [...p, side];
      if (sweep) {
        if (!b.where || b.at !== undefined || b.stat !== undefined) c.add(bp, `expect.${i}.${side}: in a sweep a reference bound is { where: { axis: value, … }, times }`);
        else checkWhere(bp, b.where, `expect.${i}.${side}`);
      } else if ((b.at === undefined) === (b.stat === undefined) || b.where !== undefined) {
        c.add(bp, `expect.${i}.${side}: a reference bound needs exactly one of \`at\` or \`stat\` (and an optional \`times\`)`);
      } else if (b.at !== undefined && Number.isFinite(end) && b.at > end) {
        c.add([...bp, 'at'], `expect.${i}.${side}.at = ${b.at} h is after time.end = ${end} h`);
      }
    }
    if (sweep) {
      if ((e.where === undefined) === (e.fit === undefined)) {
        c.add(p, `expect.${i}: in a sweep, give exactly one of \`where\` (a grid point) or \`fit\` (ec50, slope, top, bottom)`);
      }
      if (e.at !== undefined || e.stat !== undefined) c.add(p, `expect.${i}: in a sweep the value is the readout; use \`where\` instead of at/stat`);
      if (e.output !== undefined && e.output !== sweep.readout.output) {
        c.add([...p, 'output'], `expect.${i}.output must be the readout output '${sweep.readout.output}' (got '${e.output}')`);
      }
      if (e.fit !== undefined && sweep.axes.length !== 1) c.add([...p, 'fit'], `expect.${i}.fit needs a 1-D sweep (this one has ${sweep.axes.length} axes)`);
      if (e.where) checkWhere([...p], e.where, `expect.${i}`);
    } else {
      if (e.where !== undefined || e.fit !== undefined) c.add(p, `expect.${i}: \`where\` and \`fit\` need a sweep`);
      if (e.output === undefined) c.add(p, `missing expect.${i}.output: expected a species or observable id`);
      if ((e.at === undefined) === (e.stat === undefined)) c.add(p, `expect.${i} needs exactly one of \`at\` (a time in h) or \`stat\``);
      if (e.at !== undefined && Number.isFinite(end) && e.at > end) c.add([...p, 'at'], `expect.${i}.at = ${e.at} h is after time.end = ${end} h`);
    }
    expect.push({ ...e, ...(sweep && e.output === undefined ? { output: sweep.readout.output } : {}) });
  });
  return expect;
}

/** The normalised scenario of a valid file, every default filled in. */
function toScenario(f: ScenarioFile, m: Meaning, modelName: string, outputIds: string[], file: string): Scenario {
  return {
    name: f.name,
    description: f.description,
    model: modelName,
    start: f.start ?? 'steady',
    end: m.end,
    times: m.times,
    timeSpec: m.timeSpec!,
    solver: {
      method: f.solver?.method ?? DEFAULT_SOLVER.method,
      rtol: f.solver?.rtol ?? DEFAULT_SOLVER.rtol,
      atol: f.solver?.atol ?? DEFAULT_SOLVER.atol,
      ...(f.solver?.maxSteps !== undefined ? { maxSteps: f.solver.maxSteps } : {}),
    },
    parameters: { ...(f.parameters ?? {}) },
    initial: m.initial,
    inputs: m.inputs,
    constantInputs: m.constantInputs,
    outputs: f.outputs ? [...f.outputs] : outputIds,
    ...(f.population ? { population: { parameter: f.population.parameter, cv: f.population.cv, cells: f.population.cells ?? DEFAULT_CELLS } } : {}),
    ...(m.sweep ? { sweep: m.sweep } : {}),
    expect: m.expect,
    tolerance: { rtol: f.tolerance?.rtol ?? DEFAULT_TOLERANCE.rtol, atol: f.tolerance?.atol ?? DEFAULT_TOLERANCE.atol },
    file,
  };
}

/** True when the text begins with the editor schema line every shipped scenario carries. */
export function hasSchemaLine(text: string): boolean {
  return SCHEMA_LINE.test(text.split('\n', 1)[0]);
}
