/**
 * Where the test suites and tools that ferrosim may not redistribute are, and what happens without
 * them. A bare clone runs every test that needs nothing from outside; a test that needs one of
 * these skips with one line saying what is missing and where to get it. Under CI (`CI` set), a
 * missing one fails instead, so our CI always runs them.
 *
 * Published figures the tests need (the stiff Test Set's reference values, the HT-1080 GSH data)
 * are in the repository, under test/reference/; nothing here is about them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { sharedDir } from '../../bench/lib/shared-dir.ts';

export { sharedDir };

export interface ExternalDependency {
  /** What it is, as a user would name it. */
  label: string;
  /** Where it was looked for (first existing wins). */
  candidates: () => string[];
  /** How to get it: one sentence. */
  howToGet: string;
}

export const EXTERNAL = {
  sbmlTestSuite: {
    label: 'SBML Test Suite (semantic cases)',
    candidates: () => [process.env.FERROSIM_SBML_SUITE ?? '', join(sharedDir(), 'sbml-semantic', 'cases')],
    howToGet: 'download the semantic test cases from the SBML Test Suite release (https://github.com/sbmlteam/sbml-test-suite/releases) and set FERROSIM_SBML_SUITE to their cases folder, or put them at ../shared/sbml-semantic/cases',
  },
  biomodels: {
    label: 'published BioModels iron-metabolism models with reference time courses',
    candidates: () => [process.env.FERROSIM_BIOMODELS ?? '', join(sharedDir(), 'biomodels')],
    howToGet: 'the team keeps them in ../shared/biomodels (BioModels BIOMD0000000498, BIOMD0000000259, BIOMD0000000737, MODEL1805140003, MODEL2211030001 with reference CSVs); set FERROSIM_BIOMODELS to such a folder',
  },
  chromium: {
    label: "Chromium for the browser end-to-end tests",
    candidates: () => [process.env.FERROSIM_CHROMIUM ?? '', '/usr/bin/chromium'],
    howToGet: "install Debian's chromium (apt-get install -y chromium) or set FERROSIM_CHROMIUM; never a downloaded browser",
  },
  sbmlValidator: {
    label: "libsbml's validateSBML for the SBML export validation",
    candidates: () => [process.env.SBML_VALIDATOR ?? '', '/usr/local/bin/validateSBML', '/tmp/validateSBML'],
    howToGet: 'apt-get install -y libsbml5-dev libsbml5-examples, then compile the example program as .ci/run does',
  },
  slurm: {
    label: "Slurm (Debian's slurm-wlm and munge) for the `ferrosim slurm` tests",
    candidates: () => ['/usr/sbin/slurmctld'],
    howToGet: 'as root, apt-get install -y slurm-wlm munge; the tests then start a one-node cluster with scripts/slurm-cluster.sh (or use the one SLURM_CONF names)',
  },
} satisfies Record<string, ExternalDependency>;

export type ExternalName = keyof typeof EXTERNAL;

/** The path of the dependency, or undefined when it is not on this machine. */
export function locate(name: ExternalName): string | undefined {
  return EXTERNAL[name].candidates().find((p) => p !== '' && existsSync(p));
}

/** One line: what is skipped, why, and how to get it. */
export function skipLine(name: ExternalName): string {
  const d = EXTERNAL[name];
  const looked = d.candidates().filter((p) => p !== '');
  return `tests needing the ${d.label} are skipped (not found at ${looked.join(' or ')}); to run them, ${d.howToGet}`;
}

export const inCi = (): boolean => !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';

/**
 * For a test file: the dependency's path, or undefined so the caller skips its tests. Under CI a
 * missing dependency registers a failing test that says what is missing.
 */
export function requireExternal(name: ExternalName): string | undefined {
  const path = locate(name);
  if (path === undefined && inCi()) {
    it(`has the ${EXTERNAL[name].label} (CI runs every suite)`, () => {
      throw new Error(`CI is set but the ${EXTERNAL[name].label} is missing. ${skipLine(name)}`);
    });
  }
  return path;
}
