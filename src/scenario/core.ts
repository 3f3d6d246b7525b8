/**
 * The scenario layer without the model compiler plugged in (browser-safe: nothing here or below
 * imports `node:` modules). YAML → validated Scenario → runs and sweeps → CSV, golden comparison,
 * Hill fits. `index.ts` is this plus the compiler; the CLI and the sweep worker import this file
 * so that running a precompiled model never loads the compiler (see registry.ts).
 */
import type { CompiledModel } from '../model/types.ts';
import { parseScenarioWith, type ParseResult } from './parse.ts';
import { getModel, modelNames, requireModel } from './registry.ts';
import { runScenarioWith, type RunOptions, type ScenarioResult } from './run.ts';
import { evaluateSweepPointWith, type PointResult, type SweepPoint } from './sweep.ts';
import type { Scenario } from './types.ts';

export type * from './types.ts';
export { formatScenarioError, suggestion, closestIds } from './errors.ts';
export { fitHill, hillSummary, hillValue, type HillFit } from './hill.ts';
export { blissExcess, type BlissOptions } from './bliss.ts';
export { ScenarioFileSchema } from './schema.ts';
export { scenarioToYaml, scenarioYamlObject, flowLeaves, SCHEMA_COMMENT } from './yaml-out.ts';
export { sweepGrid, sweepPointAt, sweepSize, applySweepPoint, readoutLabel, readoutTimes, seriesStat, shardRange, type SweepPoint, type PointResult } from './sweep.ts';
export { unitOf, type ScenarioResult, type OutputSeries, type RunOptions, type RunStatus, RUN_STATUSES } from './run.ts';
export { resultToWideCsv, resultToLongCsv, parseCsv, splitHeader, parseNumber, formatNumber, stampLines, columnHeader, type Stamp, type CsvTable } from './csv.ts';
export {
  sweepToCsv, sweepUnits, mergeSweepCsv, readSweepFile, sweepFileMismatch, sweepHeadLines, MergeError, SweepFileError,
  type SweepUnits, type SweepFile, type SweepFileRow, type ShardSpec, type SweepCsvOptions,
} from './sweep-csv.ts';
export { compareCsv, compareTables, summariseChanges, type GoldenDiff, type GoldenComparison, type ColumnChange } from './golden.ts';
export { checkRunExpectations, checkSweepExpectations, expectationTimes, valueAtTime, type ExpectationOutcome } from './expect.ts';
export { hashString, canonicalJson } from '../model/hash.ts';
export {
  getModel, requireModel, modelNames, registerModel, modelOrigin, loadModelCompiler, setModelCompiler, CompilerNotLoadedError, modelSource,
  compileDefinition, type ModelOrigin, type ModelFileSource,
} from './registry.ts';
export { compileModelText, modelFileKind, MODEL_FILE_ENDINGS, type CompiledModelFile } from './model-source.ts';
export { parseModelFile, modelToYaml } from './model-file.ts';
export { hasSchemaLine } from './parse.ts';

/** Parses and validates scenario text against the models in the registry. */
export function parseScenario(text: string, fileName: string): ParseResult {
  return parseScenarioWith(text, fileName, { resolveModel: getModel, modelNames: modelNames() });
}

export interface ScenarioRunOptions extends RunOptions {
  model?: CompiledModel;
}

/** Runs a scenario with its model (from the registry unless `options.model` is given). */
export function runScenario(scenario: Scenario, options: ScenarioRunOptions = {}): ScenarioResult {
  return runScenarioWith(options.model ?? requireModel(scenario.model), scenario, options);
}

/** The readout at one grid point (NaN if its solve failed; see `evaluateSweepPointDetailed`). */
export function evaluateSweepPoint(scenario: Scenario, point: SweepPoint, model?: CompiledModel): number {
  return evaluateSweepPointWith(model ?? requireModel(scenario.model), scenario, point).value;
}

export function evaluateSweepPointDetailed(scenario: Scenario, point: SweepPoint, model?: CompiledModel): PointResult {
  return evaluateSweepPointWith(model ?? requireModel(scenario.model), scenario, point);
}

/** Hash of what determines a scenario's numbers (everything but the file name). */
export { scenarioHash } from './scenario-hash.ts';
