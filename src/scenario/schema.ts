/**
 * The structural schema of a scenario file (zod v4, strict objects). It checks shapes, types and
 * model-independent value constraints; ids are checked against the model afterwards
 * (`validate-ids.ts`), since the valid ids depend on which model the file names.
 *
 * The same schema is exported as JSON Schema to `scenarios/scenario.schema.json`
 * (`npx tsx src/scenario/write-json-schema.ts`; a test fails when the file is stale), so editors
 * complete and check the files as they are typed.
 */
import { z } from 'zod';
import { FitSchema, SensitivitySchema } from './analysis-blocks.ts';

const finite = () => z.number().refine(Number.isFinite, { message: 'must be a finite number' });
const nonNegative = (what: string) =>
  z.number().min(0, { message: `${what} must be ≥ 0` }).refine(Number.isFinite, { message: 'must be a finite number' });

/** A number in the id's unit, or text with a unit ("500 nM"), converted when the model is known. */
const withUnit = (what: string) =>
  z.union([nonNegative(what), z.string().regex(/^\s*[-+]?[\d.]/, { message: `${what} must be a number or a number with a unit, e.g. "500 nM"` })]);

export const ScheduleEntrySchema = z
  .strictObject({
    at: nonNegative('a schedule time').describe('Time (h) from which `value` applies.'),
    value: withUnit('a dose or concentration').describe("Value from `at` on, in the input's unit (or with a unit: \"500 nM\")."),
  })
  .describe('One step of a piecewise-constant input schedule.');

export const InputValueSchema = z
  .union([
    withUnit('a dose or concentration').describe("Constant from t = 0, in the input's unit (or with a unit: \"500 nM\")."),
    z.array(ScheduleEntrySchema).min(1, { message: 'a schedule needs at least one { at, value } entry' }),
  ])
  .describe('A constant value, or a schedule: a list of { at, value } with strictly increasing `at`.');

export const TimeSchema = z
  .strictObject({
    end: z.number().gt(0, { message: 'the simulation must end after t = 0 (> 0)' }).refine(Number.isFinite, { message: 'must be a finite number' })
      .optional().describe('End of the simulation (h). Output times run from 0 to `end`.'),
    points: z.number().int().min(2, { message: 'needs at least 2 output times' }).max(1_000_000).optional()
      .describe('Number of equally spaced output times from 0 to `end` (default 101).'),
    at: z.array(nonNegative('an output time')).min(1).optional()
      .describe('Explicit output times (h), strictly increasing. Alternative to `points`.'),
  })
  .describe('Simulated time span and output times, in hours.');

export const SolverSchema = z
  .strictObject({
    method: z.enum(['rodas5p', 'odex']).optional().describe('Integrator (default rodas5p).'),
    rtol: z.number().gt(0).lt(1).optional().describe('Relative tolerance (default 1e-5, chosen by the accuracy test over the shipped scenarios).'),
    atol: z.number().gt(0).optional().describe('Absolute tolerance (default 1e-9).'),
    maxSteps: z.number().int().min(1).optional().describe('Step budget (default: the solver default).'),
  })
  .describe('Solver settings.');

export const AxisRangeSchema = z
  .strictObject({
    from: finite().describe('First value.'),
    to: finite().describe('Last value.'),
    points: z.number().int().min(2, { message: 'a sweep axis needs at least 2 points' }).max(100_000).describe('Number of points, ≥ 2.'),
    scale: z.enum(['lin', 'log']).optional().describe('Spacing (default lin). `log` needs from, to > 0.'),
  })
  .describe('An evenly spaced sweep axis.');

export const AxisSchema = z
  .union([
    z.array(nonNegative('a swept value')).min(2, { message: 'a sweep axis needs at least 2 points' }),
    AxisRangeSchema,
  ])
  .describe('A sweep axis over an input or parameter: a list of values or { from, to, points, scale }.');

export const ReadoutSchema = z
  .strictObject({
    output: z.string().describe('Species or observable id.'),
    at: nonNegative('a readout time').optional().describe('Read the value at this time (h).'),
    stat: z.enum(['final', 'min', 'max', 'auc']).optional()
      .describe('Or a statistic over the output times: final value, minimum, maximum, or area under the curve (trapezoid, unit·h).'),
  })
  .describe('What one sweep point reports: `output` at a time `at`, or a `stat`.');

export const SweepSchema = z
  .object({ readout: ReadoutSchema })
  .catchall(AxisSchema)
  .describe('Makes the scenario a sweep: one or two axes (input or parameter ids) plus a `readout`.');

