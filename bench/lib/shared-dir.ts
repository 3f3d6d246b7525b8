/**
 * Where the team's shared folder is: reference data the tests and benchmarks check against (the
 * Test Set's stiff problems and reference solutions, the HT-1080 GSH data, the SBML Test Suite).
 * It sits beside the repository (`../shared`), as in CI; FERROSIM_SHARED points elsewhere.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

export function sharedDir(): string {
  return process.env.FERROSIM_SHARED ? resolve(process.env.FERROSIM_SHARED) : resolve(REPO_ROOT, '..', 'shared');
}

/** A path inside the shared folder; throws a message that says what to do when the folder is missing. */
export function sharedPath(...parts: string[]): string {
  const dir = sharedDir();
  if (!existsSync(join(dir, 'reference'))) throw new Error(missingSharedMessage(dir));
  return join(dir, ...parts);
}

export function missingSharedMessage(dir: string): string {
  return `ferrosim's tests and benchmarks read reference data from the shared folder, expected at ${dir} ` +
    '(with reference/ and sbml-semantic/ inside). Clone ferrosim beside that folder, or set FERROSIM_SHARED to its path.';
}
