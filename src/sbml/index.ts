/**
 * SBML Level 2 and 3 import (core subset; loud on everything else), the SBML Test Suite runner and
 * SBML Level 3 Version 2 export. See README "SBML" for the supported subset. Browser code imports
 * `./core.ts` instead: the suite runner here reads folders with node:fs.
 */
export * from './core.ts';
export { runSbmlSuite, runCase, SUITE_LEVELS, suiteSummary } from './suite.ts';
export type { SuiteResult, SuiteOptions, CaseResult, CaseStatus, SuiteLevel } from './suite.ts';