export const RefBoundSchema = z
  .strictObject({
    at: nonNegative('a reference time').optional().describe('The same output at this time (h).'),
    stat: z.enum(['final', 'min', 'max', 'auc']).optional().describe('Or a statistic of the same output.'),
    where: z.record(z.string(), finite()).optional().describe('Sweeps: the readout at this grid point.'),
    times: z.number().min(0).optional().describe('Multiplier applied to the reference value (default 1).'),
  })
  .describe('A bound relative to another value of the same run or sweep, e.g. { at: 0, times: 2 }.');

const Bound = z.union([finite(), RefBoundSchema]);

export const ExpectationSchema = z
  .strictObject({
    output: z.string().optional().describe('Species or observable id (for sweeps: defaults to the readout output).'),
    at: nonNegative('an expectation time').optional().describe('Time (h) at which to read the output.'),
    stat: z.enum(['final', 'min', 'max', 'auc']).optional().describe('Or a statistic over the output times.'),
    where: z.record(z.string(), finite()).optional().describe('Sweeps: the grid point (axis id → value) whose readout is checked.'),
    fit: z.enum(['ec50', 'slope', 'top', 'bottom']).optional().describe('1-D sweeps: a parameter of the fitted Hill curve.'),
    below: Bound.optional().describe('The value must be < this: a number, or a reference { at | stat | where, times }.'),
    above: Bound.optional().describe('The value must be > this: a number, or a reference { at | stat | where, times }.'),
    between: z.tuple([finite(), finite()]).optional().describe('The value must lie in [lo, hi].'),
    note: z.string().optional().describe('Why this must hold (biology, source).'),
  })
  .describe('An assertion checked by `ferrosim check`.');

export const ToleranceSchema = z
  .strictObject({
    rtol: z.number().min(0).optional().describe('Relative tolerance of the golden comparison (default 1e-4).'),
    atol: z.number().min(0).optional().describe('Absolute tolerance of the golden comparison (default 1e-8).'),
  })
  .describe('Golden comparison: |golden − new| ≤ atol + rtol·|golden|.');

export const PopulationSchema = z
  .strictObject({
    parameter: z.string().describe('The parameter that varies from cell to cell (a gene-expression multiplier such as xCT_expression is the natural choice).'),
    cv: z.number().gt(0, { message: 'cv must be > 0' }).max(3, { message: 'cv must be ≤ 3' })
      .describe('Coefficient of variation of its log-normal distribution across cells (protein levels in clonal human cells: about 0.15–0.3, Sigal et al. 2006).'),
    cells: z.number().int().min(2, { message: 'cells must be at least 2' }).max(64, { message: 'cells must be at most 64' }).optional()
      .describe('Sub-populations simulated, one per equal-probability quantile (default 16); each costs one solve.'),
  })
  .describe('A heterogeneous population: every output is the mean over sub-populations whose `parameter` is the scenario\'s value times a log-normal factor with mean 1.');

const idMap = (what: string) => z.record(z.string(), nonNegative(what));
const idMapWithUnits = (what: string) => z.record(z.string(), withUnit(what));

export const ScenarioFileSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'name must be letters, digits, ".", "_" or "-"' })
      .describe('Short id, used for golden file names.'),
    description: z.string().describe('What the scenario shows, and why.'),
    model: z.string().optional().describe('Model id (default "ferroptosis").'),
    start: z.enum(['steady', 'initial']).optional()
      .describe('steady (default): the untreated steady state with this scenario\'s parameters; initial: the declared initial values.'),
    time: TimeSchema,
    solver: SolverSchema.optional(),
    parameters: idMap('a parameter value').optional().describe('Parameter overrides, by id.'),
    initial: idMapWithUnits('an initial concentration').optional().describe('Initial-value overrides, by species id (applied on top of the start state).'),
    inputs: z.record(z.string(), InputValueSchema).optional().describe('Inputs (cytokines, drugs), by id.'),
    outputs: z.array(z.string()).min(1).optional().describe('Species or observables to report (default: all).'),
    population: PopulationSchema.optional(),
    sweep: SweepSchema.optional(),
    expect: z.array(ExpectationSchema).optional().describe('Assertions checked in CI.'),
    tolerance: ToleranceSchema.optional(),
    sensitivity: SensitivitySchema.optional(),
    fit: FitSchema.optional(),
  })
  .describe('A ferrosim scenario: one simulated experiment or a dose sweep.');

export type ScenarioFile = z.infer<typeof ScenarioFileSchema>;
