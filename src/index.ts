/**
 * The `ferrosim` package (Node): what a script needs to define, compile and solve a model, run
 * scenario files and read or write SBML. Every part is also a subpath with its whole API:
 * `ferrosim/solver`, `ferrosim/model`, `ferrosim/scenario` (browser-safe), `ferrosim/sbml`.
 *
 *   import { defineModel, compileModel, solve } from 'ferrosim';
 */
export {
  solve, createWorkspace, formatStats, statsCsv, METHODS,
  type OdeProblem, type Solution, type SolveOptions, type SolveStatus, type SolverStats, type SolverWorkspace,
} from './solver/index.ts';
export {
  defineModel, compileModel, steadyState, describeModel, setParameter, setInitial, ferroptosis, ModelError, COMPILER_VERSION,
  type ModelDefinition, type CompiledModel, type ModelProblem, type SteadyStateResult,
} from './model/index.ts';
export {
  parseScenario, runScenario, evaluateSweepPoint, evaluateSweepPointDetailed, sweepGrid, sweepPointAt, sweepSize,
  fitHill, blissExcess, resultToWideCsv, resultToLongCsv, sweepToCsv, scenarioToYaml, formatScenarioError, registerModel,
  scenarioHash,
  type Scenario, type ScenarioResult, type ScenarioError, type OutputSeries, type PointResult, type HillFit,
} from './scenario/index.ts';
export { loadScenarioFile, type LoadedScenario } from './scenario/load-file.ts';
export { importSbml, exportSbml, readSbml, SbmlError, type SbmlImport } from './sbml/core.ts';
export { runSweepPoints, defaultWorkers, type PoolOptions } from './cli/pool.ts';
