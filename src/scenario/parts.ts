/**
 * The sections of a scenario file that the meaning checks read, in one shape for both a valid
 * file and the well-formed parts of a structurally invalid one. So one pass can report a missing
 * field together with an unsorted schedule, and the checks exist once.
 */
import type { z } from 'zod';
import {
  AxisRangeSchema, AxisSchema, ExpectationSchema, InputValueSchema, ReadoutSchema, ScenarioFileSchema, ScheduleEntrySchema,
  type ScenarioFile,
} from './schema.ts';

type Readout = z.infer<typeof ReadoutSchema>;
export type ExpectationEntry = z.infer<typeof ExpectationSchema>;
/** A schedule step, or the well-formed fields of a malformed one. */
export type SchedulePart = Partial<z.infer<typeof ScheduleEntrySchema>>;
export type InputPart = number | string | SchedulePart[];
/** A list axis, or a range with the well-formed fields of a malformed one. */
export type AxisPart = number[] | Partial<z.infer<typeof AxisRangeSchema>>;

export interface SweepParts {
  /** Every axis id the file names (for the axis-count checks), well-formed or not. */
  axisIds: string[];
  /** The well-formed axes (ranges possibly in part) only. */
  axes: Record<string, AxisPart>;
  readout?: Readout;
}

export interface FileParts {
  time?: ScenarioFile['time'];
  initial?: NonNullable<ScenarioFile['initial']>;
  inputs?: Record<string, InputPart>;
  outputs?: string[];
  sweep?: SweepParts;
  /** Indexed as in the file; undefined where an entry is malformed. */
  expect?: (ExpectationEntry | undefined)[];
}

const isMap = (v: unknown): v is Record<string, unknown> => v != null && typeof v === 'object' && !Array.isArray(v);

/** The fields of a strict object that are well-formed each on its own. */
function goodFields<T>(schema: { shape: Record<string, z.ZodType> }, v: unknown): Partial<T> {
  const out: Record<string, unknown> = {};
  if (!isMap(v)) return out as Partial<T>;
  for (const [k, s] of Object.entries(schema.shape)) {
    const r = s.safeParse(v[k]);
    if (k in v && r.success && r.data !== undefined) out[k] = r.data;
  }
  return out as Partial<T>;
}

function axisPart(v: unknown): AxisPart | undefined {
  const r = AxisSchema.safeParse(v);
  if (r.success) return r.data;
  if (!isMap(v)) return undefined;
  const fields = goodFields<z.infer<typeof AxisRangeSchema>>(AxisRangeSchema, v);
  // Without its intended scale, a range's bounds cannot be judged.
  return 'scale' in v && fields.scale === undefined ? undefined : fields;
}

function inputPart(v: unknown): InputPart | undefined {
  const r = InputValueSchema.safeParse(v);
  if (r.success) return r.data;
  return Array.isArray(v) ? v.map((e) => goodFields<z.infer<typeof ScheduleEntrySchema>>(ScheduleEntrySchema, e)) : undefined;
}

function sweepParts(sweep: Record<string, unknown>): SweepParts {
  const axisIds = Object.keys(sweep).filter((k) => k !== 'readout');
  const axes: Record<string, AxisPart> = {};
  for (const id of axisIds) {
    const a = axisPart(sweep[id]);
    if (a) axes[id] = a;
  }
  const readout = ReadoutSchema.safeParse(sweep.readout);
  return { axisIds, axes, ...(readout.success ? { readout: readout.data } : {}) };
}

/** The parts of a file that passed the structural schema as a whole. */
export function partsOf(f: ScenarioFile): FileParts {
  return {
    time: f.time,
    ...(f.initial ? { initial: f.initial } : {}),
    ...(f.inputs ? { inputs: f.inputs } : {}),
    ...(f.outputs ? { outputs: f.outputs } : {}),
    ...(f.sweep ? { sweep: sweepParts(f.sweep) } : {}),
    ...(f.expect ? { expect: f.expect } : {}),
  };
}

/** The well-formed entries of a mapping, each checked alone with the value schema. */
function goodEntries<T>(v: unknown, parse: (entry: unknown) => T | undefined): Record<string, T> | undefined {
  if (!isMap(v)) return undefined;
  const out: Record<string, T> = {};
  for (const [k, x] of Object.entries(v)) {
    const p = parse(x);
    if (p !== undefined) out[k] = p;
  }
  return out;
}

const initialSchema = ScenarioFileSchema.shape.initial.unwrap();

/**
 * The well-formed parts of structurally invalid data, down to single entries where a section is a
 * mapping or a list. Malformed parts are left out: the structural pass has reported them.
 */
export function salvageParts(raw: Record<string, unknown>): FileParts {
  const parts: FileParts = {};
  const time = ScenarioFileSchema.shape.time.safeParse(raw.time);
  if (time.success) parts.time = time.data;
  const initial = goodEntries(raw.initial, (x) => {
    const r = initialSchema.safeParse({ x });
    return r.success ? r.data.x : undefined;
  });
  if (initial) parts.initial = initial;
  const inputs = goodEntries(raw.inputs, inputPart);
  if (inputs) parts.inputs = inputs;
  const outputs = ScenarioFileSchema.shape.outputs.safeParse(raw.outputs);
  if (outputs.success && outputs.data) parts.outputs = outputs.data;
  if (isMap(raw.sweep)) parts.sweep = sweepParts(raw.sweep);
  // Whether an expectation is right depends on whether the file is a sweep and on its grid, so
  // expectations are checked only when the sweep (if any) is wholly well-formed.
  const sweepWhole = raw.sweep === undefined || ScenarioFileSchema.shape.sweep.safeParse(raw.sweep).success;
  if (Array.isArray(raw.expect) && sweepWhole) {
    parts.expect = raw.expect.map((e) => {
      const r = ExpectationSchema.safeParse(e);
      return r.success ? r.data : undefined;
    });
  }
  return parts;
}
